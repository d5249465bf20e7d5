package dev.catflap.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.posix.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IgnoreRulesTest {
    @TempDir
    Path temp;

    private final List<String> warnings = new ArrayList<>();

    @Test
    void buildOutputAndVersionControlAtAnyDepth() {
        IgnoreRules rules = new IgnoreRules(List.of());
        assertTrue(rules.ignores(Path.of(".git/index")));
        assertTrue(rules.ignores(Path.of("web/node_modules/x/index.js")));
        assertTrue(rules.ignores(Path.of("target")));
        assertFalse(rules.ignores(Path.of("src/Main.java")));
        assertFalse(rules.ignores(Path.of("targets/a")), "a name, not a prefix");
    }

    /** What Vim, Emacs, the JetBrains IDEs, VS Code, Kate, gedit and Python write beside a file being edited. */
    @ParameterizedTest
    @ValueSource(strings = {".app.py.swp", ".app.py.swx", ".app.py.swo", "src/.app.py.swn", ".swp", "4913", "app.py~",
        ".#a.js", "#a.js#", "app.py___jb_tmp___", "app.py___jb_old___", "app.py.vsctmp", ".app.py.kate-swp",
        ".goutputstream-X1Y2Z3", "__pycache__", "__pycache__/app.cpython-311.pyc.139725748110032", "lib/old.pyc",
        "lib/old.pyo"})
    void editorsAndPythonFilesAreIgnoredByDefault(String path) {
        assertTrue(new IgnoreRules(List.of()).ignores(Path.of(path)));
        IgnoreRules without = rules(temp, new Ignores(List.of(), false, false, reader()));
        assertFalse(without.ignores(temp, Path.of(path)), "--no-default-ignores");
    }

    @ParameterizedTest
    @ValueSource(strings = {"app.py", ".env", "logo.svg", "swap.c", "app.swift", "4914", "a#b", "a~b", ".gitignore", "pycache/x"})
    void sourcesAreNot(String path) {
        assertFalse(new IgnoreRules(List.of()).ignores(Path.of(path)));
    }

    @Test
    void aGlobWithoutASlashMatchesANameAtAnyDepth() {
        IgnoreRules rules = new IgnoreRules(globs("*.log", "tmp"));
        assertTrue(rules.ignores(Path.of("app.log")));
        assertTrue(rules.ignores(Path.of("a/b/app.log")));
        assertTrue(rules.ignores(Path.of("a/tmp/b.txt")), "a matching directory ignores what is under it");
        assertFalse(rules.ignores(Path.of("a/app.log.txt")));
    }

    /** The rules match with the matcher the settings' parser compiled, not one compiled again from the glob's text. */
    @Test
    void aGlobIsMatchedByTheMatcherItCameWith() {
        IgnoreRules rules = new IgnoreRules(List.of(new IgnoreGlob("*.log", path -> path.toString().equals("chosen"))));
        assertTrue(rules.ignores(Path.of("a/chosen")), "the given matcher decides");
        assertFalse(rules.ignores(Path.of("app.log")), "the text is not compiled again");
        IgnoreRules anchored = new IgnoreRules(List.of(new IgnoreGlob("gen/x", path -> path.toString().equals("gen"))));
        assertTrue(anchored.ignores(Path.of("gen/a.java")), "a glob with / is matched against the path");
        assertFalse(anchored.ignores(Path.of("src/gen")), "from the watched path's top");
    }

    @Test
    void aGlobWithASlashMatchesThePathUnderTheWatchedOne() {
        IgnoreRules rules = new IgnoreRules(globs("docs/build", "gen/**"));
        assertTrue(rules.ignores(Path.of("docs/build")));
        assertTrue(rules.ignores(Path.of("docs/build/index.html")));
        assertFalse(rules.ignores(Path.of("web/docs/build")), "anchored at the watched path");
        assertTrue(rules.ignores(Path.of("gen/a/b.java")));
        assertFalse(rules.ignores(Path.of("src/gen/a.java")));
    }

    /** The repository's files count from its top, above the watched directory too; .ignore comes after .gitignore. */
    @Test
    void theRepositorysIgnoreFilesFromItsTopDown() throws IOException {
        Path repository = Files.createDirectories(temp.resolve("repo"));
        Files.createDirectories(repository.resolve(".git/info"));
        Files.writeString(repository.resolve(".git/info/exclude"), "*.local\n");
        Files.writeString(repository.resolve(".gitignore"), "dist/\n/coverage\n*.gen.js\n!keep.gen.js\n");
        Path web = Files.createDirectories(repository.resolve("web"));
        Files.createDirectories(web.resolve("dist"));
        Files.writeString(web.resolve(".gitignore"), "!dist/\nout/\n");
        Files.writeString(web.resolve(".ignore"), "snapshots/\n!b.gen.js\n");
        Files.createDirectories(web.resolve("out"));
        IgnoreRules rules = rules(web, new Ignores(List.of(), false, true, reader()));
        assertFalse(rules.ignores(web, Path.of("dist/bundle.js")), "web/.gitignore keeps what the top one ignores");
        assertTrue(rules.ignores(web, Path.of("out/x.js")));
        assertTrue(rules.ignores(web, Path.of("snapshots/a.txt")));
        assertTrue(rules.ignores(web, Path.of("a.gen.js")));
        assertFalse(rules.ignores(web, Path.of("b.gen.js")), ".ignore after .gitignore");
        assertFalse(rules.ignores(web, Path.of("src/keep.gen.js")));
        assertTrue(rules.ignores(web, Path.of("settings.local")), ".git/info/exclude");
        assertFalse(rules.ignores(web, Path.of("coverage")), "anchored to the top's directory");
        assertFalse(rules.ignores(web, Path.of("app.js")));
        assertTrue(rules.ignores(web, Path.of("sub/.git/HEAD")), "never part of a work tree");
        assertEquals(List.of(repository.resolve(".git/info/exclude"), repository.resolve(".gitignore"), web.resolve(".gitignore"),
                web.resolve(".ignore")), rules.filesInForce());
        assertEquals(List.of(), warnings);
    }

    @Test
    void nothingUnderAnIgnoredDirectoryComesBack() throws IOException {
        Files.createDirectories(temp.resolve(".git"));
        Files.writeString(temp.resolve(".gitignore"), "build/\n!build/keep.txt\n");
        IgnoreRules rules = rules(temp, new Ignores(List.of(), false, true, reader()));
        Files.createDirectories(temp.resolve("build"));
        assertTrue(rules.ignores(temp, Path.of("build/keep.txt")));
    }

    /**
     * A directory named by --watch counts though the ignore files leave it (or one above it) out,
     * as ripgrep searches a path it is given; below it they decide as ever. Also before it exists.
     */
    @Test
    void theWatchedDirectoryCountsWhereTheFilesIgnoreIt() throws IOException {
        Files.createDirectories(temp.resolve(".git"));
        Files.writeString(temp.resolve(".gitignore"), "build/\n*.map\n");
        Path out = temp.resolve("build/out");
        IgnoreRules missing = rules(out, new Ignores(List.of(), false, true, reader()));
        Files.createDirectories(out.resolve("js"));
        for (IgnoreRules rules : List.of(missing, rules(out, new Ignores(List.of(), false, true, reader())))) {
            assertFalse(rules.ignores(out, Path.of("app.js")));
            assertFalse(rules.ignores(out, Path.of("js/app.js")));
            assertTrue(rules.ignores(out, Path.of("js/app.js.map")), "a pattern still decides below it");
        }
        assertTrue(rules(temp, new Ignores(List.of(), false, true, reader())).ignores(temp, Path.of("build/out/app.js")),
                "watching the top, build/ is left out as before");
    }

    /** A watched directory that appears later with its own .gitignore (a checkout): that file counts, read once it is there. */
    @Test
    void theIgnoreFileOfAWatchedDirectoryThatAppearsLaterCounts() throws IOException {
        Files.createDirectories(temp.resolve(".git"));
        Path web = temp.resolve("web");
        IgnoreRules rules = rules(web, new Ignores(List.of(), false, true, reader()));
        Files.createDirectories(web.resolve("dist"));
        Files.writeString(web.resolve(".gitignore"), "dist/\n");
        assertTrue(rules.ignores(web, Path.of("dist/app.js")), "web/.gitignore, which came with web/");
        assertFalse(rules.ignores(web, Path.of("src/app.js")));
    }

    /** Outside a repository git reads no .gitignore; .ignore counts (as for ripgrep and watchexec). */
    @Test
    void outsideARepositoryOnlyIgnoreFiles() throws IOException {
        Files.writeString(temp.resolve(".gitignore"), "*.txt\n");
        Files.writeString(temp.resolve(".ignore"), "*.log\n");
        IgnoreRules rules = rules(temp, new Ignores(List.of(), false, true, reader()));
        assertFalse(rules.ignores(temp, Path.of("a.txt")));
        assertTrue(rules.ignores(temp, Path.of("a.log")));
        assertFalse(rules(temp, new Ignores(List.of(), true, false, reader())).ignores(temp, Path.of("a.log")),
                "--no-ignore-files");
    }

    /** A linked worktree (git worktree add): .git is a file naming its git directory, which names the common one. */
    @Test
    void aLinkedWorktreeReadsTheRepositorysExclude() throws IOException {
        Path common = Files.createDirectories(temp.resolve("main/.git/info"));
        Files.writeString(common.resolve("exclude"), "scratch/\n");
        Path gitDir = Files.createDirectories(temp.resolve("main/.git/worktrees/wt"));
        Files.writeString(gitDir.resolve("commondir"), "../..\n");
        Path worktree = Files.createDirectories(temp.resolve("wt"));
        Files.writeString(worktree.resolve(".git"), "gitdir: " + gitDir + "\n");
        Files.createDirectories(worktree.resolve("scratch"));
        assertTrue(rules(worktree, new Ignores(List.of(), false, true, reader())).ignores(worktree, Path.of("scratch/a")));
    }

    /** A .gitignore that changes is read again; the watcher asks about the change to it first. */
    @Test
    void aChangedIgnoreFileIsReadAgain() throws IOException {
        Files.createDirectories(temp.resolve(".git"));
        Files.writeString(temp.resolve(".gitignore"), "*.tmp\n");
        IgnoreRules rules = rules(temp, new Ignores(List.of(), false, true, reader()));
        assertTrue(rules.ignores(temp, Path.of("a.tmp")));
        Files.writeString(temp.resolve(".gitignore"), "*.out\n");
        assertFalse(rules.ignores(temp, Path.of(".gitignore")), "the change to .gitignore itself counts");
        assertFalse(rules.ignores(temp, Path.of("a.tmp")));
        assertTrue(rules.ignores(temp, Path.of("a.out")));
    }

    /** Anyone may have written a .gitignore: a FIFO there does not hang catflap, a link is not followed. */
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void onlyRegularFilesAreRead() throws Exception {
        Files.createDirectories(temp.resolve(".git"));
        assertEquals(0, new ProcessBuilder("mkfifo", temp.resolve(".gitignore").toString()).start().waitFor());
        Files.writeString(temp.resolve("elsewhere"), "*.js\n");
        Files.createSymbolicLink(temp.resolve(".ignore"), temp.resolve("elsewhere"));
        IgnoreRules rules = rules(temp, new Ignores(List.of(), false, true, reader()));
        assertFalse(rules.ignores(temp, Path.of("a.js")));
        assertEquals(List.of("warning: not reading " + temp.resolve(".gitignore") + ": not a regular file",
                "warning: not reading " + temp.resolve(".ignore") + ": a symbolic link (git does not follow it either)"),
                warnings);
    }

    private IgnoreRules rules(Path root, Ignores ignores) {
        return IgnoreRules.of(List.of(root), ignores, warnings::add);
    }

    private static IgnoreFileReader reader() {
        return new IgnoreFileReader(Posix.system());
    }

    private static List<IgnoreGlob> globs(String... globs) {
        return Stream.of(globs).map(IgnoreGlob::compile).toList();
    }
}
