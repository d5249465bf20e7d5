package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The man page that ./mvnw package writes to target/man/catflap.1. */
class ManPageIT {
    private static final Path PAGE = Path.of(System.getProperty("catflap.manpage", "target/man/catflap.1"));

    @Test
    void groffFormatsThePageWithoutWarnings() {
        assertTrue(Files.isRegularFile(PAGE), PAGE + " was not generated");
        Catflap.Result groff = Catflap.launcher().runDirectly(List.of("groff", "-man", "-Tutf8", "-ww", "-z", PAGE.toString()));
        assertEquals(0, groff.exit(), groff.stderr());
        assertEquals("", groff.stderr());
    }

    @Test
    void manShowsTheUsualSectionsAndEveryOptionOfTheHelp() {
        String page = rendered();
        for (String section : List.of("NAME", "SYNOPSIS", "DESCRIPTION", "SOCKET OPTIONS", "EXAMPLES")) {
            assertTrue(page.contains("\n" + section + "\n"), "no " + section + " section in:\n" + page);
        }
        assertTrue(page.contains("\nEXIT STATUS"), "no exit status section in:\n" + page);
        assertFalse(Pattern.compile("(?m)^[A-Z].*:$").matcher(page).find(), "a section title ends with ':' in:\n" + page);
        assertTrue(page.contains("catflap - Bind a listening socket once"), page);
        for (String option : HelpText.longOptions()) {
            assertTrue(page.contains(option), option + " missing from:\n" + page);
        }
    }

    /** The page as {@code man -l} shows it, as plain text. */
    private static String rendered() {
        // Writing to a file rather than a terminal, man leaves out bold and underlining.
        Catflap.Result man = Catflap.launcher().env("MANWIDTH", "100").runDirectly(List.of("man", "-l", PAGE.toString()));
        assertEquals(0, man.exit(), man.stderr());
        return man.stdout();
    }
}
