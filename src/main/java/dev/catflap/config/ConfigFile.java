package dev.catflap.config;

import dev.catflap.CatflapException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    ConfigFile {
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    /**
     * The settings in {@code bytes}, the content of {@code path}: the one place where a file's
     * bytes become its properties ({@link SettingsFileReader} reads them).
     *
     * @throws CatflapException exit 2 for bytes that are not valid properties in UTF-8, naming the file
     */
    static ConfigFile read(Path path, byte[] bytes) {
        // A strict decoder: invalid UTF-8 is an error, not silently replaced characters.
        try (Reader reader = new InputStreamReader(withoutByteOrderMark(bytes), StandardCharsets.UTF_8.newDecoder())) {
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

    /**
     * Editors on Windows start UTF-8 with a byte order mark; Properties would take it as part of
     * the first key, which would then be unknown and its setting silently lost.
     */
    private static InputStream withoutByteOrderMark(byte[] bytes) {
        boolean mark = bytes.length >= BYTE_ORDER_MARK.length
                && Arrays.equals(bytes, 0, BYTE_ORDER_MARK.length, BYTE_ORDER_MARK, 0, BYTE_ORDER_MARK.length);
        int skip = mark ? BYTE_ORDER_MARK.length : 0;
        return new ByteArrayInputStream(bytes, skip, bytes.length - skip);
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
