package dev.catflap.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartPacingTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Path PID = Path.of("src/server.pid");

    private final List<String> notices = new ArrayList<>();
    private final RestartPacing pacing = new RestartPacing(notices::add, 0);

    @Test
    void quickRestartsWaitLongerEachTimeAfterThreeAndSaySoOnce() {
        List<Duration> waits = new ArrayList<>();
        long now = 0;
        for (int restart = 0; restart < 8; restart++) {
            now += SECOND / 4; // the command changes the file right after it starts
            Duration wait = pacing.waitFor(PID, now);
            waits.add(wait);
            now += wait.toNanos();
            pacing.started(now);
        }
        assertEquals(List.of(0L, 0L, 0L, 500L, 1000L, 2000L, 4000L, 4000L), waits.stream().map(Duration::toMillis).toList());
        assertEquals(List.of("src/server.pid changed right after each of the last 4 starts: restarts now wait up to 4 s;"
                + " if the command writes it, leave it out with --ignore server.pid"), notices);
    }

    @Test
    void aChangeLongAfterTheLastStartRestartsAtOnceAndStartsTheCountAgain() {
        long now = 0;
        for (int restart = 0; restart < 4; restart++) {
            now += SECOND / 4;
            pacing.started(now + pacing.waitFor(PID, now).toNanos());
        }
        now += 3 * SECOND;
        assertEquals(Duration.ZERO, pacing.waitFor(PID, now));
        pacing.started(now);
        for (int restart = 0; restart < 3; restart++) {
            now += SECOND / 4;
            assertEquals(Duration.ZERO, pacing.waitFor(PID, now));
            pacing.started(now);
        }
        assertEquals(Duration.ofMillis(500), pacing.waitFor(PID, now + SECOND / 4));
    }

    @Test
    void theHintsGlobMatchesTheNameAlone() {
        for (String name : List.of("server.pid", "app [1]*.log", "a{b,c}", "x?y", "back\\slash")) {
            IgnoreRules rules = new IgnoreRules(List.of(IgnoreGlob.compile(RestartPacing.glob(Path.of(name)))));
            assertTrue(rules.ignores(Path.of("deep/down/" + name)), name);
            assertFalse(rules.ignores(Path.of(name + "x")), name);
        }
        assertFalse(new IgnoreRules(List.of(IgnoreGlob.compile(RestartPacing.glob(Path.of("x?y"))))).ignores(Path.of("xzy")));
    }

    @Test
    void theHintsGlobMatchesANameThatIsNotUtf8() {
        Path name = Path.of(URI.create("file:///tmp/a%FFb%5B.log")).getFileName(); // the bytes a\xffb[.log
        assertEquals("a?b\\[.log", RestartPacing.glob(name));
        IgnoreRules rules = new IgnoreRules(List.of(IgnoreGlob.compile(RestartPacing.glob(name))));
        assertTrue(rules.ignores(Path.of(URI.create("file:///w/a%FFb%5B.log")).subpath(1, 2)));
    }

    @Test
    void theHintsWordIsQuotedForTheShellWhereNeeded() {
        assertEquals("server.pid", RestartPacing.shellWord("server.pid"));
        assertEquals("'app \\[1]\\*.log'", RestartPacing.shellWord("app \\[1]\\*.log"));
        assertEquals("'it'\\''s'", RestartPacing.shellWord("it's"));
    }
}
