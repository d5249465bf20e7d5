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

    /** --init takes no command: after it, no command names (nor options' values) are offered for a word. */
    @Test
    void bashOffersNoCommandAfterInit() {
        assertEquals(List.of(), bashCompletes("catflap", "--init", "ech"));
        assertTrue(bashCompletes("catflap", "--init", "--").contains("--help"), "options still");
    }

    @Test
    void zshRegistersTheCompletionAndCompletesOptionsThenCommands() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh")),
                "zsh is not installed: skipping its completion test (.ci/run installs it)");
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
                """).split("\n");
        assertTrue(lines[0].startsWith("_bash_complete -F _catflap_complete"), lines[0]);
        List<String> options = Arrays.asList(lines[1].split(" "));
        for (String option : HelpText.longOptions()) {
            assertTrue(options.contains(option), option + " missing from: " + options);
        }
        assertTrue(Arrays.asList(lines[2].split(" ")).contains("echo"), "no echo among the commands offered");
    }

    private static List<String> sorted(List<String> words) {
        return words.stream().sorted().toList();
    }

    /** What bash offers for the last of {@code words}, catflap's being {@code words[0]}. */
    private List<String> bashCompletes(String... words) {
        String offered = shell("bash", """
                source "$1"; shift
                COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
                _catflap_complete 2>/dev/null
                printf '%s\\n' "${COMPREPLY[@]}"
                """, words).strip();
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
