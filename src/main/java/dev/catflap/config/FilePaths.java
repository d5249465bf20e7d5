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
 * absolute as the file is read, so errors and {@code --show-config} show which path was meant.
 */
final class FilePaths {
    private FilePaths() {
    }

    /** {@code properties} with the relative paths of watch, of unix: listen specs, of unit-dir and workdir resolved against {@code directory}. */
    static Map<String, String> resolved(Map<String, String> properties, Path directory) {
        Map<String, String> resolved = new TreeMap<>(properties);
        resolved.computeIfPresent(Setting.WATCH.key(), (key, list) -> eachElement(list, path -> absolute(path, directory)));
        resolved.computeIfPresent(Setting.LISTEN.key(), (key, list) -> eachElement(list, spec -> unixPathAbsolute(spec, directory)));
        resolved.computeIfPresent(Setting.UNIT_DIR.key(), (key, path) -> absolute(path, directory));
        resolved.computeIfPresent(Setting.WORKDIR.key(), (key, path) -> absolute(path, directory));
        return resolved;
    }

    private static String unixPathAbsolute(String spec, Path directory) {
        if (!spec.startsWith(ListenSpec.UNIX_SCHEME) || spec.startsWith(ListenSpec.UNIX_SCHEME + "@")) {
            return spec; // an IP socket, or a name in the abstract namespace
        }
        return ListenSpec.UNIX_SCHEME + absolute(spec.substring(ListenSpec.UNIX_SCHEME.length()), directory);
    }

    private static String absolute(String path, Path directory) {
        try {
            return path.isEmpty() ? path : directory.resolve(path).toString();
        } catch (InvalidPathException e) {
            return path; // Setting reports it as written
        }
    }

    /**
     * Applies {@code change} to each element of a list value, written again in the list's syntax;
     * its empty elements, which clear the lower sources' (see {@link ListValue}), stay; a value that
     * is no list (an unclosed quote) is left as written, for {@link Setting} to refuse naming it.
     */
    private static String eachElement(String list, UnaryOperator<String> change) {
        List<String> elements;
        try {
            elements = ListSyntax.writtenElements(list); // empty ones too: they stay as written
        } catch (IllegalArgumentException e) {
            return list;
        }
        List<String> changed = new ArrayList<>();
        for (String element : elements) {
            changed.add(element.isEmpty() ? element : change.apply(element));
        }
        return ListSyntax.text(changed);
    }
}
