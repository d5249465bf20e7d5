package dev.catflap.cli;

import dev.catflap.config.Setting;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Records a repeated option as the comma-separated list that CATFLAP_* variables and files also
     * use, each value escaped so that a comma or backslash in it stays part of it.
     */
    static void putList(Map<Setting, String> flags, Setting setting, List<String> values) {
        if (values != null && !values.isEmpty()) {
            List<String> escaped = new ArrayList<>();
            for (String value : values) {
                escaped.add(value.replace("\\", "\\\\").replace(",", "\\,"));
            }
            flags.put(setting, String.join(",", escaped));
        }
    }
}
