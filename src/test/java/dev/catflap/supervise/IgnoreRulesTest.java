package dev.catflap.supervise;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class IgnoreRulesTest {
    @Test
    void buildOutputAndVersionControlAtAnyDepth() {
        IgnoreRules rules = new IgnoreRules(List.of());
        assertTrue(rules.ignores(Path.of(".git/index")));
        assertTrue(rules.ignores(Path.of("web/node_modules/x/index.js")));
        assertTrue(rules.ignores(Path.of("target")));
        assertFalse(rules.ignores(Path.of("src/Main.java")));
        assertFalse(rules.ignores(Path.of("targets/a")), "a name, not a prefix");
    }

    @Test
    void aGlobWithoutASlashMatchesANameAtAnyDepth() {
        IgnoreRules rules = new IgnoreRules(List.of("*.log", "tmp"));
        assertTrue(rules.ignores(Path.of("app.log")));
        assertTrue(rules.ignores(Path.of("a/b/app.log")));
        assertTrue(rules.ignores(Path.of("a/tmp/b.txt")), "a matching directory ignores what is under it");
        assertFalse(rules.ignores(Path.of("a/app.log.txt")));
    }

    @Test
    void aGlobWithASlashMatchesThePathUnderTheWatchedOne() {
        IgnoreRules rules = new IgnoreRules(List.of("docs/build", "gen/**"));
        assertTrue(rules.ignores(Path.of("docs/build")));
        assertTrue(rules.ignores(Path.of("docs/build/index.html")));
        assertFalse(rules.ignores(Path.of("web/docs/build")), "anchored at the watched path");
        assertTrue(rules.ignores(Path.of("gen/a/b.java")));
        assertFalse(rules.ignores(Path.of("src/gen/a.java")));
    }
}
