package dev.catflap.units;

import dev.catflap.CatflapException;
import java.util.regex.Pattern;

/**
 * The name both units share, {@code NAME.socket} and {@code NAME.service}: systemd activates the
 * service of the socket's own name, so the pair needs no {@code Service=} line.
 *
 * @param name the name without a suffix, e.g. {@code myapp}
 */
public record UnitName(String name) {
    /**
     * What systemd takes in a unit name that is no template or instance (so no {@code @}): ASCII
     * letters, digits and {@code : - _ . \}, at most 255 characters with the suffix, of which
     * ".service" is the longer.
     */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9:_.\\\\-]{1,247}");

    /**
     * @throws CatflapException (exit 2) for a name systemd would not take
     */
    public static UnitName of(String name) {
        if (name.endsWith(".socket") || name.endsWith(".service")) {
            throw CatflapException.usage("--systemd-units " + name + ": give the name without ."
                    + name.substring(name.lastIndexOf('.') + 1) + " (catflap writes both units)");
        }
        if (!VALID.matcher(name).matches() || name.startsWith("-")) {
            throw CatflapException.usage("--systemd-units " + name + ": not a valid unit name (ASCII letters, digits, "
                    + "':', '-', '_', '.' and '\\', at most 247 characters, not starting with '-')");
        }
        return new UnitName(name);
    }

    public String socket() {
        return name + ".socket";
    }

    public String service() {
        return name + ".service";
    }
}
