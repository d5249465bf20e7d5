package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bash and zsh completion script that ./mvnw package writes to target/completion/catflap. */
class ShellCompletionIT {
    private static final Path SCRIPT = Path.of(System.getProperty("catflap.completion", "target/completion/catflap"));

    @TempDir
    Path emptyDirectory; // where file-name completion finds nothing

    @Test
    void bashAcceptsTheScript() {
        assertTrue(Files.isRegularFile(SCRIPT), SCRIPT + " was not generated");
        Catflap.Result check = Catflap.launcher().runDirectly(List.of("bash", "-n", SCRIPT.toString()));
        assertEquals(0, check.exit(), check.stderr());
    }

    @Test
    void bashRegistersTheCompletionAndCompletesEveryOptionOfTheHelp() {
        String registered = shell("bash", "source \"$1\"; complete -p catflap").strip();
        assertEquals("complete -o default -F _catflap_complete catflap", registered);
        List<String> words = bashCompletes("catflap", "-");
        for (String option : HelpText.longOptions()) {
            assertTrue(words.contains(option), option + " missing from: " + words);
        }
    }

    @Test
    void bashCompletesAnOptionFromItsPrefix() {
        assertEquals(List.of("--port"), bashCompletes("catflap", "--po"));
    }

    @Test
    void bashCompletesCommandNamesWhereTheCommandBegins() {
        assertTrue(bashCompletes("catflap", "-p", "8080", "--", "ech").contains("echo"));
        assertTrue(bashCompletes("catflap", "-p", "8080", "ech").contains("echo"));
        assertTrue(bashCompletes("catflap", "-q", "--port=8080", "ech").contains("echo"));
    }

    @Test
    void bashDoesNotTakeAnOptionsValueForTheCommand() {
        assertEquals(List.of(), bashCompletes("catflap", "-e", "ech"));
    }

    @Test
    void bashOffersNoneOfCatflapsOptionsAfterTheCommand() {
        // The command's own words: file names (none here), as bash would complete them for sh.
        assertEquals(List.of(), bashCompletes("catflap", "-p", "8080", "sh", "--p"));
    }

    /** picocli's function completes no value (compopt +o default): a path option's is a file or directory name. */
    @Test
    void bashCompletesFileNamesForFileOptionsAndDirectoriesForDirectoryOptions() throws Exception {
        Files.writeString(emptyDirectory.resolve(".catflap.properties"), "");
        Files.writeString(emptyDirectory.resolve("setup.py"), "");
        Files.createDirectory(emptyDirectory.resolve("src"));
        Files.createDirectory(emptyDirectory.resolve("deploy"));
        Files.writeString(emptyDirectory.resolve("deploy.txt"), "");
        assertEquals(List.of(".catflap.properties"), sorted(bashCompletes("catflap", "--config", ".catflap.p")));
        assertEquals(List.of(".catflap.properties"), sorted(bashCompletes("catflap", "--config", "=", ".catflap.p")),
                "--config=FILE, which bash splits at the =");
        assertEquals(List.of("setup.py", "src"), sorted(bashCompletes("catflap", "-q", "--watch", "s")));
        assertEquals(List.of("src"), sorted(bashCompletes("catflap", "--workdir", "s")), "directories alone");
        assertEquals(List.of("deploy"), sorted(bashCompletes("catflap", "--unit-dir", "de")), "directories alone");
        assertEquals(List.of(), bashCompletes("catflap", "-p", "s"), "a port is no file name");
    }

    /** A file name with a space is one word, not two (COMPREPLY=( $(compgen ...) ) split it). */
    @Test
    void bashOffersAFileNameWithASpaceAsOneWord() throws Exception {
        Files.writeString(emptyDirectory.resolve("my settings.properties"), "");
        assertEquals(List.of("my settings.properties"), bashCompletes("catflap", "--config", "my"));
        assertEquals(List.of("my settings.properties"), bashCompletes("catflap", "--config", "=", "my"));
        assertEquals(List.of("my settings.properties"), bashCompletes("catflap", "-p", "8080", "cat", "my"),
                "a command's own file argument");
    }

    /**
     * After COMMAND an option of catflap's name is the command's: {@code python --config} gets
     * python's completion (bash-completion's _command_offset, here a stand-in that says where it
     * was called for), not catflap's file names.
     */
    @Test
    void bashLeavesTheCommandsOwnOptionsToTheCommand() throws Exception {
        Files.writeString(emptyDirectory.resolve("setup.py"), "");
        String standIn = "function _command_offset() { COMPREPLY=(\"command from word $1\"); }";
        assertEquals(List.of("command from word 1"), bashCompletesWith(standIn, "catflap", "python", "--config", "s"));
        assertEquals(List.of("command from word 3"), bashCompletesWith(standIn, "catflap", "-p", "8080", "python", "--workdir", "s"));
        assertEquals(List.of("command from word 4"), bashCompletesWith(standIn, "catflap", "--port", "=", "8080", "python", "s"),
                "--port=8080, which bash splits at the =: 8080 is its value, not the command");
        assertEquals(List.of("setup.py"), bashCompletesWith(standIn, "catflap", "--config", "s"), "catflap's own --config still");
    }

    /** --init takes no command: after it, no command names (nor options' values) are offered for a word. */
    @Test
    void bashOffersNoCommandAfterInit() {
        assertEquals(List.of(), bashCompletes("catflap", "--init", "ech"));
        assertTrue(bashCompletes("catflap", "--init", "--").contains("--help"), "options still");
    }

    @Test
    void zshRegistersTheCompletionAndCompletesOptionsThenCommands() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh")),
                "zsh is not installed: skipping its completion test (.ci/run installs it)");
        Files.writeString(emptyDirectory.resolve("my settings.properties"), "");
        // zsh runs bash completion functions through bashcompinit, which the script loads itself;
        // zsh filters the words by the prefix typed, so the function offers them all.
        String[] lines = shell("zsh", """
                source "$1"
                print -r -- "${_comps[catflap]}"
                setopt ksharrays
                COMP_WORDS=(catflap -); COMP_CWORD=1
                _catflap_complete
                print -r -- "${COMPREPLY[@]}"
                COMP_WORDS=(catflap -p 8080 -- ech); COMP_CWORD=4
                _catflap_complete
                print -r -- "${COMPREPLY[@]}"
                COMP_WORDS=(catflap --config my); COMP_CWORD=2
                _catflap_complete
                print -r -- "${(j:|:)COMPREPLY[@]}"
                """).split("\n");
        assertTrue(lines[0].startsWith("_bash_complete -F _catflap_complete"), lines[0]);
        List<String> options = Arrays.asList(lines[1].split(" "));
        for (String option : HelpText.longOptions()) {
            assertTrue(options.contains(option), option + " missing from: " + options);
        }
        assertTrue(Arrays.asList(lines[2].split(" ")).contains("echo"), "no echo among the commands offered");
        assertTrue(Arrays.asList(lines[3].split("\\|")).contains("my settings.properties"),
                "a file name with a space, one word: " + lines[3]);
    }

    private static List<String> sorted(List<String> words) {
        return words.stream().sorted().toList();
    }

    /** What bash offers for the last of {@code words}, catflap's being {@code words[0]}. */
    private List<String> bashCompletes(String... words) {
        return bashCompletesWith("", words);
    }

    /** The same, with {@code setup} run after the script is sourced. */
    private List<String> bashCompletesWith(String setup, String... words) {
        String offered = shell("bash", """
                source "$1"; shift
                %s
                COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
                _catflap_complete 2>/dev/null
                printf '%%s\\n' "${COMPREPLY[@]}"
                """.formatted(setup), words).strip();
        return offered.isEmpty() ? List.of() : List.of(offered.split("\n"));
    }

    /**
     * Runs {@code script} in {@code shell}, without the user's start-up files, in an empty directory,
     * with the completion script as $1 and {@code args} after it.
     */
    private String shell(String shell, String script, String... args) {
        String noStartupFiles = shell.equals("zsh") ? "-f" : "--norc";
        List<String> command = new ArrayList<>(
                List.of(shell, noStartupFiles, "-c", script, shell, SCRIPT.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Catflap.Result result = Catflap.launcher().in(emptyDirectory).runDirectly(command);
        assertEquals(0, result.exit(), result.stderr());
        return result.stdout();
    }
}
