package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Settings from flags, CATFLAP_* variables, the project file, the user file and the defaults, as
 * the launched command sees them. Every run gets its own HOME and XDG_CONFIG_HOME, so that the
 * real user's files never take part.
 */
class ConfigIT {

    /** The sources, highest first; each names the socket's variable after itself. */
    enum Source {
        FLAG("FROM_FLAG"), ENV("FROM_ENV"), PROJECT("FROM_PROJECT"), USER("FROM_USER"), DEFAULT("LISTEN_FD");

        final String variable;

        Source(String variable) {
            this.variable = variable;
        }
    }

    static final List<String> VARIABLES = List.of("FROM_FLAG", "FROM_ENV", "FROM_PROJECT", "FROM_USER", "LISTEN_FD",
            "FROM_NEARER", "FROM_OTHER", "FROM_HOME_CONFIG", "FROM_XDG");

    private static final int NOBODY = 65534;

    @TempDir
    Path temp;

    Path home;
    Path configHome;
    Path project;
    Path nested;

    @BeforeEach
    void directories() throws IOException {
        home = Files.createDirectories(temp.resolve("home"));
        configHome = Files.createDirectories(temp.resolve("xdg"));
        project = Files.createDirectories(temp.resolve("project"));
        nested = Files.createDirectories(project.resolve("src/deep"));
    }

    static Stream<Arguments> precedencePairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (Source higher : Source.values()) {
            for (Source lower : Source.values()) {
                if (higher.ordinal() < lower.ordinal()) {
                    pairs.add(Arguments.of(higher, lower));
                }
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("precedencePairs")
    void higherSourceWinsOverLower(Source higher, Source lower) throws IOException {
        Catflap catflap = catflap(project);
        List<String> options = new ArrayList<>(List.of("-p", "0"));
        for (Source source : List.of(higher, lower)) {
            switch (source) {
                case FLAG -> options.addAll(List.of("-e", source.variable));
                case ENV -> catflap.env("CATFLAP_ENV", source.variable);
                case PROJECT -> projectFile("catflap.env=" + source.variable);
                case USER -> userFile("catflap.env=" + source.variable);
                case DEFAULT -> { }
            }
        }
        ProbeReport report = ProbeReport.parse(catflap.run(CoreIT.args(options, Catflap.probe("report"))).stdout());
        assertEquals(List.of(higher.variable), variablesAtFd3(report));
    }

    @Test
    void projectFileIsFoundFromANestedFolder() throws IOException {
        projectFile("catflap.env=FROM_PROJECT", "catflap.quiet=true");
        Catflap.Result result = catflap(nested).run(CoreIT.args(List.of("-p", "0"), Catflap.probe("report")));
        assertEquals(List.of("FROM_PROJECT"), variablesAtFd3(ProbeReport.parse(result.stdout())));
        assertEquals("", result.stderr(), "quiet, from the same file");
    }

    @Test
    void nearestProjectFileWins() throws IOException {
        projectFile("catflap.env=FROM_PROJECT");
        write(project.resolve("src/.catflap.properties"), "catflap.env=FROM_NEARER");
        ProbeReport report = ProbeReport.parse(catflap(nested).run(CoreIT.args(List.of("-p", "0"), Catflap.probe("report"))).stdout());
        assertEquals(List.of("FROM_NEARER"), variablesAtFd3(report));
    }

    @Test
    void configOptionNamesTheProjectFileInsteadOfTheSearch() throws IOException {
        projectFile("catflap.env=FROM_PROJECT", "catflap.backlog=many");
        write(project.resolve("team/other.properties"), "catflap.env=FROM_OTHER");
        List<String> options = List.of("--config", "../../team/other.properties", "-p", "0");
        Catflap.Result result = catflap(nested).run(CoreIT.args(options, Catflap.probe("report")));
        assertEquals(0, result.exit(), "the searched-for file, with its bad backlog, is not read: " + result.stderr());
        assertEquals(List.of("FROM_OTHER"), variablesAtFd3(ProbeReport.parse(result.stdout())));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "absent.properties | --config absent.properties: no such file",
        "src               | --config src: a directory, not a regular file",
        "''                | '--config : no file named'"})
    void configFileThatIsNotAFileExits2AndRunsNothing(String file, String message) {
        Catflap.Result result = catflap(project).run("--config", file, "-p", "0", "touch", "ran");
        assertEquals(2, result.exit());
        assertEquals("[catflap] " + message + "\n", result.stderr());
        assertFalse(Files.exists(project.resolve("ran")));
    }

    @Test
    void userFileIsUnderDotConfigWhenXdgConfigHomeIsUnset() throws IOException {
        write(home.resolve(".config/catflap/config.properties"), "catflap.env=FROM_HOME_CONFIG");
        userFile("catflap.env=FROM_XDG");
        Catflap withXdg = catflap(project);
        assertEquals(List.of("FROM_XDG"), variablesAtFd3(ProbeReport.parse(
                withXdg.run(CoreIT.args(List.of("-p", "0"), Catflap.probe("report"))).stdout())));
        Catflap withoutXdg = catflap(project).withoutEnv("XDG_CONFIG_HOME");
        assertEquals(List.of("FROM_HOME_CONFIG"), variablesAtFd3(ProbeReport.parse(
                withoutXdg.run(CoreIT.args(List.of("-p", "0"), Catflap.probe("report"))).stdout())));
    }

    @Test
    void commandFromTheProjectFileIsSplitLikeAShellWouldButRunWithout() throws IOException {
        // as the file holds it once the properties format has undone its own escapes:
        //   python3 '.../probe.py' report 'two words' "say \"hi\"" back\\slash '*' '' '$x' "it's" '~' a\ b
        // (a ~ starting a word, as a glob, is refused unquoted: CommandEnvironmentIT)
        String value = "python3 '" + probePath() + "' report 'two words' \"say \\\"hi\\\"\" back\\\\slash '*' '' '$x' \"it's\" '~' a\\ b";
        projectFile("catflap.port=0", property("catflap.command", value));
        Catflap.Result result = catflap(nested).run();
        ProbeReport report = ProbeReport.parse(result.stdout());
        assertEquals(List.of("two words", "say \"hi\"", "back\\slash", "*", "", "$x", "it's", "~", "a b"), argv(report));
        assertEquals(result.pid(), report.pid(), "exec'd directly: no shell in between");
        assertTrue(result.stderr().startsWith("[catflap] command from " + project.resolve(".catflap.properties") + ": " + value + "\n"
                + "[catflap] Listening at: 127.0.0.1:"), result.stderr());
    }

    @Test
    void commandFromAFileReachesTheCommandInUtf8WhateverTheLocale() throws IOException {
        projectFile("catflap.port=0", "catflap.command=python3 '" + probePath() + "' report café");
        Catflap.Result result = catflap(project).env("LC_ALL", "C").withoutEnv("LANG").run("-q");
        List<byte[]> argv = ProbeReport.parse(result.stdout()).argv();
        assertEquals(1, argv.size());
        assertEquals(Arrays.toString("café".getBytes(StandardCharsets.UTF_8)), Arrays.toString(argv.get(0)));
    }

    @Test
    void commandOnTheCommandLineReplacesTheFilesCommand() throws IOException {
        projectFile("catflap.port=0", "catflap.command=touch from-file");
        Catflap.Result result = catflap(project).run("touch", "from-command-line");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(Files.exists(project.resolve("from-command-line")));
        assertFalse(Files.exists(project.resolve("from-file")));
        assertFalse(result.stderr().contains("command from"), result.stderr());
    }

    @Test
    void quietKeepsWhereTheCommandCameFromToItself() throws IOException {
        projectFile("catflap.port=0", "catflap.command=touch ran");
        Catflap.Result result = catflap(project).run("-q");
        assertEquals(0, result.exit());
        assertEquals("", result.stderr());
        assertTrue(Files.exists(project.resolve("ran")));
    }

    @Test
    void projectFilesOwnQuietDoesNotHideTheCommandItRuns() throws IOException {
        Path file = projectFile("catflap.port=0", "catflap.quiet=true", "catflap.command=touch ran");
        Catflap.Result result = catflap(nested).run();
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("[catflap] command from " + file + ": touch ran\n", result.stderr(), "the listening line stays quiet");
        assertTrue(Files.exists(project.resolve("ran")), "the file's command runs in the file's directory");
    }

    @Test
    void commandCanComeFromTheEnvironment() {
        Catflap.Result result = catflap(project).env("CATFLAP_COMMAND", "touch 'from env'").run("-p", "0");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(Files.exists(project.resolve("from env")));
        assertTrue(result.stderr().startsWith("[catflap] command from CATFLAP_COMMAND: touch 'from env'\n"), result.stderr());
    }

    @Test
    void withoutACommandAnywhereItIsAUsageError() {
        Catflap.Result result = catflap(project).run("-p", "0");
        assertEquals(2, result.exit());
        assertTrue(result.stderr().startsWith("[catflap] no command given\n"), result.stderr());
    }

    /** An empty value is no bad value: it unsets (see TeamDefaultsOffIT). */
    static Stream<Arguments> badFileValues() {
        return Stream.of(
                Arguments.of("catflap.port=eighty", "%s:2: catflap.port=eighty: not a port number (0-65535)"),
                Arguments.of("catflap.host=localhost", "%s:2: catflap.host=localhost: not an IP address"),
                Arguments.of("catflap.env=MY-FD", "%s:2: catflap.env=MY-FD: not a valid environment variable name"),
                Arguments.of("catflap.quiet=maybe", "%s:2: catflap.quiet=maybe: not a switch's value: write true or false (yes/no, on/off and 1/0 are read as those too)"),
                Arguments.of("catflap.backlog=0", "%s:2: catflap.backlog=0: not a backlog"),
                Arguments.of("catflap.command=touch 'ran", "%s:2: catflap.command=touch 'ran: a ' quote is not closed"),
                Arguments.of("catflap.command=touch \"ran", "%s:2: catflap.command=touch \"ran: a \" quote is not closed"),
                Arguments.of("catflap.command=touch ran && touch ran2",
                        "%s:2: catflap.command=touch ran && touch ran2: '&' is shell syntax and catflap runs no shell"),
                Arguments.of("catflap.command=touch $HOME/ran", "%s:2: catflap.command=touch $HOME/ran: '$' is shell syntax"),
                Arguments.of("catflap.command=touch ran > out", "%s:2: catflap.command=touch ran > out: '>' is shell syntax"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFileValues")
    void badValueInTheProjectFileExits2NamingKeyValueAndFile(String line, String message) throws IOException {
        Path file = projectFile("catflap.command=touch ran", line);
        Catflap.Result result = catflap(project).run();
        assertEquals(2, result.exit(), result.stderr());
        assertTrue(result.stderr().startsWith("[catflap] " + message.formatted(file)), result.stderr());
        assertEquals("", result.stdout());
        assertFalse(Files.exists(project.resolve("ran")), "the command must not run");
        assertFalse(Files.exists(project.resolve("ran2")), "the command must not run");
    }

    @Test
    void badValueInTheUserFileNamesIt() throws IOException {
        Path file = userFile("catflap.port=eighty");
        Catflap.Result result = catflap(project).run("touch", "ran");
        assertEquals(2, result.exit());
        assertEquals("[catflap] " + file + ":1: catflap.port=eighty: not a port number (0-65535)\n", result.stderr());
        assertFalse(Files.exists(project.resolve("ran")));
    }

    @Test
    void badValueReplacedByAHigherSourceIsNoError() throws IOException {
        projectFile("catflap.port=eighty", "catflap.command=touch 'ran");
        Catflap.Result result = catflap(project).env("CATFLAP_PORT", "0").run("touch", "ran");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(Files.exists(project.resolve("ran")));
    }

    @Test
    void unknownKeyWarnsNamingKeyAndFile() throws IOException {
        Path file = projectFile("catflap.prot=8080", "port=8081", "catflap.port=0");
        Catflap.Result result = catflap(project).run("true");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(result.stderr().startsWith(
                "[catflap] warning: " + file + ":1: catflap.prot=8080: unknown setting (ignored)\n"
                + "[catflap] warning: " + file + ":2: port=8081: unknown setting (ignored; catflap reads only catflap.* keys)\n"
                + "[catflap] Listening at: 127.0.0.1:"), result.stderr());
    }

    @Test
    void unknownKeyInTheUserFileWarnsNamingIt() throws IOException {
        Path file = userFile("catflap.hots=::1");
        Catflap.Result result = catflap(project).run("-q", "-p", "0", "true");
        assertEquals(0, result.exit());
        assertEquals("[catflap] warning: " + file + ":1: catflap.hots=::1: unknown setting (ignored)\n", result.stderr());
    }

    @Test
    void byteOrderMarkAtTheStartOfAFileIsNoPartOfItsFirstKey() throws IOException {
        Path file = project.resolve(".catflap.properties");
        Files.write(file, ("\uFEFFcatflap.env=FROM_PROJECT\ncatflap.port=0\n").getBytes(StandardCharsets.UTF_8));
        assertEquals((byte) 0xEF, Files.readAllBytes(file)[0]);
        Catflap.Result result = catflap(project).run(Catflap.probe("report"));
        assertEquals(0, result.exit(), result.stderr());
        assertFalse(result.stderr().contains("unknown setting"), result.stderr());
        assertEquals(List.of("FROM_PROJECT"), variablesAtFd3(ProbeReport.parse(result.stdout())));
    }

    @Test
    void unknownCatflapVariableWarnsNamingIt() {
        Catflap.Result result = catflap(project).env("CATFLAP_PROT", "1").env("CATFLAP_PORT", "0")
                .env("CATFLAP_JAVA_OPTS", "-Xmx64m").run("-q", "true");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("[catflap] warning: unknown variable CATFLAP_PROT in the environment (ignored)\n", result.stderr(),
                "the launcher's CATFLAP_JAVA_OPTS and a setting's CATFLAP_PORT draw none");
    }

    /**
     * Only a setting's exact variable is read: another spelling of it (which SmallRye's
     * environment source took, crediting the exact name) is ignored with a warning, whether or not
     * the exact one is set, and its bad value stops nothing.
     */
    @ParameterizedTest
    @ValueSource(strings = {"catflap_port", "CATFLAP_port", "catflap.port"})
    void aSettingsVariableSpeltOtherwiseIsNotReadButWarnedOf(String name) {
        String warning = "[catflap] warning: variable " + name + " in the environment is not read (ignored): catflap reads CATFLAP_PORT\n";
        Catflap.Result alone = catflap(project).env(name, "5").run("--show-config");
        assertEquals(0, alone.exit(), alone.stderr());
        assertEquals(warning, alone.stderr());
        assertRow(alone.stdout().lines().toList(), "catflap.port", "5000", "default");

        Catflap.Result both = catflap(project).env(name, "5").env("CATFLAP_PORT", "9").run("--show-config");
        assertEquals(0, both.exit(), both.stderr());
        assertRow(both.stdout().lines().toList(), "catflap.port", "9", "CATFLAP_PORT");

        Catflap.Result bad = catflap(project).env(name, "eighty").run("-q", "-p", "0", "true");
        assertEquals(0, bad.exit(), bad.stderr());
        assertEquals(warning, bad.stderr());
    }

    /** One rule: a file or a CATFLAP_* variable may hold defaults for a mode; only an option needs the mode at once. */
    @ParameterizedTest
    @ValueSource(strings = {"catflap.fdname=web,admin", "catflap.no-pid=true", "catflap.grace=2", "catflap.ignore=*.log"})
    void settingForAnotherModeInAFileWaitsForIt(String line) throws IOException {
        projectFile(line);
        Catflap.Result result = catflap(project).run("-q", "-p", "0", "touch", "ran");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("", result.stderr());
        assertTrue(Files.exists(project.resolve("ran")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"CATFLAP_FDNAME | web,admin", "CATFLAP_NO_PID | true"})
    void settingForAnotherModeInAVariableWaitsForIt(String variable, String value) {
        Catflap.Result result = catflap(project).env(variable, value).run("-q", "-p", "0", "touch", "ran");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(Files.exists(project.resolve("ran")));
    }

    @Test
    void systemdSettingsFromAFileApplyWithSystemd() throws IOException {
        projectFile("catflap.fdname=web", "catflap.no-pid=true");
        Catflap.Result result = catflap(project).run(CoreIT.args(List.of("-q", "-p", "0", "--systemd"), Catflap.probe("report")));
        assertEquals(0, result.exit(), result.stderr());
        List<String> environ = ProbeReport.parse(result.stdout()).environ().stream().map(String::new).toList();
        assertTrue(environ.contains("LISTEN_FDNAMES=web"), environ.toString());
        assertFalse(environ.stream().anyMatch(entry -> entry.startsWith("LISTEN_PID=")), environ.toString());
    }

    @Test
    void namesFromAFileThatDoNotMatchTheSocketsAreAnErrorWithSystemd() throws IOException {
        Path file = projectFile("catflap.fdname=web,admin");
        CoreIT.refused(catflap(project), project, List.of("-p", "0", "--systemd"),
                file + ":1: catflap.fdname=web,admin: 2 names for 1 socket");
    }

    @Test
    void malformedFileExits2NamingIt() throws IOException {
        Path file = projectFile("catflap.port=\\u12", "catflap.command=touch ran");
        Catflap.Result result = catflap(project).run();
        assertEquals(2, result.exit());
        assertEquals("[catflap] " + file + ":1: not a properties file: a \\u escape without four hex digits\n", result.stderr());
        assertFalse(Files.exists(project.resolve("ran")));
    }

    @Test
    void fileThatIsNotUtf8Exits2NamingIt() throws IOException {
        Path file = project.resolve(".catflap.properties");
        Files.write(file, "catflap.command=touch ran\ncatflap.env=\u00ff\n".getBytes(StandardCharsets.ISO_8859_1));
        Catflap.Result result = catflap(project).run();
        assertEquals(2, result.exit());
        assertEquals("[catflap] " + file + ":2: not UTF-8 (it looks like Latin-1 or another legacy encoding); save it as UTF-8\n", result.stderr());
        assertFalse(Files.exists(project.resolve("ran")));
    }

    @Test
    void unreadableProjectFileExits1NamingIt() throws IOException {
        Path file = Files.createSymbolicLink(project.resolve(".catflap.properties"), project.resolve("gone.properties"));
        Catflap.Result result = catflap(nested).run("-p", "0", "touch", "ran");
        assertEquals(1, result.exit());
        assertEquals("[catflap] cannot read " + file + ": a link to " + project.resolve("gone.properties") + ", which does not exist\n",
                result.stderr());
        assertFalse(Files.exists(nested.resolve("ran")));
    }

    @Test
    void unreadableUserFileExits1NamingIt() throws IOException {
        Files.createDirectories(configHome.resolve("catflap"));
        Path file = Files.createSymbolicLink(configHome.resolve("catflap/config.properties"), configHome.resolve("gone.properties"));
        Catflap.Result result = catflap(project).run("-p", "0", "touch", "ran");
        assertEquals(1, result.exit());
        assertEquals("[catflap] cannot read " + file + ": a link to " + configHome.resolve("gone.properties") + ", which does not exist\n",
                result.stderr());
        assertFalse(Files.exists(project.resolve("ran")));
    }

    @Test
    void userFileThatIsNotARegularFileExits2NamingIt() throws IOException {
        Path file = Files.createDirectories(configHome.resolve("catflap/config.properties"));
        Catflap.Result result = catflap(project).run("-p", "0", "touch", "ran");
        assertEquals(2, result.exit());
        assertEquals("[catflap] " + file + ": a directory, not a regular file\n", result.stderr());
        assertFalse(Files.exists(project.resolve("ran")));
    }

    @Test
    void nonLoopbackHostFromTheProjectFileWarnsBeforeBinding() throws IOException {
        Path file = projectFile("catflap.host=0.0.0.0", "catflap.port=0");
        Catflap.Result result = catflap(nested).run("true");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(Pattern.matches(Pattern.quote("[catflap] warning: " + file + ":1: catflap.host=0.0.0.0: not a loopback"
                + " address: other machines can connect to the command\n[catflap] Listening at: 0.0.0.0:") + "\\d+\n", result.stderr()),
                result.stderr());
    }

    @Test
    void loopbackHostFromTheProjectFileDrawsNoWarning() throws IOException {
        projectFile("catflap.host=::1", "catflap.port=0");
        Catflap.Result result = catflap(project).run("true");
        assertTrue(result.stderr().matches("\\[catflap] Listening at: \\[::1]:\\d+\n"), result.stderr());
    }

    @ParameterizedTest
    @EnumSource(names = {"FLAG", "ENV", "USER"})
    void nonLoopbackHostFromTheUsersOwnSourcesDrawsNoWarning(Source source) throws IOException {
        projectFile("catflap.port=0");
        Catflap catflap = catflap(project);
        List<String> args = new ArrayList<>();
        switch (source) {
            case FLAG -> args.addAll(List.of("-h", "::"));
            case ENV -> catflap.env("CATFLAP_HOST", "::");
            default -> userFile("catflap.host=::");
        }
        args.add("true");
        Catflap.Result result = catflap.run(args);
        assertEquals(0, result.exit());
        assertTrue(result.stderr().matches("\\[catflap] Listening at: \\[::]:\\d+\n"), result.stderr());
    }

    @Test
    void projectsNonLoopbackHostReplacedByTheUsersFlagDrawsNoWarning() throws IOException {
        projectFile("catflap.host=0.0.0.0", "catflap.port=0");
        Catflap.Result result = catflap(project).run("-h", "::", "true");
        assertEquals(0, result.exit());
        assertTrue(result.stderr().matches("\\[catflap] Listening at: \\[::]:\\d+\n"), result.stderr());
    }

    @Test
    void showConfigPrintsEachSettingItsValueAndOriginWithoutBindingOrRunning() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            Path projectPath = projectFile("catflap.port=" + taken.getLocalPort(), "catflap.command=touch ran");
            Path userPath = userFile("catflap.backlog=64", "catflap.host=::1");
            Catflap.Result result = catflap(nested).env("CATFLAP_ENV", "PORT_FD").run("-q", "--show-config");
            assertEquals(0, result.exit(), result.stderr());
            assertEquals("", result.stderr(), "nothing bound (the port is taken), nothing announced");
            assertFalse(Files.exists(nested.resolve("ran")) || Files.exists(project.resolve("ran")), "nothing run");
            List<String> lines = result.stdout().lines().toList();
            assertRow(lines, "catflap.port", Integer.toString(taken.getLocalPort()), projectPath.toString());
            assertRow(lines, "catflap.host", "::1", userPath.toString());
            assertRow(lines, "catflap.env", "PORT_FD", "CATFLAP_ENV");
            assertRow(lines, "catflap.quiet", "true", "-q/--quiet");
            assertRow(lines, "catflap.backlog", "64", userPath.toString());
            assertRow(lines, "catflap.command", "touch ran", projectPath.toString());
            assertTrue(lines.contains("project file: " + projectPath), result.stdout());
            assertTrue(lines.contains("user file:    " + userPath), result.stdout());
        }
    }

    @Test
    void showConfigNamesDefaultsUnsetSettingsAndTheCommandLinesCommand() {
        Catflap.Result result = catflap(project).withoutEnv("XDG_CONFIG_HOME").run("--show-config", "sh", "-c", "echo it's");
        assertEquals(0, result.exit(), result.stderr());
        List<String> lines = result.stdout().lines().toList();
        assertRow(lines, "catflap.port", "5000", "default");
        assertRow(lines, "catflap.host", "127.0.0.1", "default");
        assertRow(lines, "catflap.env", "LISTEN_FD", "default");
        assertRow(lines, "catflap.quiet", "false", "default");
        assertRow(lines, "catflap.backlog", "(not set)", "default");
        assertRow(lines, "catflap.command", "sh -c 'echo it'\\''s'", "command line");
        assertTrue(lines.contains("user file:    " + home.resolve(".config/catflap/config.properties") + " (not found)"), result.stdout());
    }

    /** A file found but ignored for trust is no file "not found": --show-config says it was found, ignored, and why. */
    @ParameterizedTest
    @ValueSource(strings = {"another user's", "in a directory every user may write to"})
    void showConfigSaysAUserOrLocalFileIgnoredForTrustWasFoundAndWhy(String why) throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root, to chown to nobody");
        Path projectPath = projectFile("catflap.port=0");
        Path local = write(project.resolve(".catflap.local.properties"), "catflap.port=1");
        Path user = userFile("catflap.backlog=64");
        String because;
        if (why.equals("another user's")) {
            Files.setAttribute(local, "unix:uid", NOBODY);
            Files.setAttribute(user, "unix:uid", NOBODY);
            because = "it belongs to user nobody, not to you or root";
        } else {
            Files.move(local, project.resolve("local"));
            Files.setPosixFilePermissions(user.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
            because = "its directory " + user.getParent() + " is writable by every user";
            local = null;
        }
        Catflap.Result result = catflap(nested).run("--show-config");
        assertEquals(0, result.exit(), result.stderr());
        List<String> lines = result.stdout().lines().toList();
        assertTrue(lines.contains("user file:    " + user + " (found, but ignored: " + because + ")"), result.stdout());
        assertRow(lines, "catflap.backlog", "(not set)", "default");
        if (local != null) {
            assertTrue(lines.contains("local file:   " + local + " (found, but ignored: " + because + ")"), result.stdout());
            assertRow(lines, "catflap.port", "0", projectPath.toString());
        }
    }

    /** --config names the settings in full: --show-config says that the search's files were not read. */
    @Test
    void showConfigSaysConfigLeavesTheSearchsFilesUnread() throws IOException {
        projectFile("catflap.port=1");
        write(project.resolve(".catflap.local.properties"), "catflap.port=2");
        Path ci = write(temp.resolve("ci.properties"), "catflap.port=0");
        Catflap.Result result = catflap(nested).run("--config", ci.toString(), "--show-config");
        assertEquals(0, result.exit(), result.stderr());
        List<String> lines = result.stdout().lines().toList();
        assertRow(lines, "catflap.port", "0", ci.toString());
        assertTrue(lines.contains("not read:     the search's .catflap.properties and .catflap.local.properties "
                + "(--config names the settings in full)"), result.stdout());
        assertTrue(lines.stream().noneMatch(line -> line.startsWith("local file:")), result.stdout());
    }

    /**
     * catflap.command= in the project file gives no command: --show-config names the working
     * directory, where a command given on the command line runs, not the file's.
     */
    @Test
    void showConfigNamesTheWorkingDirectoryWhereTheProjectFileUnsetsTheCommand() throws IOException {
        projectFile("catflap.command=", "catflap.port=0");
        Catflap.Result shown = catflap(nested).run("--show-config");
        assertEquals(0, shown.exit(), shown.stderr());
        Path real = nested.toRealPath();
        assertTrue(shown.stdout().lines().anyMatch(line -> line.equals("command runs in: " + real + " (where catflap runs)")
                || line.equals("command runs in: " + nested + " (where catflap runs)")), shown.stdout());
        Catflap.Result run = catflap(nested).run("-q", "pwd");
        assertEquals(0, run.exit(), run.stderr());
        assertEquals(nested.toRealPath() + "\n", run.stdout(), "where it really runs");
    }

    /** A '#' inside a word starts no comment, so needs no escape: --show-config shows catflap.ignore=a#b as written. */
    @Test
    void showConfigShowsAHashInsideAWordAsWritten() throws IOException {
        Path projectPath = projectFile("catflap.ignore=a#b,'#c'");
        Catflap.Result result = catflap(project).run("--show-config");
        assertEquals(0, result.exit(), result.stderr());
        assertRow(result.stdout().lines().toList(), "catflap.ignore", "a#b,\\#c", projectPath.toString());
    }

    @Test
    void relativePathsInTheProjectFileAreTheProjectsFromAnySubdirectory() throws IOException {
        Files.createDirectories(project.resolve("web"));
        Path projectPath = projectFile("catflap.watch=web,src", "catflap.listen=unix:app.sock,unix:@abstract-name,127.0.0.1:0");
        Catflap.Result result = catflap(nested).run("-q", "--show-config");
        assertEquals(0, result.exit(), result.stderr());
        List<String> lines = result.stdout().lines().toList();
        assertRow(lines, "catflap.watch", project.resolve("web") + "," + project.resolve("src"), projectPath.toString());
        assertRow(lines, "catflap.listen", "unix:" + project.resolve("app.sock") + ",unix:@abstract-name,127.0.0.1:0",
                projectPath.toString());
    }

    @Test
    void relativeUnixSocketPathInTheProjectFileIsBoundInTheProjectsDirectory() throws IOException {
        projectFile("catflap.listen=unix:app.sock");
        Catflap.Result result = catflap(nested).run("sh", "-c", "test -S ../../app.sock && test ! -e app.sock");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("[catflap] Listening at: unix:" + project.resolve("app.sock") + "\n", result.stderr());
    }

    @Test
    void relativePathsOnTheCommandLineAreTheWorkingDirectorysStill() throws IOException {
        Files.createDirectories(nested.resolve("here"));
        Catflap.Result result = catflap(nested).run("-q", "--watch", "here", "--show-config");
        assertEquals(0, result.exit(), result.stderr());
        assertRow(result.stdout().lines().toList(), "catflap.watch", "here", "--watch");
    }

    /**
     * catflap often runs in a Quarkus application's project, with that application's settings in
     * config/application.properties, .env and QUARKUS_* variables: none of them reaches catflap's
     * own Quarkus (no banner, no log lines, no warnings about keys it does not know).
     */
    @ParameterizedTest
    @ValueSource(strings = {"launcher", "jar"})
    void quarkusSettingsOfTheProjectAndEnvironmentDoNotReachCatflap(String how) throws IOException {
        write(project.resolve("config/application.properties"), "quarkus.banner.enabled=true", "quarkus.log.level=DEBUG",
                "quarkus.datasource.jdbc.url=jdbc:h2:mem:app");
        write(project.resolve(".env"), "QUARKUS_BANNER_ENABLED=true", "QUARKUS_LOG_LEVEL=DEBUG", "QUARKUS_HTTP_PORT=8080");
        Catflap catflap = how.equals("jar") ? Catflap.viaJar() : Catflap.launcher();
        catflap.in(project).env("HOME", home.toString()).env("XDG_CONFIG_HOME", configHome.toString())
                .env("QUARKUS_LOG_LEVEL", "DEBUG").env("QUARKUS_DATASOURCE_USERNAME", "app");
        Catflap.Result result = catflap.run("-p", "0", "true");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("", result.stdout());
        assertTrue(result.stderr().matches("\\[catflap] Listening at: 127\\.0\\.0\\.1:\\d+\n"), result.stderr());
    }

    /** -D options still reach it: the way to see Quarkus's own logging when catflap itself misbehaves. */
    @Test
    void quarkusSettingsFromJavaOptionsStillReachCatflap() {
        Catflap.Result result = catflap(project).env("CATFLAP_JAVA_OPTS", "-Dquarkus.log.level=DEBUG").run("-p", "0", "true");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(result.stderr().contains(" DEBUG ["), result.stderr());
    }

    @Test
    void showConfigIsInTheHelp() {
        Catflap.Result help = catflap(project).run("--help");
        assertTrue(help.stdout().contains("--show-config"), help.stdout());
        assertTrue(help.stdout().contains("--config=FILE"), help.stdout());
    }

    /** catflap in {@code directory}, with this test's HOME and XDG_CONFIG_HOME, and no CATFLAP_* of the caller's. */
    private Catflap catflap(Path directory) {
        Catflap catflap = Catflap.launcher().in(directory).env("HOME", home.toString()).env("XDG_CONFIG_HOME", configHome.toString());
        catflap.environment().keySet().removeIf(name -> name.startsWith("CATFLAP_"));
        return catflap;
    }

    private Path projectFile(String... lines) throws IOException {
        return write(project.resolve(".catflap.properties"), lines);
    }

    private Path userFile(String... lines) throws IOException {
        return write(configHome.resolve("catflap/config.properties"), lines);
    }

    private static Path write(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, String.join("\n", lines) + "\n");
    }

    /** A properties line whose value reads back as {@code value}: the format has escapes of its own. */
    private static String property(String key, String value) {
        return key + "=" + value.replace("\\", "\\\\");
    }

    private static String probePath() {
        List<String> probe = Catflap.probe();
        return probe.get(1);
    }

    /** Which of the names these tests give the socket's variable the command got, with fd 3. */
    private static List<String> variablesAtFd3(ProbeReport report) {
        List<String> names = new ArrayList<>();
        for (byte[] entry : report.environ()) {
            String text = new String(entry, StandardCharsets.UTF_8);
            if (text.endsWith("=3") && VARIABLES.contains(text.substring(0, text.length() - 2))) {
                names.add(text.substring(0, text.length() - 2));
            }
        }
        return names;
    }

    private static List<String> argv(ProbeReport report) {
        return report.argv().stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }

    private static void assertRow(List<String> lines, String key, String value, String origin) {
        Pattern row = Pattern.compile(Pattern.quote(key) + " +" + Pattern.quote(value) + " +" + Pattern.quote(origin));
        assertTrue(lines.stream().anyMatch(line -> row.matcher(line).matches()), key + " row in:\n" + String.join("\n", lines));
    }
}
