package dev.catflap.launch;

import dev.catflap.posix.FileAccess;
import dev.catflap.posix.OsString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The interpreter a script names on its {@code #!} line, which the kernel runs in the script's
 * place. When it is missing, execve fails with ENOENT as if the script were: shells say "bad
 * interpreter" and exit 126, and so does catflap, naming the interpreter.
 */
final class ScriptInterpreter {
    /** The kernel reads no more of the file for the #! line (BINPRM_BUF_SIZE). */
    private static final int LINE_MAX = 256;

    private ScriptInterpreter() {
    }

    /** The interpreter's path, if {@code script} is a file that starts with a #! line naming one (unreadable: none). */
    static Optional<byte[]> of(byte[] script) {
        byte[] start;
        try (InputStream in = Files.newInputStream(Path.of(OsString.decode(script)))) {
            start = in.readNBytes(LINE_MAX);
        } catch (IOException | InvalidPathException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        if (start.length < 2 || start[0] != '#' || start[1] != '!') {
            return Optional.empty();
        }
        int from = 2;
        while (from < start.length && isBlank(start[from])) {
            from++;
        }
        int to = from;
        while (to < start.length && !isBlank(start[to]) && start[to] != '\n' && start[to] != 0) {
            to++;
        }
        if (to == LINE_MAX) {
            return Optional.empty(); // longer than the kernel reads: it says ENOEXEC, and sh runs the file
        }
        return to == from ? Optional.empty() : Optional.of(Arrays.copyOfRange(start, from, to));
    }

    /**
     * What keeps {@code script}'s interpreter from running, as "bad interpreter PATH: reason", if
     * it is a script whose interpreter is missing, a directory or not executable.
     */
    static Optional<String> problem(FileAccess files, byte[] script) {
        return of(script).flatMap(interpreter -> reason(files, interpreter).map(reason -> describe(interpreter, reason)));
    }

    /** "bad interpreter PATH: reason". */
    static String describe(byte[] interpreter, String reason) {
        return "bad interpreter " + OsString.decode(interpreter) + ": " + reason;
    }

    private static Optional<String> reason(FileAccess files, byte[] interpreter) {
        if (!files.exists(interpreter)) {
            return Optional.of("no such file or directory");
        }
        if (files.isDirectory(interpreter)) {
            return Optional.of("is a directory");
        }
        if (!files.isExecutable(interpreter)) {
            return Optional.of("permission denied");
        }
        return Optional.empty();
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }
}
