package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The bash and zsh completion script that ./mvnw package writes to target/completion/catflap. */
class ShellCompletionIT {
    private static final Path SCRIPT = Path.of(System.getProperty("catflap.completion", "target/completion/catflap"));

    @Test
    void bashAcceptsTheScript() {
        assertTrue(Files.isRegularFile(SCRIPT), SCRIPT + " was not generated");
        Catflap.Result check = Catflap.launcher().runDirectly(List.of("bash", "-n", SCRIPT.toString()));
        assertEquals(0, check.exit(), check.stderr());
    }

    @Test
    void bashCompletesEveryOptionOfTheHelp() {
        String words = complete("bash", """
                source "$1"
                complete -p catflap
                COMP_WORDS=(catflap -); COMP_CWORD=1
                _complete_catflap 2>/dev/null
                echo "${COMPREPLY[@]}"
                """);
        assertTrue(words.startsWith("complete -o default -F _complete_catflap catflap"), words);
        for (String option : HelpText.longOptions()) {
            assertTrue((" " + words.replace('\n', ' ') + " ").contains(" " + option + " "), option + " missing from: " + words);
        }
    }

    @Test
    void bashCompletesAnOptionFromItsPrefix() {
        String words = complete("bash", """
                source "$1"
                COMP_WORDS=(catflap --po); COMP_CWORD=1
                _complete_catflap 2>/dev/null
                echo "${COMPREPLY[@]}"
                """);
        assertEquals("--port", words.strip());
    }

    @Test
    void zshRegistersTheCompletionAndCompletesEveryOption() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh")),
                "zsh is not installed: skipping its completion test (.ci/run installs it)");
        // zsh runs bash completion functions through bashcompinit, which the script loads itself;
        // zsh filters the words by the prefix typed, so the function offers them all.
        String words = complete("zsh", """
                source "$1"
                print -r -- "${_comps[catflap]}"
                setopt ksharrays
                COMP_WORDS=(catflap -); COMP_CWORD=1
                _complete_catflap
                print -r -- "${COMPREPLY[@]}"
                """);
        assertTrue(words.startsWith("_bash_complete -F _complete_catflap"), words);
        for (String option : HelpText.longOptions()) {
            assertTrue((" " + words.replace('\n', ' ') + " ").contains(" " + option + " "), option + " missing from: " + words);
        }
    }

    /** Runs {@code script} in {@code shell} (without the user's start-up files) with the completion script as $1. */
    private static String complete(String shell, String script) {
        String noStartupFiles = shell.equals("zsh") ? "-f" : "--norc";
        Catflap.Result result = Catflap.launcher().runDirectly(
                List.of(shell, noStartupFiles, "-c", script, shell, SCRIPT.toAbsolutePath().toString()));
        assertEquals(0, result.exit(), result.stderr());
        return result.stdout();
    }
}
