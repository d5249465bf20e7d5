package dev.catflap.config;

import dev.catflap.socket.Backlog;
import dev.catflap.socket.IpLiteral;
import dev.catflap.socket.Port;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every setting catflap knows: its key, the option that sets it and how its text is checked. This
 * is where a value is validated, whatever source it came from, so that an error can name the key,
 * the value and the source; {@link CatflapConfig} then gives the checked values their types.
 */
public enum Setting {
    PORT("port", "-p/--port", Port::parse),
    HOST("host", "-h/--host", IpLiteral::parse),
    ENV("env", "-e/--env", Setting::variableName),
    QUIET("quiet", "-q/--quiet", Setting::bool),
    BACKLOG("backlog", "--backlog", Backlog::parse),
    /** The command: in files written as one line; on the command line, the words after the options. */
    COMMAND("command", "command line", ShellWords::parse);

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String name;
    private final String option;
    private final Function<String, ?> parser;

    Setting(String name, String option, Function<String, ?> parser) {
        this.name = name;
        this.option = option;
        this.parser = parser;
    }

    /** The key in properties files, e.g. {@code catflap.port}. */
    public String key() {
        return CatflapConfig.PREFIX + "." + name;
    }

    /** The environment variable, e.g. {@code CATFLAP_PORT} (SmallRye's mapping of the key). */
    public String environmentVariable() {
        return key().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The command-line option, e.g. {@code -p/--port}. */
    public String option() {
        return option;
    }

    /**
     * The typed value of {@code text}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public Object parse(String text) {
        return parser.apply(text.strip());
    }

    public static Optional<Setting> forKey(String key) {
        for (Setting setting : values()) {
            if (setting.key().equals(key)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }

    static String variableName(String text) {
        if (!VARIABLE_NAME.matcher(text).matches()) {
            throw new IllegalArgumentException("not a valid environment variable name (letters, digits and _, not starting with a digit)");
        }
        return text;
    }

    static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("not true or false");
        };
    }
}
