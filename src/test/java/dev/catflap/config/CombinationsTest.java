package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.catflap.CatflapException;
import dev.catflap.ExitStatus;
import dev.catflap.socket.ListenSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings that contradict each other, through {@link Configuration} as catflap loads them. */
class CombinationsTest {
    @TempDir
    Path home;

    private final Map<Setting<?>, List<String>> flags = new LinkedHashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    @Test
    void listenReplacesTheShorthandFromALowerSourceButNotFromTheSameOne() {
        flags.put(Setting.LISTEN, List.of("127.0.0.1:0"));
        environment.put("CATFLAP_PORT", "8080");
        assertDoesNotThrow(this::load);
        flags.put(Setting.PORT, List.of("8080"));
        assertEquals("-p/--port 8080: cannot be combined with -l/--listen 127.0.0.1:0; write the address as one more spec "
                + "instead: -l 127.0.0.1:8080", refusal());
    }

    /**
     * Lists add up: a -l alone would keep the lower source's specs, bound first. The hint says
     * what replaces them, in the shorthand's own source.
     */
    @Test
    void theShorthandsHintClearsTheLowerSourcesSpecs() {
        environment.put("CATFLAP_LISTEN", "127.0.0.1:8110");
        flags.put(Setting.PORT, List.of("9002"));
        assertEquals("-p/--port 9002: cannot be combined with CATFLAP_LISTEN=127.0.0.1:8110; to listen at 127.0.0.1:9002 "
                + "alone, write -l '' -l 127.0.0.1:9002 instead (an empty first element clears the lower sources' specs)", refusal());
        flags.clear();
        environment.put("CATFLAP_HOST", "::1");
        environment.put("CATFLAP_PORT", "9002");
        assertEquals("CATFLAP_HOST=::1: cannot be combined with CATFLAP_LISTEN=127.0.0.1:8110; add [::1]:9002 to "
                + "CATFLAP_LISTEN instead", refusal());
    }

    @Test
    void aModesSettingAsAnOptionNeedsItsMode() {
        flags.put(Setting.FDNAME, List.of("web"));
        assertEquals("--fdname web: only applies with --systemd", refusal());
        flags.clear();
        flags.put(Setting.NO_PID, List.of("true"));
        assertEquals("--no-pid: only applies with --systemd", refusal());
        flags.clear();
        flags.put(Setting.GRACE, List.of("1"));
        assertEquals("--grace 1: only applies with --watch", refusal());
        flags.clear();
        flags.put(Setting.IGNORE, List.of("*.log"));
        assertEquals("--ignore *.log: only applies with --watch", refusal());
    }

    @Test
    void aModesSettingFromAVariableWaitsForItsMode() {
        environment.put("CATFLAP_FDNAME", "web");
        environment.put("CATFLAP_GRACE", "1");
        environment.put("CATFLAP_NO_PID", "true");
        environment.put("CATFLAP_IGNORE", "*.log");
        assertDoesNotThrow(this::load);
    }

    @Test
    void stdinTakesOneSocketAndNotSystemds() {
        flags.put(Setting.STDIN, List.of("true"));
        flags.put(Setting.SYSTEMD, List.of("true"));
        assertEquals("--stdin: cannot be combined with --systemd (systemd's protocol passes sockets from fd 3 up)", refusal());
        flags.remove(Setting.SYSTEMD);
        flags.put(Setting.LISTEN, List.of("127.0.0.1:0", "[::1]:0"));
        assertEquals("--stdin: takes a single socket, but -l/--listen 127.0.0.1:0 -l/--listen [::1]:0 gives 2", refusal());
    }

    @Test
    void systemdKeepsItsOwnVariables() {
        flags.put(Setting.SYSTEMD, List.of("true"));
        environment.put("CATFLAP_ENV", "LISTEN_FDS");
        assertEquals("CATFLAP_ENV=LISTEN_FDS: is set by --systemd itself; choose another name", refusal());
    }

    /** The command needs the socket's fd in that variable: --setenv may not take it, in any mode. */
    @Test
    void setenvLeavesTheSocketVariableToCatflap() {
        flags.put(Setting.SETENV, List.of("LISTEN_FD=7"));
        assertEquals("--setenv LISTEN_FD=7: LISTEN_FD is the variable catflap sets to the socket's fd (-e/--env, by default); "
                + "choose another name", refusal());
        flags.put(Setting.SETENV, List.of("DEBUG=1", "PORT_FD=7"));
        environment.put("CATFLAP_ENV", "PORT_FD");
        assertEquals("--setenv DEBUG=1 --setenv PORT_FD=7: PORT_FD=7: PORT_FD is the variable catflap sets to the socket's "
                + "fd (CATFLAP_ENV=PORT_FD); choose another name", refusal());
        flags.put(Setting.SETENV, List.of("LISTEN_FD=7"));
        assertDoesNotThrow(this::load, "with -e PORT_FD, LISTEN_FD is the command's");
    }

    @Test
    void oneNamePerSocket() {
        flags.put(Setting.SYSTEMD, List.of("true"));
        flags.put(Setting.FDNAME, List.of("a", "b"));
        assertEquals("--fdname a --fdname b: 2 names for 1 socket: give one --fdname per socket, in order", refusal());
        flags.put(Setting.LISTEN, List.of("127.0.0.1:0", "[::1]:0"));
        assertDoesNotThrow(this::load);
    }

    /** --systemd-units is no setting: the rule for its options waits for the command line's mode, but is kept here. */
    @Test
    void aUnitOptionAsAnOptionNeedsSystemdUnits() throws IOException {
        flags.put(Setting.UNIT_DIR, List.of("."));
        Settings settings = load();
        CatflapException refused = assertThrows(CatflapException.class, settings::refuseUnitOptions);
        assertEquals(ExitStatus.USAGE, refused.status());
        assertEquals("--unit-dir .: only applies with --systemd-units", refused.getMessage());
        flags.clear();
        environment.put("CATFLAP_UNIT_COMMAND", "cat");
        assertDoesNotThrow(load()::refuseUnitOptions, "from a variable it waits for --systemd-units");
    }

    /** The units name their sockets with or without --systemd: the same count, in the same words. */
    @Test
    void theUnitsCountTheNamesAsSystemdDoes() throws IOException {
        environment.put("CATFLAP_FDNAME", "a,b");
        Settings settings = load();
        CatflapException refused = assertThrows(CatflapException.class, settings::requireOneNamePerSocket);
        assertEquals(ExitStatus.USAGE, refused.status());
        assertEquals("CATFLAP_FDNAME=a,b: 2 names for 1 socket: give one --fdname per socket, in order", refused.getMessage());
        flags.put(Setting.LISTEN, List.of("127.0.0.1:0", "[::1]:0"));
        assertDoesNotThrow(load()::requireOneNamePerSocket);
        environment.remove("CATFLAP_FDNAME");
        assertDoesNotThrow(load()::requireOneNamePerSocket, "no names: the default ones");
    }

    /** Without -l, the -h/-p shorthand's one TCP socket: the one socket --stdin and --fdname are counted against. */
    @Test
    void theSocketsAreTheListenSpecsOrTheShorthandsOne() throws IOException {
        flags.put(Setting.PORT, List.of("8080"));
        assertEquals(List.of(ListenSpec.parse("127.0.0.1:8080")), load().config().sockets());
        flags.clear();
        flags.put(Setting.LISTEN, List.of("unix:a.sock", "udp://[::1]:53"));
        assertEquals(List.of(ListenSpec.parse("unix:a.sock"), ListenSpec.parse("udp://[::1]:53")), load().config().sockets());
    }

    private String refusal() {
        CatflapException refused = assertThrows(CatflapException.class, this::load);
        assertEquals(ExitStatus.USAGE, refused.status());
        return refused.getMessage();
    }

    /** With an empty project file named, so that no file around the build's directory counts. */
    private Settings load() throws IOException {
        environment.put("HOME", home.toString());
        Path empty = home.resolve("empty.properties");
        if (!Files.exists(empty)) {
            Files.createFile(empty);
        }
        return new Configuration(FakeFileSystem.owning(home)).load(flags, Optional.empty(), Optional.of(empty), environment);
    }
}
