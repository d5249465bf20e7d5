package dev.catflap.cli;

import dev.catflap.config.Setting;
import java.util.Map;

/** The settings given on the command line, the highest configuration source. */
final class Flags {
    private Flags() {
    }

    /** Records {@code value} for {@code setting}; an option not given leaves the lower sources in charge. */
    static void put(Map<Setting, String> flags, Setting setting, String value) {
        if (value != null) {
            flags.put(setting, value);
        }
    }
}
