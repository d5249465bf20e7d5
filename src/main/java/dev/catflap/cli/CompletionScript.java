package dev.catflap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Writes catflap's completion script for bash and zsh; run by the build with the file to write.
 * picocli's AutoComplete completes the options. Options end at COMMAND, though, and from there on
 * the words are the command's own, so a wrapper completes those as a command line of its own:
 * command names, then what bash-completion offers for that command (file names without it).
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
                  %s) ((i++)) ;; # an option whose value is the next word
                  -*) ;;
                  *) echo $i; return ;;
                esac
                ((i++))
              done
            }

            function _catflap_complete() {
              local start
              start=$(_catflap_command_index)
              if [[ -z $start ]] || (( COMP_CWORD < start )); then
                _complete_catflap "$@"
              elif typeset -f _command_offset >/dev/null; then # bash-completion's (not in zsh)
                _command_offset "$start"
              elif (( COMP_CWORD == start )); then
                COMPREPLY=( $(compgen -c -- "${COMP_WORDS[COMP_CWORD]}") )
              else
                COMPREPLY=( $(compgen -f -- "${COMP_WORDS[COMP_CWORD]}") )
              fi
            }

            complete -F _catflap_complete -o default catflap
            """;

    private CompletionScript() {
    }

    public static void main(String[] args) throws Exception {
        Path script = Path.of(args[0]);
        CommandLine catflap = new CommandLine(CatflapCommand.class, new DescriptionFactory());
        Files.createDirectories(script.toAbsolutePath().getParent());
        Files.writeString(script, AutoComplete.bash("catflap", catflap)
                + AFTER_THE_COMMAND.formatted(String.join("|", valueOptionNames(catflap))));
    }

    /** Every name of every option that takes a value, e.g. -p and --port. */
    private static List<String> valueOptionNames(CommandLine catflap) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : catflap.getCommandSpec().options()) {
            if (option.arity().max() > 0) {
                names.addAll(List.of(option.names()));
            }
        }
        return names;
    }
}
