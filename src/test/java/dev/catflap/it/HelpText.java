package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code catflap --help} says, for checking the generated documents against it. */
final class HelpText {
    /** An option's line in the list: indented, an optional short name, then the long name. */
    private static final Pattern OPTION_LINE = Pattern.compile("(?m)^ {2,}(?:-\\w, )?(--[a-z][\\w-]*)");

    private HelpText() {
    }

    static String text() {
        Catflap.Result result = Catflap.launcher().run("--help");
        assertEquals(0, result.exit(), result.stderr());
        return result.stdout();
    }

    /** Every long option that {@code --help} lists, e.g. {@code --port}. */
    static List<String> longOptions() {
        List<String> options = new ArrayList<>();
        Matcher matcher = OPTION_LINE.matcher(text());
        while (matcher.find()) {
            options.add(matcher.group(1));
        }
        assertTrue(options.contains("--port") && options.contains("--help"), "options found in --help: " + options);
        return options;
    }
}
