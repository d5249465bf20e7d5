package dev.catflap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Writes catflap's completion script for bash and zsh; run by the build with the file to write.
 * picocli's AutoComplete completes the options. Options end at COMMAND, though, and from there on
 * the words are the command's own, so a wrapper completes those as a command line of its own:
 * command names, then what bash-completion offers for that command (file names without it).
 * picocli's function completes no option's value (it turns bash's default off), so the wrapper
 * completes those that are paths, by their label: file names for FILE and PATH, directories for DIR.
 */
public final class CompletionScript {
    private static final String AFTER_THE_COMMAND = """

            # catflap's own addition: options end at COMMAND, so from COMMAND on, complete a
            # command line of its own instead of catflap's options.
            # The index of COMMAND in COMP_WORDS, if it has begun (the word being typed counts).
            function _catflap_command_index() {
              local i=1
              while (( i <= COMP_CWORD )); do
                case ${COMP_WORDS[i]} in
                  --) echo $((i + 1)); return ;;
                  %s) # an option whose value is the next word, or the one after the = bash split off
                    [[ ${COMP_WORDS[i+1]} == = ]] && ((i++))
                    ((i++)) ;;
                  -*) ;;
                  *) echo $i; return ;;
                esac
                ((i++))
              done
            }

            # The option whose value is being typed, if any: -x VALUE or --xx=VALUE (bash splits at =).
            function _catflap_value_of() {
              local previous=${COMP_WORDS[COMP_CWORD-1]}
              if [[ $previous == = ]] && (( COMP_CWORD > 1 )); then
                previous=${COMP_WORDS[COMP_CWORD-2]}
              fi
              echo "$previous"
            }

            # --init writes the starter file and takes no command: nothing to complete but options.
            function _catflap_has_init() {
              local i
              for (( i = 1; i < COMP_CWORD; i++ )); do
                [[ ${COMP_WORDS[i]} == --init ]] && return 0
              done
              return 1
            }

            # Fills COMPREPLY with the lines "$@" prints, one word each: a file name may hold spaces,
            # which COMPREPLY=( $(...) ) would split. (No mapfile: zsh's bashcompinit has none.)
            function _catflap_reply() {
              local line
              COMPREPLY=()
              while IFS= read -r line; do
                COMPREPLY+=("$line")
              done < <("$@")
            }

            function _catflap_complete() {
              local start current=${COMP_WORDS[COMP_CWORD]}
              [[ $current == = ]] && current=
              # From COMMAND on the words are the command's, its own options' values too.
              start=$(_catflap_command_index)
              if [[ -n $start ]] && (( COMP_CWORD >= start )) && ! _catflap_has_init; then
                if typeset -f _command_offset >/dev/null; then # bash-completion's (not in zsh)
                  _command_offset "$start"
                elif (( COMP_CWORD == start )); then
                  _catflap_reply compgen -c -- "$current"
                else
                  compopt -o filenames 2>/dev/null
                  _catflap_reply compgen -f -- "$current"
                fi
                return
              fi
              # picocli's function completes nothing for a value (compopt +o default): a path's is a file name.
              case $(_catflap_value_of) in
                %s)
                  compopt -o filenames 2>/dev/null
                  _catflap_reply compgen -f -- "$current"; return ;;
                %s)
                  compopt -o filenames 2>/dev/null
                  _catflap_reply compgen -d -- "$current"; return ;;
              esac
              _complete_catflap "$@"
            }

            complete -F _catflap_complete -o default catflap
            """;

    /** The values, by their label in the help, that are file names (--config FILE, --watch PATH)... */
    private static final Set<String> FILE_LABELS = Set.of("FILE", "PATH");
    /** ...and directories' (--workdir DIR, --unit-dir DIR). */
    private static final String DIRECTORY_LABEL = "DIR";

    private CompletionScript() {
    }

    public static void main(String[] args) throws Exception {
        Path script = Path.of(args[0]);
        CommandLine catflap = new CommandLine(CatflapCommand.class, new DescriptionFactory());
        Files.createDirectories(script.toAbsolutePath().getParent());
        Files.writeString(script, AutoComplete.bash("catflap", catflap) + AFTER_THE_COMMAND.formatted(
                String.join("|", valueOptionNames(catflap, label -> true)),
                String.join("|", valueOptionNames(catflap, FILE_LABELS::contains)),
                String.join("|", valueOptionNames(catflap, DIRECTORY_LABEL::equals))));
    }

    /** Every name of every option that takes a value whose label {@code label} accepts, e.g. -p and --port. */
    private static List<String> valueOptionNames(CommandLine catflap, Predicate<String> label) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : catflap.getCommandSpec().options()) {
            if (option.arity().max() > 0 && label.test(option.paramLabel())) {
                names.addAll(List.of(option.names()));
            }
        }
        return names;
    }
}
