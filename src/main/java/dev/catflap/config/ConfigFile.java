package dev.catflap.config;

import dev.catflap.CatflapException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A configuration file: Java properties in UTF-8, keys as in {@code catflap.port=8080}.
 *
 * @param path the file, absolute: errors and {@code --show-config} name it so
 * @param properties every key and value in it, as written; of a key written twice, the later
 * @param lists the elements of each list setting's value, split once (see {@link FilePaths})
 * @param lines the line each key's value is on (the first of its lines, where it goes on over several)
 * @param warnings what is wrong with it but does not stop catflap: unknown keys, keys written twice
 */
record ConfigFile(Path path, Map<String, String> properties, Map<String, List<String>> lists, Map<String, Integer> lines,
        List<String> warnings) {

    ConfigFile {
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        lists = Map.copyOf(lists);
        lines = Map.copyOf(lines);
        warnings = List.copyOf(warnings);
    }

    /**
     * The settings in {@code bytes}, the content of {@code path}: the one place where a file's
     * bytes become its properties ({@link SettingsFileReader} reads them).
     *
     * @throws CatflapException exit 2 for bytes that are not valid properties in UTF-8, or a value
     *     with a {@code #} comment in it, naming the file and the line
     */
    static ConfigFile read(Path path, byte[] bytes) {
        List<PropertiesLines.Entry> entries;
        try {
            entries = PropertiesLines.of(SettingsFileText.decode(path, bytes));
        } catch (PropertiesLines.MalformedLine e) {
            throw CatflapException.usage(path + ":" + e.line() + ": not a properties file: " + e.getMessage());
        }
        Map<String, String> properties = new TreeMap<>();
        Map<String, Integer> firstLines = new HashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        for (PropertiesLines.Entry entry : entries) {
            properties.put(entry.key(), entry.value());
            firstLines.putIfAbsent(entry.key(), entry.line());
            lines.put(entry.key(), entry.line());
        }
        List<String> warnings = new ArrayList<>();
        for (PropertiesLines.Entry entry : entries) {
            int first = firstLines.get(entry.key());
            if (first != entry.line()) {
                // Properties would silently keep the later. A warning names both lines, and the later
                // still counts: a file that worked keeps working, and says which line does.
                warnings.add("warning: " + at(path, entry) + ": given again (first at line " + first + "); line "
                        + lines.get(entry.key()) + "'s value counts");
            }
            if (lines.get(entry.key()) == entry.line()) {
                checkComment(path, entry);
                unknown(path, entry).ifPresent(warnings::add);
            }
        }
        Map<String, List<String>> lists = FilePaths.lists(properties, path.getParent());
        return new ConfigFile(path, properties, lists, lines, warnings);
    }

    /** How messages name a setting in a file: {@code FILE:LINE: key=value}. */
    static String at(Path path, String key, String value, int line) {
        return path + ":" + line + ": " + key + "=" + value;
    }

    private static String at(Path path, PropertiesLines.Entry entry) {
        return at(path, entry.key(), entry.value(), entry.line());
    }

    /**
     * A properties file's comment is a line of its own, so in {@code catflap.unit-dir=deploy # prod}
     * the {@code #} is part of the value. A command or a list refuses such a word where it splits
     * the value ({@link ShellWords}); a single value is never split, so it is refused here, the same
     * way, whatever its setting would make of it.
     */
    private static void checkComment(Path path, PropertiesLines.Entry entry) {
        Optional<Setting<?>> setting = Setting.forKey(entry.key());
        if (setting.isEmpty() || setting.get().isList() || setting.get().isShellWords()) {
            return;
        }
        for (String word : entry.value().split("[ \t]+")) {
            if (word.startsWith("#")) {
                throw CatflapException.usage(at(path, entry) + ": " + ShellWords.COMMENT_HINT);
            }
        }
    }

    /** A warning for a key no setting knows: a misspelt key would otherwise be ignored silently. */
    private static Optional<String> unknown(Path path, PropertiesLines.Entry entry) {
        if (Setting.forKey(entry.key()).isPresent()) {
            return Optional.empty();
        }
        // quarkus.*, config_ordinal, a profile's %dev. key: read by other programs' configuration, never by catflap's
        String hint = entry.key().startsWith(Setting.KEY_PREFIX) ? "" : "; catflap reads only " + Setting.KEY_PREFIX + "* keys";
        return Optional.of("warning: " + at(path, entry) + ": unknown setting (ignored" + hint + ")");
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason().toLowerCase(Locale.ROOT);
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.toLowerCase(Locale.ROOT);
    }
}
