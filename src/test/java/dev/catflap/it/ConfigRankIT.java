package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A source's rank is catflap's: a file that writes {@code config_ordinal} (which SmallRye would
 * take as the file's own rank) or a CONFIG_ORDINAL variable changes nothing, the key is warned of
 * as any key catflap does not know, and the user's options and variables still come first.
 */
class ConfigRankIT {
    /** The files a user's options must outrank: found in the project, named with --config, the user's own. */
    enum File { PROJECT, CONFIG_OPTION, USER }

    private static final String RANK = "config_ordinal=10000";

    @TempDir
    Path temp;
    Path home;
    Path configHome;
    Path project;

    @BeforeEach
    void directories() throws IOException {
        home = Files.createDirectories(temp.resolve("home"));
        configHome = Files.createDirectories(temp.resolve("xdg"));
        project = Files.createDirectories(temp.resolve("project"));
    }

    /** The review's case: -h and -p (and -e, -q) are the user's, whatever the file says of its rank. */
    @ParameterizedTest
    @EnumSource(File.class)
    void aFileThatRanksItselfHighDoesNotOutrankTheOptions(File file) throws IOException {
        int filePort = freePort();
        List<String> options = write(file, RANK, "catflap.host=0.0.0.0", "catflap.port=" + filePort, "catflap.env=FILE_FD",
                "catflap.quiet=false");

        Catflap.Result result = catflap().run(args(options, List.of("-h", "127.0.0.1", "-p", "0", "-e", "FLAG_FD"),
                "sh", "-c", "printf %s \"$FLAG_FD\""));
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("3", result.stdout(), "-e FLAG_FD: " + result.stderr());
        assertEquals(1, result.listening().size(), result.stderr());
        assertTrue(result.listening().get(0).startsWith("127.0.0.1:"), result.stderr());
        assertNotEquals(filePort, result.port(), result.stderr());
        assertTrue(result.stderr().contains("[catflap] warning: " + path(file) + ":1: " + RANK + ": unknown setting (ignored; catflap reads only catflap.* keys)\n"),
                result.stderr());

        Catflap.Result quiet = catflap().run(args(options, List.of("-q", "-p", "0"), "true"));
        assertEquals(0, quiet.exit(), quiet.stderr());
        assertFalse(quiet.stderr().contains("Listening at"), "-q: " + quiet.stderr());
    }

    @ParameterizedTest
    @EnumSource(File.class)
    void aFileThatRanksItselfHighDoesNotOutrankTheVariables(File file) throws IOException {
        int filePort = freePort();
        List<String> options = write(file, RANK, "catflap.port=" + filePort, "catflap.env=FILE_FD");

        Catflap.Result result = catflap().env("CATFLAP_PORT", "0").env("CATFLAP_ENV", "VARIABLE_FD")
                .run(args(options, List.of(), "sh", "-c", "printf %s \"$VARIABLE_FD\""));
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("3", result.stdout(), "CATFLAP_ENV: " + result.stderr());
        assertNotEquals(filePort, result.port(), "CATFLAP_PORT=0: " + result.stderr());
    }

    /** The unit options, too: the units go where --unit-dir says and run what --unit-command says. */
    @ParameterizedTest
    @EnumSource(File.class)
    void aFileThatRanksItselfHighDoesNotOutrankTheUnitOptions(File file) throws IOException {
        Path fileUnits = Files.createDirectories(project.resolve("file-units"));
        Path flagUnits = Files.createDirectories(project.resolve("flag-units"));
        List<String> options = write(file, RANK, "catflap.port=8080", "catflap.unit-dir=" + fileUnits,
                "catflap.unit-command=/bin/false");

        Catflap.Result result = catflap().run(args(options, List.of("--systemd-units", "app", "--unit-dir", flagUnits.toString(),
                "--unit-command", "/bin/cat -n")));
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(Files.readString(flagUnits.resolve("app.service")).contains("\nExecStart=/bin/cat -n\n"),
                Files.readString(flagUnits.resolve("app.service")));
        try (Stream<Path> files = Files.list(fileUnits)) {
            assertEquals(List.of(), files.toList(), "nothing in the file's unit directory");
        }
    }

    /** Nor does the user file rank itself above the project file. */
    @Test
    void theUserFileThatRanksItselfHighStaysBelowTheProjectFile() throws IOException {
        write(File.PROJECT, "catflap.env=PROJECT_FD");
        write(File.USER, RANK, "catflap.env=USER_FD");

        Catflap.Result result = catflap().run("-p", "0", "sh", "-c", "printf %s \"$PROJECT_FD\"");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("3", result.stdout(), result.stderr());
    }

    /**
     * A project file that opens the socket to other machines is said so, whatever rank it gives
     * itself: high (the warning went with the project file's rank) or low (its host was lost).
     */
    @ParameterizedTest
    @ValueSource(strings = {"config_ordinal=10000", "config_ordinal=1"})
    void theWarningOfAProjectFilesHostStays(String rank) throws IOException {
        write(File.PROJECT, rank, "catflap.host=0.0.0.0");

        Catflap.Result result = catflap().run("-p", "0", "true");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(result.listening().get(0).startsWith("0.0.0.0:"), result.stderr());
        assertTrue(result.stderr().contains("[catflap] warning: " + path(File.PROJECT) + ":2: catflap.host=0.0.0.0: "
                + "not a loopback address: other machines can connect to the command\n"), result.stderr());
    }

    /** A rank that is no number is as ignored as any other: no internal error. */
    @Test
    void aRankThatIsNoNumberIsIgnoredToo() throws IOException {
        write(File.PROJECT, "config_ordinal=abc", "catflap.env=PROJECT_FD");

        Catflap.Result result = catflap().run("-p", "0", "sh", "-c", "printf %s \"$PROJECT_FD\"");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("3", result.stdout(), result.stderr());
        assertFalse(result.stderr().contains("internal error"), result.stderr());
    }

    /** The environment's rank is catflap's too: CONFIG_ORDINAL moves CATFLAP_* variables neither above the options nor below the files. */
    @ParameterizedTest
    @ValueSource(strings = {"CONFIG_ORDINAL", "config_ordinal"})
    void aVariableDoesNotChangeTheEnvironmentsRank(String variable) throws IOException {
        int variablePort = freePort();
        write(File.PROJECT, "catflap.env=PROJECT_FD");
        Catflap.Result high = catflap().env(variable, "10000").env("CATFLAP_PORT", Integer.toString(variablePort))
                .run("-p", "0", "true");
        assertEquals(0, high.exit(), high.stderr());
        assertNotEquals(variablePort, high.port(), "-p 0 over CATFLAP_PORT: " + high.stderr());

        Catflap.Result low = catflap().env(variable, "1").env("CATFLAP_ENV", "VARIABLE_FD")
                .run("-p", "0", "sh", "-c", "printf %s \"$VARIABLE_FD\"");
        assertEquals(0, low.exit(), low.stderr());
        assertEquals("3", low.stdout(), "CATFLAP_ENV over the project file: " + low.stderr());
    }

    /**
     * Quarkus's own configuration, built before catflap's, reads nothing of the project's nor the
     * environment's either: a rank there that is no number stopped catflap with a stack trace.
     */
    @ParameterizedTest
    @ValueSource(strings = {".env", "config/application.properties", "CONFIG_ORDINAL", "config_ordinal"})
    void quarkusTakesNoRankFromTheProjectNorTheEnvironment(String where) throws IOException {
        Catflap catflap = catflap();
        switch (where) {
            case ".env" -> Files.writeString(project.resolve(".env"), "CONFIG_ORDINAL=abc\nconfig_ordinal=abc\n");
            case "config/application.properties" -> Files.writeString(
                    Files.createDirectories(project.resolve("config")).resolve("application.properties"), "config_ordinal=abc\n");
            default -> catflap.env(where, "abc");
        }
        Catflap.Result result = catflap.run("-p", "0", "true");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(result.stderr().matches("\\[catflap] Listening at: 127\\.0\\.0\\.1:\\d+\n"), result.stderr());
    }

    private Catflap catflap() {
        Catflap catflap = Catflap.launcher().in(project).env("HOME", home.toString()).env("XDG_CONFIG_HOME", configHome.toString());
        catflap.environment().keySet().removeIf(name -> name.startsWith("CATFLAP_") || name.equalsIgnoreCase("CONFIG_ORDINAL"));
        return catflap;
    }

    /** Writes {@code file}; the options that make catflap read it (--config FILE), if any. */
    private List<String> write(File file, String... lines) throws IOException {
        Path path = path(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, String.join("\n", lines) + "\n");
        return file == File.CONFIG_OPTION ? List.of("--config", path.toString()) : List.of();
    }

    private Path path(File file) {
        return switch (file) {
            case PROJECT -> project.resolve(".catflap.properties");
            case CONFIG_OPTION -> temp.resolve("team/catflap.properties");
            case USER -> configHome.resolve("catflap/config.properties");
        };
    }

    private static List<String> args(List<String> fileOptions, List<String> options, String... command) {
        List<String> args = new ArrayList<>(fileOptions);
        args.addAll(options);
        if (command.length > 0) {
            args.add("--");
            args.addAll(List.of(command));
        }
        return args;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
