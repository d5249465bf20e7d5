package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * As many sockets as fit under the caller's open-files limit reach the command; past it, one
 * error that names the limit, and no socket file is left behind.
 */
class DescriptorLimitIT {
    private static final int LIMIT = 1024;

    @TempDir
    Path temp;

    /** catflap with {@code count} Unix sockets in temp, started by a caller whose soft limit is {@link #LIMIT}. */
    private Catflap.Result withUnixSockets(int count, String mode, List<String> command) {
        List<String> args = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> args.addAll(List.of("-l", "unix:s" + i + ".sock")));
        args.add("-q");
        if (mode.equals("spawn")) {
            args.add("--spawn");
        }
        args.add("--");
        args.addAll(command);
        Caller caller = new Caller().withOpenFilesLimit(LIMIT);
        return Catflap.launcher().in(temp).runDirectly(caller.execWords(Catflap.launcher().commandLine(args)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"exec", "spawn"})
    void sixHundredSocketsFitUnderALimitOf1024(String mode) {
        Catflap.Result result = withUnixSockets(600, mode, Catflap.interpreterProbe("report"));
        assertEquals(0, result.exit(), result.stderr());
        ProbeReport report = ProbeReport.parse(result.stdout());
        TreeSet<Integer> expected = new TreeSet<>(List.of(0, 1, 2));
        IntStream.range(3, 603).forEach(expected::add);
        assertEquals(expected, report.fds(), "fds 3-602 are the sockets, and nothing else is open");
        assertEquals("unix:s0.sock", "unix:" + report.socket(3).get("address").asText());
        assertEquals("unix:s599.sock", "unix:" + report.socket(602).get("address").asText());
        assertEquals(LIMIT, report.nofileSoft(), "the command has the caller's limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"exec", "spawn"})
    void pastTheLimitOneErrorNamesItAndNoSocketFileStays(String mode) throws IOException {
        Catflap.Result result = withUnixSockets(1100, mode, List.of("touch", "ran"));
        assertEquals(1, result.exit(), result.stderr());
        assertTrue(result.stderr().startsWith("[catflap] cannot listen on unix:s"), result.stderr());
        assertTrue(result.stderr().contains("too many open files (the open-files limit is " + LIMIT + "; raise it with ulimit -n)"),
                result.stderr());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
        try (var left = Files.list(temp)) {
            assertEquals(List.of(), left.toList(), "no socket file is left, and the command did not run");
        }
    }
}
