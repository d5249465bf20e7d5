package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.catflap.launch.VariableAssignment;
import dev.catflap.socket.ListenSpec;
import dev.catflap.supervise.IgnoreGlob;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each row's parser ({@link SettingParsers}), through {@link Setting#parse} as every source's value goes (grace: {@link SettingTest}). */
class SettingParsersTest {
    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "yes", "on", "1"})
    void switchesOn(String text) {
        assertEquals(true, Setting.QUIET.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "No", "off", "0"})
    void switchesOff(String text) {
        assertEquals(false, Setting.SPAWN.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "y", "enabled"})
    void notSwitches(String text) {
        assertEquals("not a switch's value: write true or false (yes/no, on/off and 1/0 are read as those too)", refusal(Setting.SYSTEMD, text));
    }

    @Test
    void hostsAreIpLiteralsOnly() throws Exception {
        assertEquals(InetAddress.getByName("::1"), Setting.HOST.parse("::1"));
        assertEquals(InetAddress.getByName("127.0.0.1"), Setting.HOST.parse("127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> Setting.HOST.parse("localhost"));
    }

    @Test
    void variableNames() {
        assertEquals("PORT_FD", Setting.ENV.parse("PORT_FD"));
        assertEquals("_x1", Setting.ENV.parse("_x1"));
        for (String bad : List.of("1X", "A-B", "", "A B")) {
            assertEquals("not a valid environment variable name (letters, digits and _, not starting with a digit)",
                    refusal(Setting.ENV, bad), bad);
        }
    }

    @Test
    void listenSpecsInOrderAndWithoutClashes() {
        List<ListenSpec> specs = Setting.LISTEN.parse("127.0.0.1:8080, unix:app.sock");
        assertEquals(List.of("127.0.0.1:8080", "unix:app.sock"), specs.stream().map(ListenSpec::text).toList());
        assertEquals("no listen spec (write " + ListenSpec.SYNTAX + ")", refusal(Setting.LISTEN, ""));
        assertEquals("nonsense: not a listen spec (write " + ListenSpec.SYNTAX + ")",
                refusal(Setting.LISTEN, "127.0.0.1:1,nonsense"), "the bad one of several is quoted");
    }

    @Test
    void fdNamesArePrintableAsciiWithoutColons() {
        assertEquals(List.of("web", "admin"), Setting.FDNAME.parse("web,admin"));
        assertEquals("not a socket name (1-255 printable ASCII characters, no ':' or space)", refusal(Setting.FDNAME, "a:b"));
        assertEquals("no socket name", refusal(Setting.FDNAME, ""));
        assertEquals("x".repeat(255), Setting.FDNAME.parse("x".repeat(255)).get(0));
        assertThrows(IllegalArgumentException.class, () -> Setting.FDNAME.parse("x".repeat(256)));
    }

    /** A path that does not exist yet is watched for (WatchLaterIT); one below a file can never appear. */
    /** The same rule and words for every path setting: none expands '~', and a file's is not resolved before the check. */
    @Test
    void aLeadingTildeIsRefusedInEveryPathSetting() {
        String tilde = "'~' starting a path is a home directory to a shell, and catflap expands none: write the path";
        assertEquals(tilde, refusal(Setting.WATCH, "~/src"));
        assertEquals(tilde, refusal(Setting.WORKDIR, "~"));
        assertEquals(tilde, refusal(Setting.UNIT_DIR, "~/units"));
        assertEquals(tilde, refusal(Setting.LISTEN, "unix:~/app.sock"));
        assertEquals("unix:~/b: " + tilde, refusal(Setting.LISTEN, "unix:a.sock,unix:~/b"));
        assertEquals(Path.of("a~"), Setting.UNIT_DIR.parse("a~"));
    }

    @Test
    void anUnquotedDollarOrBacktickInSetenvIsRefusedAQuotedOnePassed() {
        String hint = " would be expanded by a shell, and catflap expands nothing in a value (write the value itself, "
                + "or single-quote it to pass it literally)";
        assertEquals("'$'" + hint, assertThrows(IllegalArgumentException.class,
                () -> ListSyntax.writtenElements(Setting.SETENV, "PATH=$PATH:/opt/bin")).getMessage());
        assertEquals("'`'" + hint, assertThrows(IllegalArgumentException.class,
                () -> ListSyntax.writtenElements(Setting.SETENV, "A=1, ME=`whoami`")).getMessage());
        assertEquals(List.of("PRICE=$5", "COST=$6", "A=b|c"), ListSyntax.writtenElements(Setting.SETENV, "PRICE='$5', COST=\"\\$6\", A=b|c"));
        // a shell expands "$6" too
        assertThrows(IllegalArgumentException.class, () -> ListSyntax.writtenElements(Setting.SETENV, "COST=\"$6\""));
        assertEquals(List.of("$x"), ListSyntax.writtenElements(Setting.IGNORE, "$x")); // a glob's '$' is no variable
    }

    @Test
    void watchedPathsNeedNotExistButCannotBeBelowAFile() {
        assertEquals(List.of(Path.of("src"), Path.of("pom.xml")), Setting.WATCH.parse("src,pom.xml"));
        assertEquals(List.of(Path.of("no-such-directory-here/build")), Setting.WATCH.parse("no-such-directory-here/build"));
        assertEquals("pom.xml is not a directory", refusal(Setting.WATCH, "pom.xml/build"));
        assertEquals("pom.xml is not a directory", refusal(Setting.WATCH, "pom.xml/gen/out"));
        assertEquals("no path", refusal(Setting.WATCH, ""));
        assertEquals("'~' starting a path is a home directory to a shell, and catflap expands none: write the path",
                refusal(Setting.WATCH, "~/notes"), "it would be waited for in vain");
        assertEquals(List.of(Path.of("a~b")), Setting.WATCH.parse("a~b"));
    }

    @Test
    void globsAreCheckedByTheMatcher() {
        assertEquals(List.of("*.log", "gen/**", "{a,b}"),
                Setting.IGNORE.parse("*.log, gen/**,{a\\,b}").stream().map(IgnoreGlob::text).toList());
        assertEquals("not a valid glob (Missing '})", refusal(Setting.IGNORE, "{a"));
    }

    @Test
    void theCommandIsShellWords() {
        assertEquals(List.of("sh", "-c", "echo it's"),
                Setting.COMMAND.parse("sh -c \"echo it's\"").displayWords());
        assertEquals("no command in it", refusal(Setting.COMMAND, ""));
    }

    @Test
    void setenvIsNameEqualsValueInOrder() {
        assertEquals(List.of(new VariableAssignment("DEBUG", "1"), new VariableAssignment("URL", "a=b,c"),
                new VariableAssignment("EMPTY", ""), new VariableAssignment("DEBUG", "2")),
                Setting.SETENV.parse("DEBUG=1, URL=a=b\\,c,EMPTY=,DEBUG=2"));
        assertEquals("no NAME=VALUE", refusal(Setting.SETENV, ""));
        assertEquals("not NAME=VALUE (no '=' in it)", refusal(Setting.SETENV, "DEBUG"));
        assertEquals("'1X' is not a valid environment variable name (letters, digits and _, not starting with a digit)",
                refusal(Setting.SETENV, "1X=1"));
        assertEquals("'' is not a valid environment variable name (letters, digits and _, not starting with a digit)",
                refusal(Setting.SETENV, "=1"));
        assertEquals("A-B=1: 'A-B' is not a valid environment variable name (letters, digits and _, not starting with a digit)",
                refusal(Setting.SETENV, "OK=1,A-B=1"), "the bad one of several is quoted");
        assertEquals("a NUL character, which no variable's value can hold", refusal(Setting.SETENV, "A=x\0y"));
    }

    @Test
    void setenvLeavesSystemdsVariablesToCatflap() {
        for (String name : List.of("LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES")) {
            assertEquals(name + " is set by catflap itself (with --systemd) and by systemd in a unit, to tell the command "
                    + "of its sockets; choose another name", refusal(Setting.SETENV, name + "=1"));
        }
    }

    @Test
    void aCommandsGlobsAndLeadingTildeAreRefusedUnquoted() {
        assertEquals("'*' is a glob, which a shell would expand to file names, and catflap runs no shell (quote it to "
                + "pass it literally, or run the command with sh -c '...')", refusal(Setting.COMMAND, "python3 src/*.py"));
        assertEquals("'~' starting a word is a home directory to a shell, and catflap runs no shell (write the path, "
                + "quote it to pass it literally, or run the command with sh -c '...')", refusal(Setting.UNIT_COMMAND, "~/bin/x"));
    }

    private static String refusal(Setting<?> setting, String text) {
        return assertThrows(IllegalArgumentException.class, () -> setting.parse(text)).getMessage();
    }
}
