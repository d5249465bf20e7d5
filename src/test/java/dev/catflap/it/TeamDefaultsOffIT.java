package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI in a repository whose committed team file turns on watching and spawning: it switches them
 * off with {@code --no-watch}, {@code --no-spawn}, an empty value ({@code CATFLAP_WATCH=},
 * {@code --watch ''}) or {@code CATFLAP_SPAWN=false}, and a one-shot command ends catflap with its
 * own status instead of waiting for the next change.
 */
class TeamDefaultsOffIT {
    /** A one-shot command ends at once; watching, catflap would wait here for a change that never comes. */
    private static final long ENDS_WITHIN_SECONDS = 20;
    private static final List<String> SMOKE = List.of("--", "sh", "-c", "echo smoke; exit 3");

    @TempDir
    Path temp;
    Path repository;
    Path home;

    @BeforeEach
    void teamRepository() throws IOException {
        home = Files.createDirectories(temp.resolve("home"));
        repository = Files.createDirectories(temp.resolve("webapp"));
        Files.createDirectories(repository.resolve(".git"));
        Files.createDirectories(repository.resolve("src"));
        Files.writeString(repository.resolve(".catflap.properties"), """
                catflap.watch=src
                catflap.spawn=true
                catflap.ignore=*.pyc
                catflap.grace=1
                catflap.quiet=true
                """);
    }

    @Test
    void noWatchEndsWithTheCommandsStatus() {
        assertOneShot(catflap(), "-p", "0", "--no-watch");
    }

    @Test
    void noWatchAndNoSpawnExecTheCommand() {
        assertOneShot(catflap(), "-p", "0", "--no-watch", "--no-spawn");
    }

    @Test
    void anEmptyVariableUnsetsTheTeamsWatch() {
        assertOneShot(catflap().env("CATFLAP_WATCH", ""), "-p", "0");
    }

    @Test
    void anEmptyOptionUnsetsTheTeamsWatch() {
        assertOneShot(catflap(), "-p", "0", "--watch", "");
    }

    @Test
    void spawnFalseInAVariableSwitchesOffTheTeamsSpawn() {
        Catflap.Result result = catflap().env("CATFLAP_WATCH", "").env("CATFLAP_SPAWN", "false")
                .run("--show-config");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(Pattern.compile("(?m)^catflap\\.spawn +false +CATFLAP_SPAWN$").matcher(result.stdout()).find(), result.stdout());
        assertOneShot(catflap().env("CATFLAP_WATCH", "").env("CATFLAP_SPAWN", "false"), "-p", "0");
    }

    /**
     * CI's spawn switched off, at or above the team's watch, would be dropped and catflap would
     * watch for ever: a one-line usage error naming both, and the command does not run.
     */
    @Test
    void switchingSpawnOffUnderTheTeamsWatchIsAnError() {
        Path ran = temp.resolve("ran");
        Path teamFile = repository.resolve(".catflap.properties");
        String watch = "catflap.watch=src (" + teamFile + ":1)"; // the file's value as written
        String team = ": watching runs the command as a child (--watch implies --spawn); use --no-watch to switch that watching off\n";
        List<Catflap.Result> results = List.of(
                catflap().env("CATFLAP_SPAWN", "false").run("-p", "0", "--", "touch", ran.toString()),
                catflap().run("--no-spawn", "-p", "0", "--", "touch", ran.toString()),
                catflap().run("--watch", "src", "--no-spawn", "-p", "0", "--", "touch", ran.toString()),
                catflap().env("CATFLAP_SPAWN", "false").run("--show-config"));
        List<String> expected = List.of("[catflap] CATFLAP_SPAWN=false contradicts " + watch + team,
                "[catflap] --no-spawn contradicts " + watch + team,
                "[catflap] --no-spawn contradicts " + watch + " + --watch src: watching runs the command as a child "
                        + "(--watch implies --spawn); drop one of the two\n",
                "[catflap] CATFLAP_SPAWN=false contradicts " + watch + team);
        for (int i = 0; i < results.size(); i++) {
            assertEquals(2, results.get(i).exit(), results.get(i).stderr());
            assertEquals(expected.get(i), results.get(i).stderr());
        }
        assertFalse(Files.exists(ran), "the command ran");
    }

    @Test
    void anOptionAndItsNegationAreOneLineError() {
        Catflap.Result result = catflap().run("-p", "0", "--spawn", "--no-spawn", "--", "true");
        assertEquals(2, result.exit());
        assertTrue(result.stderr().startsWith("[catflap] --no-spawn cannot be combined with --spawn"), result.stderr());
    }

    @Test
    void showConfigShowsTheEffectiveMode() {
        Catflap.Result watching = catflap().run("--show-config");
        assertEquals(0, watching.exit(), watching.stderr());
        assertTrue(Pattern.compile("(?m)^catflap\\.spawn +true +")
                .matcher(watching.stdout()).find(), watching.stdout());

        Catflap.Result watchingOnly = catflap().env("CATFLAP_SPAWN", "false").run("--watch", "src", "--show-config");
        assertEquals(0, watchingOnly.exit(), watchingOnly.stderr());
        assertTrue(Pattern.compile("(?m)^catflap\\.spawn +true +implied by .*--watch \\(src\\), overriding CATFLAP_SPAWN=false$")
                .matcher(watchingOnly.stdout()).find(), watchingOnly.stdout());

        Catflap.Result off = catflap().run("--no-watch", "--show-config");
        assertTrue(Pattern.compile("(?m)^catflap\\.watch +\\(not set\\) +unset by --no-watch$")
                .matcher(off.stdout()).find(), off.stdout());
    }

    /** --show-config names what the user typed, and shows a switch as read, not as written. */
    @Test
    void showConfigNamesTheValuesAsTypedAndRead() {
        Catflap.Result empty = catflap().env("CATFLAP_QUIET", "no").run("--watch", "", "--show-config");
        assertEquals(0, empty.exit(), empty.stderr());
        assertTrue(Pattern.compile("(?m)^catflap\\.watch +\\(not set\\) +unset by --watch ''$")
                .matcher(empty.stdout()).find(), empty.stdout());
        assertTrue(Pattern.compile("(?m)^catflap\\.quiet +false +CATFLAP_QUIET$").matcher(empty.stdout()).find(), empty.stdout());
    }

    @Test
    void theNegationsAreInTheHelp() {
        Catflap.Result help = catflap().run("--help");
        for (String negation : List.of("--no-watch", "--no-spawn", "--no-systemd", "--no-stdin", "--no-quiet")) {
            assertTrue(help.stdout().contains(negation), negation);
        }
    }

    /** The one-shot command ran once, printed its line, and its status is catflap's, soon. */
    private void assertOneShot(Catflap catflap, String... options) {
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(SMOKE);
        Catflap.Running running = catflap.start(args);
        try {
            if (!running.process().waitFor(ENDS_WITHIN_SECONDS, TimeUnit.SECONDS)) {
                running.process().descendants().forEach(ProcessHandle::destroyForcibly);
                running.process().destroyForcibly();
                fail("catflap " + args + " did not end: " + running.stderr());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Catflap.Result result = running.await();
        assertEquals(3, result.exit(), result.stderr());
        assertEquals("smoke\n", result.stdout());
        assertFalse(result.stderr().contains("starts again"), result.stderr());
    }

    /** catflap started in the repository, with a HOME of its own and no CATFLAP_* variable of the caller's. */
    private Catflap catflap() {
        Catflap catflap = Catflap.launcher().in(repository).env("HOME", home.toString())
                .env("XDG_CONFIG_HOME", home.resolve(".config").toString());
        catflap.environment().keySet().removeIf(name -> name.startsWith("CATFLAP_"));
        return catflap;
    }
}
