package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --watch as developers edit: what editors write while one types (swap, lock and auto-save files),
 * how they save (Vim's probe and backup, JetBrains' safe write), Python's bytecode and what the
 * repository's .gitignore leaves out restart nothing; a save restarts once. Each editor's file
 * operations are made as the editor makes them, in its order.
 */
class EditorIgnoresIT {
    private static final String RESTARTING = "[catflap] restarting: ";
    /** Says "run" each time it starts, then waits: the watching has begun once it has said so. */
    private static final List<String> COMMAND = List.of("--", "sh", "-c", "echo run; exec sleep 1000");
    /** Longer than the watcher's quiet period: what came before is a burst of its own. */
    private static final long APART_MS = 700;

    @TempDir
    Path temp;

    /** A file operation that may fail. */
    private interface Edit {
        void run() throws IOException;
    }

    /** Vim, typing for a while without saving (the swap file is written every few keystrokes), then :w, then :q. */
    @Test
    void vimTypingThenSaving() throws IOException {
        Path app = Files.writeString(Files.createDirectories(temp.resolve("w")).resolve("app.py"), "print(1)\n");
        Path swap = app.resolveSibling(".app.py.swp");
        assertOneRestartForTheSave(app.getParent(), List.of(), () -> {
            Files.write(swap, new byte[4096]); // opening the file
            for (int keystrokes = 0; keystrokes < 5; keystrokes++) {
                Catflap.sleep(250);
                Files.write(swap, new byte[4096 * (keystrokes + 2)]);
            }
        }, app, () -> vimWrite(app, "print(2)\n"));
    }

    /** Emacs: the lock link (a dangling symbolic link) when the buffer is modified, the auto-save file, the backup. */
    @Test
    void emacsLockLinkAutoSaveAndBackup() throws IOException {
        Path app = Files.writeString(Files.createDirectories(temp.resolve("w")).resolve("a.js"), "1\n");
        Path lock = app.resolveSibling(".#a.js");
        Path autoSave = app.resolveSibling("#a.js#");
        assertOneRestartForTheSave(app.getParent(), List.of(), () -> {
            Files.createSymbolicLink(lock, Path.of("me@host.4242:1700000000"));
            Files.writeString(autoSave, "2\n");
        }, app, () -> {
            Files.move(app, app.resolveSibling("a.js~"), StandardCopyOption.REPLACE_EXISTING); // the first save's backup
            Files.writeString(app, "2\n");
            Files.delete(autoSave);
            Files.delete(lock);
        });
    }

    /** The JetBrains IDEs' "safe write": a temporary file, the old one moved aside, the temporary one moved in. */
    @Test
    void jetBrainsSafeWrite() throws IOException {
        Path app = Files.writeString(Files.createDirectories(temp.resolve("w")).resolve("app.py"), "1\n");
        Path tmp = app.resolveSibling("app.py___jb_tmp___");
        Path old = app.resolveSibling("app.py___jb_old___");
        assertOneRestartForTheSave(app.getParent(), List.of(), () -> {
            Files.writeString(tmp, "draft\n"); // an aborted save: nothing of app.py changed
            Files.delete(tmp);
        }, app, () -> {
            Files.writeString(tmp, "2\n");
            Files.move(app, old);
            Files.move(tmp, app);
            Files.delete(old);
        });
    }

    /** A Python server's first start and each import after a change write bytecode: a temporary file, then a rename. */
    @Test
    void pythonBytecode() throws IOException {
        Path app = Files.writeString(Files.createDirectories(temp.resolve("w")).resolve("app.py"), "1\n");
        assertOneRestartForTheSave(app.getParent(), List.of(), () -> {
            Path cache = Files.createDirectories(app.resolveSibling("__pycache__"));
            Path written = Files.write(cache.resolve("app.cpython-311.pyc.139725748110032"), new byte[512]);
            Files.move(written, cache.resolve("app.cpython-311.pyc"), StandardCopyOption.ATOMIC_MOVE);
            Files.write(app.resolveSibling("legacy.pyc"), new byte[16]);
        }, app, () -> Files.writeString(app, "2\n"));
    }

    /** A git repository whose .gitignore lists dist/: a build writing there restarts nothing. */
    @Test
    void whatTheRepositorysGitignoreListsDoesNotCount() throws Exception {
        Path repository = Files.createDirectories(temp.resolve("repo"));
        git(repository, "init", "-q", ".");
        Files.writeString(repository.resolve(".gitignore"), "dist/\n*.tmp\n");
        Path web = Files.createDirectories(repository.resolve("web"));
        Path app = Files.writeString(web.resolve("app.js"), "1\n");
        assertOneRestartForTheSave(web, List.of(), () -> {
            Path dist = Files.createDirectories(web.resolve("dist/assets"));
            Files.writeString(dist.resolve("../bundle.js"), "bundle");
            Files.writeString(dist.resolve("logo.svg"), "<svg/>");
            Files.writeString(web.resolve("upload.tmp"), "x");
        }, app, () -> Files.writeString(app, "2\n"));
    }

    /** With --no-default-ignores a swap file counts again; with --no-ignore-files, what .gitignore lists does. */
    @Test
    void theDefaultsCanBeSwitchedOff() throws Exception {
        Path repository = Files.createDirectories(temp.resolve("repo"));
        git(repository, "init", "-q", ".");
        Files.writeString(repository.resolve(".gitignore"), "*.tmp\n");
        Path swap = repository.resolve(".app.py.swp");
        try (Catflap.Running catflap = Catflap.launcher().in(repository).start(watching(".", "--no-default-ignores"))) {
            catflap.awaitStdout("run\n");
            Files.writeString(swap, "typing");
            catflap.awaitStderr(RESTARTING + ".app.py.swp changed");
        }
        try (Catflap.Running catflap = Catflap.launcher().in(repository).start(watching(".", "--no-ignore-files"))) {
            catflap.awaitStdout("run\n");
            Files.writeString(repository.resolve("a.tmp"), "x");
            catflap.awaitStderr(RESTARTING + "a.tmp changed");
        }
    }

    /** A .gitignore edited while catflap watches: the edit restarts the command, and what it adds counts from then on. */
    @Test
    void aChangedGitignoreIsReadAgain() throws Exception {
        Path repository = Files.createDirectories(temp.resolve("repo"));
        git(repository, "init", "-q", ".");
        Path gitignore = Files.writeString(repository.resolve(".gitignore"), "*.tmp\n");
        try (Catflap.Running catflap = Catflap.launcher().in(repository).start(watching("."))) {
            catflap.awaitStdout("run\n");
            Files.writeString(gitignore, "*.tmp\n*.out\n");
            catflap.awaitStderr(RESTARTING + ".gitignore changed");
            catflap.awaitStdout("run\n", 2);
            Files.writeString(repository.resolve("report.out"), "x");
            Catflap.sleep(APART_MS);
            Path app = Files.writeString(repository.resolve("app.js"), "1");
            String stderr = catflap.awaitStderr(RESTARTING + "app.js changed");
            assertEquals(2, Catflap.occurrences(stderr, RESTARTING), stderr);
        }
    }

    /**
     * Anyone who may write in the tree may have put a FIFO where a .gitignore goes: catflap neither
     * waits on it nor reads it, and says so; the watching goes on.
     */
    @Test
    void aFifoForAGitignoreIsNotWaitedOn() throws Exception {
        Path repository = Files.createDirectories(temp.resolve("repo"));
        git(repository, "init", "-q", ".");
        Path web = Files.createDirectories(repository.resolve("web"));
        assertEquals(0, new ProcessBuilder("mkfifo", web.resolve(".gitignore").toString()).start().waitFor());
        try (Catflap.Running catflap = Catflap.launcher().in(repository).start(watching("."))) {
            catflap.awaitStdout("run\n");
            Files.writeString(web.resolve("app.js"), "1"); // web's files are read at its first change
            catflap.awaitStderr("[catflap] warning: not reading " + web.toAbsolutePath().resolve(".gitignore")
                    + ": not a regular file\n");
            catflap.awaitStderr(RESTARTING + "web/app.js changed");
        }
    }

    /** --show-config names the ignore files --watch would read, those above the watched path too. */
    @Test
    void showConfigNamesTheIgnoreFilesInForce() throws Exception {
        Path repository = Files.createDirectories(temp.resolve("repo"));
        git(repository, "init", "-q", ".");
        Files.writeString(repository.resolve(".gitignore"), "dist/\n");
        Path web = Files.createDirectories(repository.resolve("web/src"));
        Files.writeString(web.resolve(".ignore"), "*.snap\n");
        Files.createDirectories(repository.resolve("web/dist"));
        Files.writeString(repository.resolve("web/dist/.gitignore"), "not in force: dist/ is ignored\n");
        Catflap.Result shown = Catflap.launcher().in(repository).run("--show-config", "--watch", "web");
        assertEquals(0, shown.exit(), shown.stderr());
        assertTrue(shown.stdout().contains("\nignore files: " + repository.toAbsolutePath().resolve(".gitignore") + "\n"
                + "              " + repository.toAbsolutePath().resolve("web/src/.ignore") + "\n"), shown.stdout());
        Catflap.Result off = Catflap.launcher().in(repository).run("--show-config", "--watch", "web", "--no-ignore-files");
        assertTrue(off.stdout().contains("\nignore files: none (catflap.no-ignore-files)\n"), off.stdout());
    }

    /** Only with --watch, as --ignore. */
    @Test
    void theSwitchesOnlyApplyWithWatch() {
        Catflap.Result result = Catflap.launcher().run("-p", "0", "--no-default-ignores", "--", "true");
        assertEquals(2, result.exit());
        assertEquals("[catflap] --no-default-ignores: only applies with --watch\n", result.stderr());
    }

    /**
     * Runs catflap watching {@code watched}, makes the edits that must not count, waits, checks that
     * nothing restarted, saves, and checks that the save restarted the command once, named by the
     * saved file.
     */
    private void assertOneRestartForTheSave(Path watched, List<String> options, Edit notCounted, Path saved, Edit save)
            throws IOException {
        List<String> args = new ArrayList<>(options);
        try (Catflap.Running catflap = Catflap.launcher().in(watched).start(watching(".", args.toArray(String[]::new)))) {
            catflap.awaitStdout("run\n");
            notCounted.run();
            Catflap.sleep(APART_MS);
            assertEquals(0, Catflap.occurrences(catflap.stderr(), RESTARTING), catflap.stderr());
            save.run();
            String stderr = catflap.awaitStderr(RESTARTING + watched.relativize(saved) + " changed");
            catflap.awaitStdout("run\n", 2);
            Catflap.sleep(APART_MS); // what the save left behind (a swap file written after it) comes meanwhile
            assertEquals(1, Catflap.occurrences(catflap.stderr(), RESTARTING), stderr);
        }
    }

    /**
     * Vim's :w with its defaults ('writebackup', 'backupcopy' auto): it checks that it may make
     * files in the directory (4913, made and removed), renames the file to its backup, writes a new
     * one, removes the backup, then updates its swap file.
     */
    private static void vimWrite(Path file, String text) throws IOException {
        Path probe = file.resolveSibling("4913");
        Files.writeString(probe, "");
        Files.delete(probe);
        Path backup = file.resolveSibling(file.getFileName() + "~");
        Files.move(file, backup, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(file, text);
        Files.delete(backup);
        Files.write(file.resolveSibling("." + file.getFileName() + ".swp"), new byte[4096 * 8]);
    }

    private static List<String> watching(String path, String... options) {
        List<String> args = new ArrayList<>(List.of("-p", "0", "--watch", path));
        args.addAll(List.of(options));
        args.addAll(COMMAND);
        return args;
    }

    private static void git(Path directory, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        assertEquals(0, new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start().waitFor());
    }
}
