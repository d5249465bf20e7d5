package dev.catflap.cli;

import dev.catflap.DebugVariable;
import dev.catflap.config.Setting;
import dev.catflap.config.UserFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The man page's FILES and ENVIRONMENT sections, made from {@link Setting}'s table, so that every
 * {@code catflap.*} key and {@code CATFLAP_*} variable is in them; run by the build on the AsciiDoc
 * that picocli's ManPageGenerator wrote (picocli has no sections of that kind), before it becomes
 * troff. They go before the exit status, where man-pages(7) orders them.
 */
public final class ManPageSections {
    /** Where picocli's exit status section begins: the sections go before it. */
    static final String BEFORE = "// tag::picocli-generated-man-section-exit-status[]";
    /** An option's description, the indented line after its term ({@code *--port*=_PORT_::}). */
    private static final Pattern DESCRIPTION = Pattern.compile("(?m)(::\\n  )(\\S.*)$");

    /** The variables catflap reads that are no setting's, with what they do. */
    private static final List<Entry> OTHER_VARIABLES = List.of(
            new Entry("XDG_CONFIG_HOME", "Where the user file is: " + UserFile.PLACE + "; " + UserFile.FALLBACK + "."),
            new Entry("HOME", "Your home directory: the search for the project file ends there (it is searched, what is "
                    + "above it is not), and the user file is under it without XDG_CONFIG_HOME."),
            new Entry("PATH", "Where the command is looked up, as a shell does (/bin:/usr/bin where it is unset); "
                    + "a name with a / in it is not looked up."),
            new Entry("PWD", "Where the caller has it, the command's PWD names the directory the command runs in."),
            new Entry("CATFLAP_JAVA_OPTS", "Options for catflap's own JVM (the launcher, target/catflap), split at "
                    + "spaces, e.g. -Dquarkus.log.level=DEBUG to see Quarkus's logging. Not a setting."),
            new Entry(DebugVariable.NAME, "Set to 1 (anything but empty or 0), an internal error (exit status 70) is "
                    + "followed by its stack trace, for a bug report; without it, catflap never prints one. Not a setting."),
            new Entry("JAVA_HOME", "The launcher's java where the JDK that built catflap is gone: $JAVA_HOME/bin/java, "
                    + "else java on PATH."),
            new Entry("JAVA_TOOL_OPTIONS, _JAVA_OPTIONS, JDK_JAVA_OPTIONS", "The command's, not catflap's: the launcher "
                    + "keeps them from catflap's JVM and the command gets them as they were."));

    /** The variables catflap sets for the command. */
    private static final List<Entry> SET_VARIABLES = List.of(
            new Entry("LISTEN_FD", "The first socket's descriptor number (3, or 0 with --stdin); another name with "
                    + "-e/--env (catflap.env)."),
            new Entry("LISTEN_FDS, LISTEN_PID, LISTEN_FDNAMES", "With --systemd: the number of sockets, the pid that "
                    + "receives them (not with --no-pid) and their names, as systemd's socket activation sets them."));

    private ManPageSections() {
    }

    /** Inserts the sections into the AsciiDoc file named by {@code args[0]}. */
    public static void main(String[] args) throws Exception {
        Path page = Path.of(args[0]);
        Files.writeString(page, inserted(Files.readString(page, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /**
     * {@code page} with the sections before its exit status section, and its options'
     * descriptions taken literally: picocli writes them as AsciiDoc, in which the help's
     * {@code __pycache__/} lost its underscores.
     */
    static String inserted(String page) {
        int at = page.indexOf(BEFORE);
        if (at < 0) {
            throw new IllegalStateException("no exit status section (" + BEFORE + ") in the man page to put FILES before");
        }
        return literalDescriptions(page.substring(0, at)) + files() + environment() + page.substring(at);
    }

    /** Each description line of the options ({@code "  text"} under an option's {@code ::} line) as {@link #literal}. */
    private static String literalDescriptions(String page) {
        return DESCRIPTION.matcher(page).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + literal(match.group(2))));
    }

    /** The FILES section: the three files, what they hold, and every key. */
    static String files() {
        StringBuilder text = new StringBuilder("== Files\n\n");
        item(text, ".catflap.properties", "The project file: the nearest one in the working directory or a "
                + "directory above it, up to your home directory and on the working directory's filesystem; "
                + "--config FILE names another instead. A team commits it; catflap --init writes a starter one. "
                + "Relative paths in it are relative to its directory, and its catflap.command runs there.");
        item(text, ".catflap.local.properties", "The local file, beside the project file the search found (not with "
                + "--config): your own overrides for one checkout, above the project file and below variables "
                + "and options. Keep it out of git (.gitignore).");
        item(text, UserFile.PLACE, "The user file (" + UserFile.FALLBACK
                + "): your defaults for every project, below the project file.");
        paragraph(text, "A file catflap finds by itself is obeyed only when it belongs to you or to root, in a "
                + "directory that belongs to you or to root and that not every user can write to; any other is ignored "
                + "with a warning. Each is Java properties in UTF-8, a regular file of at most 1 MiB. An empty value "
                + "unsets a setting. catflap --show-config prints every value and the file it came from. "
                + "The keys, each also a variable (see ENVIRONMENT) and an option, but catflap.command, which on the "
                + "command line is the words after the options:");
        for (Setting<?> setting : Setting.values()) {
            String option = setting.isOption() ? setting.option() : "the words after the options";
            item(text, setting.key() + "=" + valueLabel(setting), "As " + option + ". " + setting.description()
                    + (setting.isList() ? " In a file or variable, a comma-separated list." : ""));
        }
        return text.toString();
    }

    /** The ENVIRONMENT section: every setting's variable, the other variables read, and those set for the command. */
    static String environment() {
        StringBuilder text = new StringBuilder("== Environment\n\n");
        paragraph(text, "Each setting's variable ranks below the options and above the files; an empty one unsets "
                + "the setting. Only these exact names are read: another spelling of one (catflap_port, catflap.port) is "
                + "not, and draws a warning, as does a CATFLAP_ variable that is no setting's.");
        for (Setting<?> setting : Setting.values()) {
            String option = setting.isOption() ? ", as " + setting.option() : ", as the words after the options";
            item(text, setting.environmentVariable(), "Sets " + setting.key() + option + " (see FILES).");
        }
        paragraph(text, "Also read:");
        OTHER_VARIABLES.forEach(entry -> item(text, entry.name(), entry.text()));
        paragraph(text, "Set for the command:");
        SET_VARIABLES.forEach(entry -> item(text, entry.name(), entry.text()));
        return text.toString();
    }

    /** A key's value as the help shows an option's: {@code PORT}, or {@code true|false} for a switch. */
    private static String valueLabel(Setting<?> setting) {
        return setting.label().orElse("true|false");
    }

    private static void item(StringBuilder text, String term, String description) {
        text.append('*').append(literal(term)).append("*::\n  ").append(literal(description)).append("\n\n");
    }

    private static void paragraph(StringBuilder text, String words) {
        text.append(literal(words)).append("\n\n");
    }

    /**
     * {@code text} as AsciiDoc shows it literally: only special characters are replaced (pass:c),
     * so that __pycache__ keeps its underscores and {default} or *.tmp is no markup.
     */
    static String literal(String text) {
        return "pass:c[" + text.replace("]", "\\]") + "]";
    }

    private record Entry(String name, String text) {
    }
}
