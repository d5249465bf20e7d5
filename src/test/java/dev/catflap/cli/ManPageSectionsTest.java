package dev.catflap.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.config.Setting;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The man page's FILES and ENVIRONMENT sections name every row of the settings' table. */
class ManPageSectionsTest {

    @ParameterizedTest
    @MethodSource("dev.catflap.config.Setting#values")
    void filesHasEveryKeyWithItsHelp(Setting<?> setting) {
        String files = ManPageSections.files();
        assertTrue(files.contains("*pass:c[" + setting.key() + "="), setting.key() + " missing from:\n" + files);
        assertTrue(files.contains(setting.description().replace("]", "\\]")), setting.key() + "'s help missing from:\n" + files);
    }

    @ParameterizedTest
    @MethodSource("dev.catflap.config.Setting#values")
    void environmentHasEveryVariable(Setting<?> setting) {
        String environment = ManPageSections.environment();
        assertTrue(environment.contains("*" + ManPageSections.literal(setting.environmentVariable()) + "*::"),
                setting.environmentVariable() + " missing from:\n" + environment);
    }

    @Test
    void filesNamesTheRealLocations() {
        String files = ManPageSections.files();
        for (String file : List.of(".catflap.properties", ".catflap.local.properties",
                "$XDG_CONFIG_HOME/catflap/config.properties", "~/.config/catflap/config.properties")) {
            assertTrue(files.contains(file), file + " missing from:\n" + files);
        }
    }

    @Test
    void environmentHasTheOtherVariablesCatflapReads() {
        String environment = ManPageSections.environment();
        for (String variable : List.of("XDG_CONFIG_HOME", "HOME", "PATH", "CATFLAP_JAVA_OPTS", "JAVA_HOME", "LISTEN_FD")) {
            assertTrue(environment.contains("*" + ManPageSections.literal(variable)), variable + " missing from:\n" + environment);
        }
    }

    @Test
    void theSectionsGoBeforeTheExitStatusAndDescriptionsAreLiteral() {
        String page = "== Options\n\n*--watch*=_PATH_::\n  Not in __pycache__/.\n\n" + ManPageSections.BEFORE + "\n== Exit status\n";
        String inserted = ManPageSections.inserted(page);
        assertTrue(inserted.indexOf("== Files") < inserted.indexOf("== Environment"), inserted);
        assertTrue(inserted.indexOf("== Environment") < inserted.indexOf(ManPageSections.BEFORE), inserted);
        assertTrue(inserted.contains("  pass:c[Not in __pycache__/.]\n"), inserted);
        assertTrue(inserted.startsWith("== Options\n\n*--watch*=_PATH_::\n"), "the option's term stays as picocli wrote it:\n" + inserted);
    }

    @Test
    void aPageWithoutAnExitStatusSectionStopsTheBuild() {
        assertThrows(IllegalStateException.class, () -> ManPageSections.inserted("== Options\n"));
    }

    @Test
    void aClosingBracketIsEscapedInALiteral() {
        assertTrue(ManPageSections.literal("[IPV6]:PORT").equals("pass:c[[IPV6\\]:PORT]"));
    }

    /** The user file's fallback in the same words in FILES and ENVIRONMENT; catflap.command is no option, and FILES says so. */
    @Test
    void filesAndEnvironmentSayTheFallbackAlikeAndCommandIsNoOption() {
        String fallback = "~/.config/catflap/config.properties where XDG_CONFIG_HOME is unset, empty or not an absolute path";
        assertTrue(ManPageSections.files().contains(fallback), ManPageSections.files());
        assertTrue(ManPageSections.environment().contains(fallback), ManPageSections.environment());
        assertTrue(!ManPageSections.files().contains("each also an option and a variable")
                && ManPageSections.files().contains("but catflap.command, which on the command line is the words after the options"),
                ManPageSections.files());
    }

    /** Every path row says what a relative path is relative to, in one wording; unit-dir no longer says . is the working directory. */
    @Test
    void everyPathRowSaysTheRelativePathRule() {
        String files = ManPageSections.files();
        for (String path : List.of("DIR", "PATH", "unix:PATH")) {
            assertTrue(files.contains("A relative " + path + " is the working directory's as an option or variable, the file's "
                    + "directory's in a file."), path + " in:\n" + files);
        }
        assertTrue(!files.contains(". for the working directory"), files);
    }
}
