package dev.catflap.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code catflap --show-config} prints: every setting with its effective value and where it
 * came from, then the files that were read, so that a user can see why catflap does what it does.
 */
public final class ConfigReport {
    static final String NOT_SET = "(not set)";

    private ConfigReport() {
    }

    /** The report's lines. */
    public static List<String> lines(Settings settings) {
        List<String[]> rows = new ArrayList<>();
        for (Setting<?> setting : Setting.values()) {
            Optional<String> text = settings.text(setting);
            if (setting == Setting.SPAWN && impliedSpawn(settings)) {
                rows.add(new String[] {setting.key(), "true", "implied by " + settings.source(Setting.WATCH)
                        + settings.overriddenSpawn().map(off -> ", overriding " + off).orElse("")});
                continue;
            }
            rows.add(new String[] {setting.key(), text.orElse(NOT_SET), settings.source(setting)});
        }
        List<String> lines = table(rows);
        lines.add("");
        lines.add("command runs in: " + commandDirectory(settings));
        lines.add("project file: " + settings.projectFile().map(Object::toString).or(settings::ignoredProjectFile)
                .orElse("none (no " + ProjectFile.NAME + " in the working directory or above it)"));
        for (Path farther : settings.fartherProjectFiles()) {
            lines.add("not read:     " + farther + " (farther up: only the nearest project file is read)");
        }
        if (settings.configNamed()) {
            lines.add("not read:     the search's " + ProjectFile.NAME + " and " + LocalFile.NAME
                    + " (--config names the settings in full)");
        }
        settings.localFile().ifPresent(file -> lines.add("local file:   " + file));
        settings.loneLocalFile().ifPresent(file -> lines.add("local file:   " + file + " (not read: " + LocalFile.LONE + ")"));
        settings.ignoredLocalFile().ifPresent(file -> lines.add("local file:   " + file.path() + ignored(file.because())));
        lines.add("user file:    " + settings.userFile() + (settings.userFileRead() ? ""
                : settings.userFileIgnoredBecause().map(ConfigReport::ignored).orElse(" (not found)")));
        return lines;
    }

    /** A file found but not read, with why. */
    private static String ignored(String because) {
        return " (found, but ignored: " + because + ")";
    }

    /** Where the command runs, and why there. */
    private static String commandDirectory(Settings settings) {
        Optional<Path> workdir = settings.workdir();
        if (workdir.isPresent()) {
            return workdir.get() + " (" + settings.described(Setting.WORKDIR) + ")";
        }
        return settings.commandDirectory()
                .map(directory -> directory + " (the directory of the " + (settings.fromProjectFile(Setting.COMMAND) ? "project" : "local")
                        + " file, which gives " + Setting.COMMAND.key() + ")")
                .orElse(WorkingDirectory.current() + " (where catflap runs)");
    }

    /** Whether watching makes catflap spawn though spawn itself is off: the report shows the mode that runs. */
    private static boolean impliedSpawn(Settings settings) {
        return settings.config().watch().isPresent() && !settings.config().spawn();
    }

    /** The rows in columns, each as wide as its widest cell. */
    private static List<String> table(List<String[]> rows) {
        int keyWidth = 0;
        int valueWidth = 0;
        for (String[] row : rows) {
            keyWidth = Math.max(keyWidth, row[0].length());
            valueWidth = Math.max(valueWidth, row[1].length());
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            lines.add(String.format("%-" + keyWidth + "s  %-" + valueWidth + "s  %s", row[0], row[1], row[2]));
        }
        return lines;
    }
}
