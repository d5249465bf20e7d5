package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The options that are no setting read as they did when picocli took them from annotations
 * (cli/CommandModel builds them in code): --show-config by its value, not by whether it was given.
 */
class CommandModelIT {
    @Test
    void showConfigFalseShowsNothingAndRunsTheCommand() {
        Catflap.Result result = Catflap.launcher().run("--show-config=false", "-q", "-p", "0", "--", "sh", "-c", "echo ran");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("ran\n", result.stdout());
        assertEquals("", result.stderr());
    }
}
