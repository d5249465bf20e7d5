package dev.catflap.config;

import dev.catflap.CatflapException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A configuration file: Java properties in UTF-8, keys as in {@code catflap.port=8080}.
 *
 * @param path the file, absolute: errors and {@code --show-config} name it so
 * @param properties every key and value in it
 */
record ConfigFile(Path path, Map<String, String> properties) {

    ConfigFile {
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    /**
     * The settings in {@code path}.
     *
     * @throws CatflapException exit 2 for a file that is not valid properties in UTF-8, exit 1 for
     *     one that cannot be read, both naming the file
     */
    static ConfigFile read(Path path) {
        // A strict decoder: invalid UTF-8 is an error, not silently replaced characters.
        try (Reader reader = new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8.newDecoder())) {
            Properties properties = new Properties();
            properties.load(reader);
            Map<String, String> map = new TreeMap<>();
            properties.forEach((key, value) -> map.put((String) key, (String) value));
            return new ConfigFile(path, FilePaths.resolved(map, path.getParent()));
        } catch (CharacterCodingException e) {
            throw CatflapException.usage(path + ": not a properties file: it is not valid UTF-8");
        } catch (IllegalArgumentException e) {
            // Properties' only complaint
            throw CatflapException.usage(path + ": not a properties file: a \\u escape without four hex digits");
        } catch (IOException e) {
            throw CatflapException.failure("cannot read " + path + ": " + reason(e));
        }
    }

    /** Warnings for the keys no setting knows: a misspelt key would otherwise be ignored silently. */
    List<String> unknownKeys() {
        List<String> warnings = new ArrayList<>();
        for (String key : properties.keySet()) {
            if (Setting.forKey(key).isEmpty()) {
                warnings.add("warning: unknown setting " + key + " in " + path + " (ignored)");
            }
        }
        return warnings;
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
