package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The man page that ./mvnw package writes to target/man/catflap.1, and the file locations --help names. */
class ManPageIT {
    private static final String USER_FILE_FALLBACK =
            "~/.config/catflap/config.properties where XDG_CONFIG_HOME is unset, empty or not an absolute path";
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

    /**
     * Every key that --show-config lists, in FILES, and its variable, in ENVIRONMENT, with the
     * real file locations and the other variables catflap reads.
     */
    @Test
    void filesAndEnvironmentNameEveryKeyAndVariable() {
        String page = rendered();
        String files = section(page, "FILES", "ENVIRONMENT");
        String environment = section(page, "ENVIRONMENT", "EXIT STATUS");
        for (String location : List.of(".catflap.properties", ".catflap.local.properties",
                "$XDG_CONFIG_HOME/catflap/config.properties", "~/.config/catflap/config.properties")) {
            assertTrue(files.contains(location), location + " missing from:\n" + files);
        }
        Catflap.Result show = Catflap.launcher().run("--show-config");
        assertEquals(0, show.exit(), show.stderr());
        List<String> keys = show.stdout().lines().filter(line -> line.startsWith("catflap.")).map(line -> line.split(" +")[0]).toList();
        assertTrue(keys.size() >= 20 && keys.contains("catflap.command"), "keys of --show-config: " + keys);
        for (String key : keys) {
            assertTrue(Pattern.compile("(?m)^ +" + Pattern.quote(key) + "=").matcher(files).find(), key + " missing from:\n" + files);
            String variable = key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
            assertTrue(Pattern.compile("(?m)^ +" + variable + "$").matcher(environment).find(), variable + " missing from:\n" + environment);
        }
        for (String variable : List.of("XDG_CONFIG_HOME", "HOME", "PATH", "CATFLAP_JAVA_OPTS", "CATFLAP_DEBUG", "JAVA_HOME", "LISTEN_FD")) {
            assertTrue(Pattern.compile("(?m)^ +" + variable + "$").matcher(environment).find(), variable + " missing from:\n" + environment);
        }
        assertTrue(page.contains("__pycache__/"), "the help's __pycache__ lost its underscores:\n" + page);
    }

    @Test
    void theHelpNamesTheRealFileLocations() {
        String help = HelpText.text().replaceAll("\\s+", " ");
        for (String location : List.of(".catflap.local.properties", "$XDG_CONFIG_HOME/catflap/config.properties",
                "(" + USER_FILE_FALLBACK + ")", "--init")) {
            assertTrue(help.contains(location), location + " missing from:\n" + help);
        }
    }

    /**
     * Where the user file is without XDG_CONFIG_HOME, and what a relative path means where, in the
     * words man's FILES and ENVIRONMENT say them (ManPageSectionsTest): each is written once.
     */
    @Test
    void helpSaysTheFallbackAndTheRelativePathRuleAsManDoes() {
        String help = HelpText.text().replaceAll("\\s+", " ");
        assertFalse(help.contains("where XDG_CONFIG_HOME is unset)"), "the fallback half said:\n" + help);
        for (String path : List.of("DIR", "PATH", "unix:PATH")) {
            String rule = "A relative " + path + " is the working directory's as an option or variable, the file's directory's in a file.";
            assertTrue(help.contains(rule), rule + " missing from:\n" + help);
        }
        assertFalse(help.contains(". for the working directory"), "a unit-dir of . is the working directory's as an option alone");
    }

    /** The text of the section {@code title}, up to the next one's. */
    private static String section(String page, String title, String next) {
        int start = page.indexOf("\n" + title + "\n");
        int end = page.indexOf("\n" + next, start + 1);
        assertTrue(start >= 0 && end > start, "no " + title + " section before " + next + " in:\n" + page);
        return page.substring(start, end);
    }

    /** The page as {@code man -l} shows it, as plain text. */
    private static String rendered() {
        // Writing to a file rather than a terminal, man leaves out bold and underlining.
        Catflap.Result man = Catflap.launcher().env("MANWIDTH", "100").runDirectly(List.of("man", "-l", PAGE.toString()));
        assertEquals(0, man.exit(), man.stderr());
        return man.stdout();
    }
}
