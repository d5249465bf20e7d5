package dev.catflap.launch;

import dev.catflap.CatflapException;
import dev.catflap.ExitStatus;
import dev.catflap.posix.FileAccess;
import dev.catflap.posix.OsString;
import dev.catflap.posix.Posix;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the file a command name stands for, as execvp and shells do: a name with a slash is a
 * path, any other is looked up on PATH. It runs before anything is bound, so that a missing
 * command, or a script's missing interpreter, stops catflap with the shells' statuses (127 not
 * found, 126 not executable).
 */
@ApplicationScoped
public class ExecutableSearch {
    /** glibc's search path when PATH is unset. */
    private static final byte[] DEFAULT_PATH = "/bin:/usr/bin".getBytes();
    /** config's Setting.SETENV, which launch, a later stage, does not know (ExecutableSearchTest checks they agree). */
    static final String SETENV_OPTION = "--setenv";
    static final String SETENV_KEY = "catflap.setenv";

    private final FileAccess files;

    public ExecutableSearch(Posix posix) {
        this.files = posix.files();
    }

    /** The path to execute for {@code command}, searched on {@code environment}'s PATH. */
    public byte[] resolve(CommandWords command, Environment environment) {
        return resolve(command, environment, Optional.empty());
    }

    /**
     * The path to execute for {@code command} when it runs in {@code runsIn}: a relative name
     * with a slash ({@code ./server.py}, {@code bin/app}) is found there, as the command's own
     * execvp would find it.
     */
    public byte[] resolve(CommandWords command, Environment environment, Optional<byte[]> runsIn) {
        byte[] name = command.name();
        if (runsIn.isPresent() && name.length > 0 && name[0] != '/' && contains(name, (byte) '/')) {
            byte[] path = join(runsIn.get(), name);
            try {
                checkPath(path, command);
            } catch (CatflapException e) {
                // ./server is looked for where the command runs, not where catflap was started: say where
                // (not of its interpreter, whose path is its own: checked below)
                throw new CatflapException(e.status(), e.getMessage() + " (in " + OsString.decode(runsIn.get())
                        + ", where the command runs)");
            }
            return checkInterpreter(path, command.displayName());
        }
        if (name.length == 0) {
            throw new CatflapException(ExitStatus.NOT_FOUND, "'': command not found");
        }
        if (contains(name, (byte) '/')) {
            return checkInterpreter(checkPath(name, command), command.displayName());
        }
        boolean foundNotExecutable = false;
        for (byte[] directory : searchPath(environment)) {
            byte[] candidate = join(directory, name);
            if (files.exists(candidate) && !files.isDirectory(candidate)) {
                if (files.isExecutable(candidate)) {
                    return checkInterpreter(candidate, command.displayName());
                }
                foundNotExecutable = true;
            }
        }
        if (foundNotExecutable) {
            throw new CatflapException(ExitStatus.NOT_EXECUTABLE, command.displayName() + ": permission denied");
        }
        throw notFound(command, "command not found");
    }

    private byte[] checkPath(byte[] path, CommandWords command) {
        String shown = command.displayName();
        if (!files.exists(path)) {
            throw notFound(command, "no such file or directory");
        }
        if (files.isDirectory(path)) {
            throw new CatflapException(ExitStatus.NOT_EXECUTABLE, shown + ": is a directory");
        }
        if (!files.isExecutable(path)) {
            throw new CatflapException(ExitStatus.NOT_EXECUTABLE, shown + ": permission denied");
        }
        return path;
    }

    /**
     * The command is not there. Where its first word is what a shell would take for a variable
     * ({@code DEBUG=1 python3 app.py}, {@code PYTHONPATH=src/lib python3 app.py}), the user
     * expected a shell, which catflap does not run: the message says what to write instead.
     */
    private static CatflapException notFound(CommandWords command, String reason) {
        String name = command.displayName();
        if (!VariableAssignment.looksLikeOne(name)) {
            return new CatflapException(ExitStatus.NOT_FOUND, name + ": " + reason);
        }
        return new CatflapException(ExitStatus.NOT_FOUND, String.join(" ", command.displayWords()) + ": " + name
                + " is not a command; catflap runs no shell: use " + SETENV_OPTION + " " + asShellWord(name)
                + " (or " + SETENV_KEY + ")");
    }

    /** {@code word} as one shell word, for a message to copy from. */
    private static String asShellWord(String word) {
        return word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** A script runs only if its #! interpreter can: else the shells' "bad interpreter", 126. */
    private byte[] checkInterpreter(byte[] path, String shown) {
        ScriptInterpreter.problem(files, path).ifPresent(problem -> {
            throw new CatflapException(ExitStatus.NOT_EXECUTABLE, shown + ": " + problem);
        });
        return path;
    }

    private static List<byte[]> searchPath(Environment environment) {
        byte[] path = environment.rawValue("PATH");
        if (path == null) {
            path = DEFAULT_PATH;
        }
        List<byte[]> directories = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        for (byte b : path) {
            if (b == ':') {
                directories.add(current.toByteArray());
                current.reset();
            } else {
                current.write(b);
            }
        }
        directories.add(current.toByteArray());
        return directories;
    }

    /** An empty PATH entry means the working directory, as in execvp. */
    private static byte[] join(byte[] directory, byte[] name) {
        if (directory.length == 0) {
            return name;
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.writeBytes(directory);
        joined.write('/');
        joined.writeBytes(name);
        return joined.toByteArray();
    }

    private static boolean contains(byte[] bytes, byte wanted) {
        for (byte b : bytes) {
            if (b == wanted) {
                return true;
            }
        }
        return false;
    }
}
