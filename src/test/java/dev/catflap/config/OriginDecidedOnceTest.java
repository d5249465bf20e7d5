package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.SourceTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Where a value came from is an {@link Origin}, decided once where its source is made: nothing
 * else ranks sources by a number or names them with a string to compare, and the texts an
 * origin is rendered to (the {@code --show-config} column, a message's head) are only shown,
 * never read back (compared with an option's name, "default", or tested for a leading /).
 * Checked in the main sources' code, comments left out.
 */
class OriginDecidedOnceTest {
    private static final String ORIGIN = "dev/catflap/config/Origin.java";
    /** SmallRye's string-named, numbered sources and values, and an enum's position as a rank. */
    private static final Pattern RANK_OR_NAME = Pattern.compile(
            "\\.ordinal\\(\\)|getOrdinal\\(|getSourceOrdinal\\(|getSourceName\\(|\\bConfigValue\\b");
    /** The rendered text of an origin, tested as it is got: {@code settings.source(X).equals(...)}, or the other way round. */
    private static final Pattern TEXT_COMPARED = Pattern.compile(
            "\\.(source|origin|described|personalSource|personalSourceOf)\\([^;{()]*(\\([^;{()]*\\))?[^;{()]*\\)\\s*"
                    + "\\.(equals|equalsIgnoreCase|startsWith|endsWith|contains|matches|compareTo)\\("
                    + "|\\.equals\\(\\s*\\w+\\.(source|origin|described)\\(");
    /** The rendered text kept in a variable: {@code String source = settings.source(X);} */
    private static final Pattern TEXT_KEPT = Pattern.compile(
            "String\\s+(\\w+)\\s*=\\s*\\w+\\.(source|origin|described|personalSource)\\(");

    @Test
    void noSourceIsRankedByANumberOrNamedByAStringOutsideOrigin() throws IOException {
        Path sources = sources();
        List<String> offenders = SourceTree.outside(sources, ".java", ORIGIN, file -> RANK_OR_NAME.matcher(code(file)).find());
        assertEquals(List.of(), offenders, "rank or name a source outside " + ORIGIN + ": ask its Origin");
    }

    @Test
    void noRenderedOriginIsReadBack() throws IOException {
        List<String> offenders = SourceTree.outside(sources(), ".java", ORIGIN, file -> readsBack(code(file)));
        assertEquals(List.of(), offenders, "compare where a value came from as text: ask Settings.from(...) for its Origin");
    }

    /** The scan finds what it looks for: each form the sources once held. */
    @Test
    void theScanFindsEachForm() {
        assertTrue(RANK_OR_NAME.matcher("if (other.getSourceOrdinal() >= listen.getSourceOrdinal())").find());
        assertTrue(RANK_OR_NAME.matcher("Configuration.FLAGS.equals(value.getSourceName())").find());
        assertTrue(RANK_OR_NAME.matcher("ConfigValue value = config.value(setting);").find());
        assertTrue(RANK_OR_NAME.matcher("higher.kind().ordinal() < lower.kind().ordinal()").find());
        assertTrue(readsBack("if (unitCommandGiven && settings.source(Setting.UNIT_COMMAND).equals(Setting.UNIT_COMMAND.option())) {"));
        assertTrue(readsBack("String source = settings.source(setting);\n return source.startsWith(\"/\") ? a : b;"));
        assertTrue(readsBack("String source = settings.source(Setting.COMMAND);\n if (!source.equals(\"default\")) {"));
        assertTrue(readsBack("return setting.option().equals(settings.source(setting));"));
        assertTrue(!readsBack("String source = settings.source(setting);\n lines.add(key + \" \" + source);"));
    }

    private static boolean readsBack(String code) {
        if (TEXT_COMPARED.matcher(code).find()) {
            return true;
        }
        Matcher kept = TEXT_KEPT.matcher(code);
        while (kept.find()) {
            if (Pattern.compile("\\b" + kept.group(1) + "\\s*\\.\\s*(equals|equalsIgnoreCase|startsWith|endsWith|contains|matches|compareTo)\\(")
                    .matcher(code).find()) {
                return true;
            }
        }
        return false;
    }

    private static Path sources() {
        Path sources = SourceTree.SOURCES;
        assertTrue(sources.resolve(ORIGIN).toFile().isFile(), "run from the project's directory: " + sources.toAbsolutePath());
        return sources;
    }

    /** A file's code without its comments, which may name what the code no longer does. */
    private static String code(Path file) {
        return SourceTree.read(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }
}
