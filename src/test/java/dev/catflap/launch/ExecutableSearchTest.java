package dev.catflap.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.catflap.CatflapException;
import dev.catflap.ExitStatus;
import dev.catflap.config.Setting;
import dev.catflap.posix.FakePosix;
import dev.catflap.posix.UnusedFileAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command search against a fake file system: PATH's order, and the shells' statuses and words where it fails. */
class ExecutableSearchTest {
    private final FakeFiles files = new FakeFiles();
    private final ExecutableSearch search = new ExecutableSearch(FakePosix.with().files(files).build());

    @Test
    void takesTheFirstExecutableFileOnPathSkippingDirectoriesAndFilesItCannotRun() {
        files.directory("/fake/a/tool").file("/fake/b/tool").executable("/fake/c/tool").executable("/fake/d/tool");
        assertEquals("/fake/c/tool", resolve("tool", "/fake/a:/fake/b:/fake/c:/fake/d"));
        assertEquals(List.of("/fake/a/tool", "/fake/b/tool", "/fake/c/tool"), files.looked);
    }

    @Test
    void anEmptyPathEntryIsTheWorkingDirectory() {
        files.executable("tool");
        assertEquals("tool", resolve("tool", "/fake/a::/fake/b"));
    }

    @Test
    void withoutPathItSearchesBinThenUsrBin() {
        files.executable("/usr/bin/catflap-fake-tool");
        byte[] found = search.resolve(CommandWords.of(List.of("catflap-fake-tool")), new Environment(List.of()));
        assertEquals("/usr/bin/catflap-fake-tool", new String(found, StandardCharsets.UTF_8));
        assertEquals(List.of("/bin/catflap-fake-tool", "/usr/bin/catflap-fake-tool"), files.looked);
    }

    @Test
    void aFileFoundButNotExecutableIs126AndNothingFoundIs127() {
        files.file("/fake/b/tool");
        assertFails(126, "tool: permission denied", "tool", "/fake/a:/fake/b");
        assertFails(127, "other: command not found", "other", "/fake/a:/fake/b");
        assertFails(127, "'': command not found", "", "/fake/a");
    }

    @Test
    void aNameWithASlashIsAPathAndNotSearched() {
        files.executable("/fake/a/tool").directory("./dir").file("./plain");
        assertFails(127, "./tool: no such file or directory", "./tool", "/fake/a");
        assertFails(126, "./dir: is a directory", "./dir", "/fake/a");
        assertFails(126, "./plain: permission denied", "./plain", "/fake/a");
        assertEquals("/fake/a/tool", resolve("/fake/a/tool", ""));
    }

    @Test
    void aScriptWhoseInterpreterIsMissingIs126NamingIt(@TempDir Path directory) throws IOException {
        Path script = Files.writeString(directory.resolve("serve"), "#!/fake/python3 -u\nprint('hi')\n");
        files.executable(script.toString());
        assertFails(126, script + ": bad interpreter /fake/python3: no such file or directory", script.toString(), "");
        files.file("/fake/python3");
        assertFails(126, script + ": bad interpreter /fake/python3: permission denied", script.toString(), "");
        files.executable("/fake/python3");
        assertEquals(script.toString(), resolve(script.toString(), ""));
    }

    /** A shell would have set DEBUG for python3; catflap, which runs none, says what to write instead. */
    @Test
    void aFirstWordThatAShellTakesForAVariableIs127WithTheSetenvHint() {
        CatflapException e = assertThrows(CatflapException.class,
                () -> search.resolve(CommandWords.of(List.of("DEBUG=1", "python3", "app.py")), environment("/fake/a")));
        assertEquals("DEBUG=1 python3 app.py: DEBUG=1 is not a command; catflap runs no shell: use --setenv DEBUG=1 "
                + "(or catflap.setenv)", e.getMessage());
        assertEquals(ExitStatus.NOT_FOUND, e.status());
        assertFails(127, "PYTHONPATH=src/lib: PYTHONPATH=src/lib is not a command; catflap runs no shell: use --setenv "
                + "PYTHONPATH=src/lib (or catflap.setenv)", "PYTHONPATH=src/lib", "/fake/a");
        assertFails(127, "MSG=a b: MSG=a b is not a command; catflap runs no shell: use --setenv 'MSG=a b' (or catflap.setenv)",
                "MSG=a b", "/fake/a");
    }

    @Test
    void onlyAVariablesNameBeforeTheEqualsSignDrawsTheHint() {
        assertFails(127, "1X=1: command not found", "1X=1", "/fake/a");
        assertFails(127, "./A=1: no such file or directory", "./A=1", "/fake/a");
        files.executable("/fake/a/A=1");
        assertEquals("/fake/a/A=1", resolve("A=1", "/fake/a"), "a program of that name runs");
    }

    @Test
    void theHintNamesTheSetenvSetting() {
        assertEquals(Setting.SETENV.option(), ExecutableSearch.SETENV_OPTION);
        assertEquals(Setting.SETENV.key(), ExecutableSearch.SETENV_KEY);
    }

    private String resolve(String name, String path) {
        return new String(search.resolve(CommandWords.of(List.of(name)), environment(path)), StandardCharsets.UTF_8);
    }

    private void assertFails(int status, String message, String name, String path) {
        CatflapException e = assertThrows(CatflapException.class, () -> resolve(name, path));
        assertEquals(message, e.getMessage());
        assertEquals(status, e.status().code());
    }

    private static Environment environment(String path) {
        return new Environment(List.of(("PATH=" + path).getBytes(StandardCharsets.UTF_8)));
    }

    /** Files by path: a directory, a file, or an executable file; which paths were looked at. */
    private static final class FakeFiles extends UnusedFileAccess {
        private enum Kind { DIRECTORY, FILE, EXECUTABLE }

        final List<String> looked = new ArrayList<>();
        private final Map<String, Kind> files = new HashMap<>();

        FakeFiles directory(String path) {
            files.put(path, Kind.DIRECTORY);
            return this;
        }

        FakeFiles file(String path) {
            files.put(path, Kind.FILE);
            return this;
        }

        FakeFiles executable(String path) {
            files.put(path, Kind.EXECUTABLE);
            return this;
        }

        @Override
        public boolean exists(byte[] path) {
            String name = new String(path, StandardCharsets.UTF_8);
            looked.add(name);
            return files.containsKey(name);
        }

        /** As access(X_OK) answers for root too: a directory can be searched. */
        @Override
        public boolean isExecutable(byte[] path) {
            Kind kind = files.get(new String(path, StandardCharsets.UTF_8));
            return kind == Kind.EXECUTABLE || kind == Kind.DIRECTORY;
        }

        @Override
        public boolean isDirectory(byte[] path) {
            return files.get(new String(path, StandardCharsets.UTF_8)) == Kind.DIRECTORY;
        }
    }
}
