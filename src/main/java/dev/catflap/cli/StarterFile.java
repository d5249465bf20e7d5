package dev.catflap.cli;

import dev.catflap.CatflapException;
import dev.catflap.config.Setting;
import dev.catflap.posix.Errno;
import dev.catflap.posix.FileAccess;
import dev.catflap.posix.FileStatus;
import dev.catflap.posix.PosixException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * The starter project file that {@code catflap --init} writes: made from {@link Setting}'s table,
 * so that every setting is in it, each commented out with its help and default. Uncommented, a
 * key is set; as written, the file sets nothing and loads as an empty settings file.
 */
final class StarterFile {
    /** Where it is written: the working directory, whose project file it becomes. */
    static final String NAME = ".catflap.properties";
    /** As a message names it: relative, as the user sees it in the directory they are in. */
    static final String SHOWN_NAME = "./" + NAME;
    /** A team's file, committed and read by everyone: the umask decides the rest. */
    private static final int MODE = 0644;
    /** Columns of a comment line, its "# " included: room for a diff's margin in an 80-column terminal. */
    private static final int WIDTH = 78;
    private static final String COMMENT = "# ";

    private static final List<String> HEADER = List.of(
            "catflap's settings for this project, written by `catflap --init`.",
            "Commit it: catflap finds it from this directory and every directory below it, so that "
                    + "everyone in the repository can type just `catflap`.",
            "",
            "Every setting is below, commented out, with its built-in default: to set one, delete "
                    + "the \"#\" at the start of its line. Options and CATFLAP_* variables still come first; "
                    + "an empty value unsets a setting. Relative paths are relative to this directory, "
                    + "and catflap.command runs in it.",
            "",
            "Your own overrides for this checkout (another port, say) go in .catflap.local.properties "
                    + "beside this file, which ranks above it. Keep that one out of git:",
            "  echo .catflap.local.properties >> .gitignore",
            "",
            "man catflap says more; catflap --show-config shows every value in force and where it came from.");

    private StarterFile() {
    }

    /** The file's text: the header, then every setting, group by group, in the table's order. */
    static String text() {
        StringBuilder text = new StringBuilder();
        HEADER.forEach(paragraph -> comment(text, paragraph));
        Setting.Group group = null;
        for (Setting<?> setting : Setting.values()) {
            if (setting.group() != group) {
                group = setting.group();
                text.append('\n');
                comment(text, "== " + (group == Setting.Group.NONE ? "The command" : group.heading()) + " ==");
            }
            text.append('\n');
            comment(text, setting.key() + " (" + where(setting) + "): " + setting.description() + listNote(setting));
            text.append('#').append(setting.key()).append('=').append(suggested(setting)).append('\n');
        }
        return text.toString();
    }

    /** The option and variable that also set it, as {@code --help} and the environment name them. */
    private static String where(Setting<?> setting) {
        String option = setting.isOption() ? setting.option() : "or the words after the options";
        return option + ", " + setting.environmentVariable();
    }

    /**
     * The value written after the key: the default, except a relative path's, which in a file is
     * the file's directory's (unit-dir's {@code .}): uncommented as it is, it would change where
     * things go; left empty, it unsets, and the default applies.
     */
    private static String suggested(Setting<?> setting) {
        return setting.isRelativeToTheFile() ? "" : setting.defaultValue().orElse("");
    }

    private static String listNote(Setting<?> setting) {
        return setting.isList() ? " In a file, a comma-separated list." : "";
    }

    /** {@code paragraph} as comment lines of at most {@link #WIDTH} columns, broken at spaces; an empty one as "#". */
    static void comment(StringBuilder text, String paragraph) {
        if (paragraph.isEmpty()) {
            text.append("#\n");
            return;
        }
        String indent = paragraph.startsWith("  ") ? "  " : "";
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.strip().split(" +")) {
            if (line.length() > 0 && COMMENT.length() + indent.length() + line.length() + 1 + word.length() > WIDTH) {
                text.append(COMMENT).append(indent).append(line).append('\n');
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        text.append(COMMENT).append(indent).append(line).append('\n');
    }

    /**
     * Creates the file in the working directory through the posix layer, as the units are
     * created (units/UnitFiles): O_CREAT|O_EXCL|O_NOFOLLOW, so that an existing file, or a link
     * planted under its name, is never written through; then written through that descriptor.
     * A file that could not be written whole is removed, if it is still the one made here.
     *
     * @throws CatflapException (exit 2) where anything has the name already; (exit 1) where writing fails
     */
    static void write(FileAccess files, IntConsumer close) {
        byte[] name = NAME.getBytes(StandardCharsets.UTF_8);
        int fd;
        try {
            fd = files.createNew(FileAccess.WORKING_DIRECTORY, name, MODE);
        } catch (PosixException e) {
            if (e.errno() == Errno.EEXIST) {
                throw CatflapException.usage(SHOWN_NAME + " exists already: catflap --init never overwrites a file; "
                        + "edit it, or move it away first");
            }
            throw CatflapException.failure("cannot write " + SHOWN_NAME + ": " + e.getMessage());
        }
        FileStatus created = null;
        try {
            created = files.status(fd);
            files.write(fd, text().getBytes(StandardCharsets.UTF_8));
        } catch (PosixException e) {
            boolean removed = removeIfStill(files, name, created);
            throw CatflapException.failure("cannot write " + SHOWN_NAME + ": " + e.getMessage()
                    + (removed ? " (nothing left behind)" : " (remove what was written, if anything)"));
        } finally {
            close.accept(fd);
        }
    }

    /** Removes a half-written file, unless what has its name now is another file. */
    /** Whether the file is gone: removed here, if it is still the one created. */
    private static boolean removeIfStill(FileAccess files, byte[] name, FileStatus created) {
        try {
            Optional<FileStatus> now = files.statusAt(FileAccess.WORKING_DIRECTORY, name);
            if (created != null && now.isPresent() && now.get().sameFile(created)) {
                files.unlinkAt(FileAccess.WORKING_DIRECTORY, name);
                return true;
            }
            return now.isEmpty();
        } catch (PosixException e) {
            return false; // best effort: the message about the failure to write matters more
        }
    }
}
