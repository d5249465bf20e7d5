package dev.catflap.config;

import dev.catflap.socket.ListenSpec;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Relative paths in a configuration file are relative to the file's directory, as a project file
 * is found from any directory below it: {@code catflap.watch=src} in a project's
 * .catflap.properties means the project's src/ wherever catflap is started. The paths are made
 * absolute before they are parsed: the checks of the parsers (a watched path below a file, a
 * directory that is none, a socket path too long for sun_path) are of the path meant, and
 * {@code --show-config} shows it. Errors show the value as the file wrote it, its text kept
 * as written: a list is split once, here, and resolved element by element; a single path is
 * resolved where it is parsed ({@link WrittenValue#resolved}). A path starting with {@code ~}
 * is left as written, so that its parser refuses it as it does an option's.
 */
final class FilePaths {
    private FilePaths() {
    }

    /**
     * The elements of each list setting in {@code properties}, empty ones included, the relative
     * paths of watch and of unix: listen specs resolved against {@code directory}. A value that is
     * no list (an unclosed quote) has none: {@link ListValue} refuses it, naming its line.
     */
    static Map<String, List<String>> lists(Map<String, String> properties, Path directory) {
        Map<String, List<String>> lists = new TreeMap<>();
        for (Setting<?> setting : Setting.values()) {
            String text = properties.get(setting.key());
            if (!setting.isList() || text == null) {
                continue;
            }
            try {
                lists.put(setting.key(), eachElement(ListSyntax.writtenElements(setting, text), resolver(setting, directory)));
            } catch (IllegalArgumentException e) {
                // no list: left as written
            }
        }
        return lists;
    }

    /**
     * The value of a single path setting (unit-dir, workdir) read from a file in
     * {@code directory}, its relative path resolved against it; any other setting's as written.
     */
    static String scalar(Setting<?> setting, String text, Path directory) {
        return setting == Setting.UNIT_DIR || setting == Setting.WORKDIR ? absolute(text, directory) : text;
    }

    /** What becomes of each element of {@code setting} read from a file in {@code directory}. */
    private static UnaryOperator<String> resolver(Setting<?> setting, Path directory) {
        if (setting == Setting.WATCH) {
            return path -> absolute(path, directory);
        }
        if (setting == Setting.LISTEN) {
            return spec -> unixPathAbsolute(spec, directory);
        }
        return UnaryOperator.identity();
    }

    private static String unixPathAbsolute(String spec, Path directory) {
        if (!spec.startsWith(ListenSpec.UNIX_SCHEME) || spec.startsWith(ListenSpec.UNIX_SCHEME + "@")) {
            return spec; // an IP socket, or a name in the abstract namespace
        }
        return ListenSpec.UNIX_SCHEME + absolute(spec.substring(ListenSpec.UNIX_SCHEME.length()), directory);
    }

    private static String absolute(String path, Path directory) {
        try {
            // '~' is no directory's name a user means: left as written, its parser refuses it with the hint
            return path.isEmpty() || path.startsWith("~") ? path : directory.resolve(path).toString();
        } catch (InvalidPathException e) {
            return path; // Setting reports it as written
        }
    }

    /** {@code change} applied to each element; the empty ones, which clear the lower sources' (see {@link ListValue}), stay. */
    private static List<String> eachElement(List<String> elements, UnaryOperator<String> change) {
        List<String> changed = new ArrayList<>();
        for (String element : elements) {
            changed.add(element.isEmpty() ? element : change.apply(element));
        }
        return List.copyOf(changed);
    }
}
