package dev.catflap.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The launcher script's header explains each option it passes to java, each on a line of its
 * own: an option added to the command line without its reason fails here.
 */
class LauncherHeaderTest {
    private static final Path LAUNCHER = Path.of("src/main/launcher/catflap");
    /** A header entry: "#  TERM  why...", the term being the option (or options) it explains. */
    private static final Pattern ENTRY = Pattern.compile("^#  (\\S.*?)(?:  |$)");
    /** A JVM option in the script's java command lines, as far as its name goes (up to = or a quote). */
    private static final Pattern OPTION = Pattern.compile("(?<![\\w.])(-X[^\\s\"=}]+|-D[\\w.]+|-jar|\\$archive_quiet|\\$CATFLAP_JAVA_OPTS)");

    @Test
    void everyJvmOptionHasItsLineInTheHeader() throws IOException {
        List<String> script = Files.readAllLines(LAUNCHER);
        Set<String> options = options(script);
        assertTrue(options.size() >= 20 && options.contains("-XX:-MaxFDLimit") && options.contains("-Xrs"),
                "the scan finds the script's options: " + options);
        List<String> terms = terms(script);
        List<String> unexplained = options.stream()
                .filter(option -> terms.stream().noneMatch(term -> term.contains(option)))
                .toList();
        assertEquals(List.of(), unexplained, "options without a line in the header, whose entries are: " + terms);
    }

    /** The options of every {@code set -- ...} that builds java's command line, continuation lines joined. */
    private static Set<String> options(List<String> script) {
        Set<String> options = new LinkedHashSet<>();
        String joined = String.join("\n", script).replace("\\\n", " ");
        for (String line : joined.split("\n")) {
            if (line.trim().startsWith("set -- ")) {
                Matcher option = OPTION.matcher(line);
                while (option.find()) {
                    options.add(option.group(1));
                }
            }
        }
        return options;
    }

    /** The terms of the header's entries: the comment block at the top, up to the first line of code. */
    private static List<String> terms(List<String> script) {
        List<String> terms = new ArrayList<>();
        for (String line : script.subList(1, script.size())) {
            if (!line.startsWith("#")) {
                break;
            }
            Matcher entry = ENTRY.matcher(line);
            if (entry.find()) {
                terms.add(entry.group(1));
            }
        }
        return terms;
    }
}
