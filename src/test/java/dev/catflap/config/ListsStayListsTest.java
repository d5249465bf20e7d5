package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.catflap.SourceTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No round trips through text (issue 24): a list is split only where text is read (a variable's
 * value in {@link ListValue}, a file's in {@link FilePaths}, a list's text given to
 * {@link Setting#parse(String)}), and written as text only to be shown, never to be split
 * again; an {@code --ignore} glob is compiled in one place, whose matcher the watcher uses. A
 * repeated option's values joined with escaped commas (as {@code cli/SettingOptions} did), or a
 * glob compiled to check it and again to match (as {@code SettingParsers} and {@code IgnoreRules}
 * did), fails here.
 */
class ListsStayListsTest {
    @Test
    void listsAreSplitOnlyWhereTextIsRead() throws IOException {
        assertEquals(List.of("dev/catflap/config/FilePaths.java", "dev/catflap/config/ListSyntax.java",
                "dev/catflap/config/ListValue.java", "dev/catflap/config/Setting.java"),
                holding("ListSyntax.elements(", "ListSyntax.writtenElements(", "writtenElements(", "ShellWords.elements("));
    }

    @Test
    void listsAreWrittenAsTextInOnePlaceOnlyToBeShown() throws IOException {
        // ListValue and RankedSource: the text --show-config and messages show (a file's text stays as written).
        assertEquals(List.of("dev/catflap/config/ListValue.java", "dev/catflap/config/RankedSource.java"),
                holding("ListSyntax.text("));
        assertEquals(List.of("dev/catflap/config/ListSyntax.java"), holding("\"\\\\,'\\\"\""), "the characters escaped, in one place");
    }

    @Test
    void globsAreCompiledOnce() throws IOException {
        assertEquals(List.of("dev/catflap/supervise/IgnoreGlob.java"), holding("getPathMatcher("));
    }

    /** The main sources that hold any of {@code texts}, relative to the source root, in order. */
    private static List<String> holding(String... texts) throws IOException {
        Path root = SourceTree.SOURCES;
        return SourceTree.files(root, ".java").stream()
                .filter(file -> List.of(texts).stream().anyMatch(SourceTree.read(file)::contains))
                .map(file -> root.relativize(file).toString().replace('\\', '/')).toList();
    }
}
