package dev.catflap.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** The effective settings, checked, with where each came from. Made by {@link Configuration}. */
public final class Settings {
    private final SettingValues config;
    private final CatflapConfig typed;
    /** Whether the command is the command line's words, which are in {@link #typed} alone. */
    private final boolean commandFromCommandLine;
    private final Optional<Path> projectFile;
    /** The project files above the one read, which are not read (see {@link ProjectFile#fartherThan}). */
    private final Supplier<List<Path>> fartherProjectFiles;
    private final Optional<Path> localFile;
    /** The project file found but ignored for trust, with why, as --show-config says it. */
    private final Optional<String> ignoredProjectFile;
    /** A local file found where no project file is, which is not read (see {@link LocalFile#lone}). */
    private final Optional<Path> loneLocalFile;
    private final Path userFile;
    private final boolean userFileRead;
    private final IgnoredFiles ignored;
    private final boolean configNamed;
    private final List<String> warnings;

    Settings(SettingValues config, CatflapConfig typed, boolean commandFromCommandLine, Optional<Path> projectFile,
            Supplier<List<Path>> fartherProjectFiles, Optional<Path> localFile, Optional<String> ignoredProjectFile,
            Optional<Path> loneLocalFile, Path userFile, boolean userFileRead, IgnoredFiles ignored, boolean configNamed,
            List<String> warnings) {
        this.config = config;
        this.typed = typed;
        this.commandFromCommandLine = commandFromCommandLine;
        this.projectFile = projectFile;
        this.fartherProjectFiles = fartherProjectFiles;
        this.localFile = localFile;
        this.ignoredProjectFile = ignoredProjectFile;
        this.loneLocalFile = loneLocalFile;
        this.userFile = userFile;
        this.userFileRead = userFileRead;
        this.ignored = ignored;
        this.configNamed = configNamed;
        this.warnings = List.copyOf(warnings);
    }

    /** The settings, typed. */
    public CatflapConfig config() {
        return typed;
    }

    /**
     * The value of {@code setting} as it was written, if any source sets it; the command line's
     * command as a shell would write its words (only ever shown, never split again).
     */
    public Optional<String> text(Setting<?> setting) {
        if (fromCommandLine(setting)) {
            return typed.command().map(words -> ShellWords.quote(words.displayWords()));
        }
        String text = value(setting).resolved(setting);
        if (text == null || text.isEmpty()) {
            return setting.defaultValue();
        }
        // a switch as read, not as written: catflap.quiet=no is false
        return Optional.of(setting.label().isEmpty() ? String.valueOf(SettingParsers.bool(text)) : text);
    }

    /**
     * Where the value of {@code setting} came from, as a user would look for it: the option, the
     * environment variable, the file's path, or "default" ({@link Origin#name}).
     */
    public String source(Setting<?> setting) {
        if (fromCommandLine(setting)) {
            return from(setting).name(setting);
        }
        List<ListValue.Part> parts = config.list(setting).map(ListValue::parts).orElse(List.of());
        if (parts.size() > 1) {
            // a list that several sources add to: each source with its elements, lowest first
            return String.join(" + ", parts.stream().map(part -> part.written().origin().name(setting) + " (" + part.text() + ")").toList());
        }
        WrittenValue value = value(setting);
        return value.unsets() ? value.origin().unsetBy(setting, value) : value.origin().name(setting);
    }

    /**
     * Which source decided the value of {@code setting}: the highest that sets it (for a list, the
     * highest that adds an element), or that unset it with an empty value; {@link Origin.Kind#OPTION}
     * for the command line's command; {@link Origin.Kind#DEFAULT} where no source sets it.
     */
    public Origin from(Setting<?> setting) {
        return fromCommandLine(setting) ? Origin.option() : value(setting).origin();
    }

    /** The setting and where it came from in a sentence: {@code catflap.workdir in FILE}, or the option or the variable. */
    public String described(Setting<?> setting) {
        return from(setting).described(setting);
    }

    /**
     * Outside {@code --systemd-units}: its options, given as options, would do nothing, and are
     * refused as every other mode's are (the rule is {@link Combinations}').
     *
     * @throws dev.catflap.CatflapException (exit 2) naming the option
     */
    public void refuseUnitOptions() {
        Combinations.unitOptionsOnlyWithUnits(config, typed);
    }

    /**
     * For {@code --systemd-units}: one {@code --fdname} per socket, as with {@code --systemd}
     * (the rule is {@link Combinations}').
     *
     * @throws dev.catflap.CatflapException (exit 2) naming both counts
     */
    public void requireOneNamePerSocket() {
        Combinations.oneNamePerSocket(config, typed);
    }

    /** A spawn switched off below the watch's source, which the watch overrides (see {@link Combinations}), as written. */
    Optional<String> overriddenSpawn() {
        return Combinations.overriddenSpawn(config, typed);
    }

    /**
     * How the user wrote the value of {@code setting} where it came from, for a message, e.g.
     * {@code -p/--port 80} or {@code catflap.port=80 in FILE}; only for a setting that is set.
     */
    public String origin(Setting<?> setting) {
        return config.origin(setting);
    }

    /**
     * Whether a source gave {@code setting} a value: not the built-in default, and not unset by an
     * empty value (which leaves the default).
     */
    public boolean given(Setting<?> setting) {
        if (fromCommandLine(setting)) {
            return true;
        }
        WrittenValue value = value(setting);
        return value.isSet() && !value.origin().is(Origin.Kind.DEFAULT);
    }

    /**
     * Where the value of {@code setting} came from, if from one of the user's own sources rather
     * than the project's or the user's words: a {@code CATFLAP_*} variable, the user file, the
     * local file. They belong to one developer's shell, home or checkout, so what they decide
     * is news in anything generated for others (the units): e.g. "CATFLAP_PORT in your
     * environment", "catflap.host in your user file PATH", "CATFLAP_PORT= in your environment"
     * where an empty value unset the project's. Options and {@code --config} are typed on
     * purpose, and the project file is the team's: none of them is personal.
     */
    public Optional<String> personalSource(Setting<?> setting) {
        if (fromCommandLine(setting)) {
            return Optional.empty();
        }
        Optional<ListValue> list = config.list(setting);
        if (list.isEmpty() || list.get().parts().isEmpty()) {
            return personalName(setting, value(setting));
        }
        // A list takes elements from several sources (ListValue): each personal one is named.
        List<String> names = list.get().parts().stream()
                .flatMap(part -> personalName(setting, part.written()).stream()).distinct().toList();
        return names.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", names));
    }

    /**
     * {@link #personalSource} of one element of a list setting, e.g. one socket of several,
     * where the team file gives one and {@code CATFLAP_LISTEN} another: the personal source whose
     * part of the list holds {@code element} (as the setting parses it), if any.
     */
    public <E> Optional<String> personalSourceOf(Setting<List<E>> setting, E element) {
        Optional<String> personal = Optional.empty();
        for (ListValue.Part part : config.list(setting).map(ListValue::parts).orElse(List.of())) {
            if (setting.parse(part.elements()).contains(element)) {
                Optional<String> name = personalName(setting, part.written());
                if (name.isEmpty()) {
                    return Optional.empty(); // the team's (or typed) too: no news in the units
                }
                personal = personal.or(() -> name);
            }
        }
        return personal;
    }

    /** The personal source that wrote {@code value}, as {@link #personalSource} names it; none for the team's or typed ones. */
    private static Optional<String> personalName(Setting<?> setting, WrittenValue value) {
        return value.origin().personal(setting, value.text() != null && value.text().isEmpty(), value.line());
    }

    /**
     * What one of the user's own sources took away from the project's value: an empty value that
     * unset it, or an empty element that cleared the project's elements of a list.
     *
     * @param by the personal source, as {@link #personalSource} names it
     * @param cleared whether a list's empty element took them (else an empty value unset a scalar)
     * @param lines what the project's value that is gone made, as the caller words it (unit lines)
     */
    public record Removal(String by, boolean cleared, List<String> lines) {
        public Removal {
            lines = List.copyOf(lines);
        }
    }

    /**
     * The project's value of {@code setting} that a personal source unset or cleared, if one did:
     * what {@link #personalSource} cannot name, as no value of it is left. Something generated
     * for others (the units) then lacks a line the team wrote, e.g. {@code catflap.backlog=} in
     * the local file. A value the user's own lower source gave (the user file's) is no loss to
     * the project, nor is one that would not parse (it would have been an error, not a line).
     *
     * @param lines what the project's value (a list's: the elements it lost) would have made; none
     *     where it makes nothing (a switch the project turned off), and then there is no removal
     */
    public <T> Optional<Removal> personalRemoval(Setting<T> setting, Function<T, List<String>> lines) {
        if (fromCommandLine(setting)) {
            return Optional.empty();
        }
        T gone;
        Optional<String> by;
        boolean cleared;
        try {
            Optional<ListValue> list = config.list(setting);
            if (list.isPresent()) {
                List<String> elements = list.get().cleared().stream().filter(part -> part.written().origin().isProjectFile())
                        .flatMap(part -> part.elements().stream()).toList();
                if (elements.isEmpty()) {
                    return Optional.empty();
                }
                gone = setting.parse(elements);
                by = list.get().clearedBy().flatMap(value -> personalName(setting, value));
                cleared = true;
            } else {
                WrittenValue value = value(setting);
                Optional<WrittenValue> replaced = value.unsets() ? config.below(setting, value.origin())
                        .filter(below -> below.isSet() && below.origin().isProjectFile()) : Optional.empty();
                if (replaced.isEmpty()) {
                    return Optional.empty();
                }
                gone = setting.parse(replaced.get().resolved(setting)); // a path as the file meant it
                by = personalName(setting, value);
                cleared = false;
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        List<String> made = lines.apply(gone);
        return made.isEmpty() ? Optional.empty() : by.map(name -> new Removal(name, cleared, made));
    }

    /** Whether a source unset {@code setting} with an empty value (or cleared the whole list), which {@link #from} names. */
    public boolean unset(Setting<?> setting) {
        return !fromCommandLine(setting) && value(setting).unsets();
    }

    /** The source that decided {@code setting}, named as {@link #source} names one that sets it, also where it unset it. */
    public String sourceName(Setting<?> setting) {
        return from(setting).name(setting);
    }

    /** Whether the value of {@code setting} came from the project file (found, or named with {@code --config}). */
    public boolean fromProjectFile(Setting<?> setting) {
        return from(setting).isProjectFile();
    }

    /**
     * Where the command runs, when not where catflap runs: a command from the project file runs
     * in that file's directory, as {@code npm run} runs a package.json script, so that the team's
     * {@code python3 src/app.py} works from any subdirectory; so does one from the local file beside
     * it, which names the same project's files. A command from the command line, a variable or the
     * user file is the user's own, and runs where the user is.
     */
    public Optional<Path> commandDirectory() {
        return directoryOf(Setting.COMMAND);
    }

    /**
     * Where the command {@code setting} gives (command or unit-command) runs, as {@link #commandDirectory()};
     * {@code --workdir} above all, wherever the command came from.
     */
    public Optional<Path> directoryOf(Setting<?> setting) {
        Optional<Path> workdir = workdir();
        if (workdir.isPresent()) {
            return workdir;
        }
        // A file's empty value (catflap.command=) gives no command: one given on the command line runs where catflap runs.
        boolean fromFile = fromProjectFile(setting) || from(setting).is(Origin.Kind.LOCAL_FILE);
        return fromFile && value(setting).isSet() ? projectFile.map(Path::getParent) : Optional.empty();
    }

    /**
     * The directory {@code --workdir} chooses, absolute: a file's was resolved against the file's
     * directory as it was read, an option's or a variable's is the working directory's.
     */
    public Optional<Path> workdir() {
        return typed.workdir().map(path -> real(WorkingDirectory.current().resolve(path)));
    }

    /** Without the {@code ..} of {@code --workdir ../tools}: the command's PWD may have none. */
    private static Path real(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            return directory; // gone since it was checked: the change of directory fails naming it
        }
    }

    /** The project file read, if any. */
    public Optional<Path> projectFile() {
        return projectFile;
    }

    /** The project files found above the project file read, nearest first, which are not read; looked for when asked. */
    public List<Path> fartherProjectFiles() {
        return List.copyOf(fartherProjectFiles.get());
    }

    /** The local file read beside the project file, if any. */
    public Optional<Path> localFile() {
        return localFile;
    }

    /** The project file the search found but ignored, as "PATH (found, but ignored: WHY)". */
    public Optional<String> ignoredProjectFile() {
        return ignoredProjectFile;
    }

    /** A local file with no project file beside it, which is not read. */
    public Optional<Path> loneLocalFile() {
        return loneLocalFile;
    }

    /** Where the user file is for this user, read or not. */
    public Path userFile() {
        return userFile;
    }

    /** Whether the user file existed and was read. */
    public boolean userFileRead() {
        return userFileRead;
    }

    /** The local file beside the project file that was found but not read, and why, e.g. because it belongs to another user. */
    public Optional<IgnoredFiles.Ignored> ignoredLocalFile() {
        return ignored.local();
    }

    /** Why the user file was found but not read, e.g. because it belongs to another user. */
    public Optional<String> userFileIgnoredBecause() {
        return ignored.user().map(IgnoredFiles.Ignored::because);
    }

    /** Whether {@code --config} named the project file: then neither the search's project file nor a local file is read. */
    public boolean configNamed() {
        return configNamed;
    }

    /** What the user should know before anything runs: unknown keys, a host exposed by the project file. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Where the command of {@code setting} ({@link Setting#COMMAND} or {@link Setting#UNIT_COMMAND})
     * was written, for the head of an error about it, as any other bad value is named: {@code
     * FILE:LINE: catflap.command=...}, {@code CATFLAP_COMMAND=...}, {@code --unit-command ...}.
     * Empty for the command line's COMMAND words, which the error names as typed. The one place
     * that decides it, so that a command is named alike whichever stage finds it wrong.
     */
    public Optional<String> commandWrittenAt(Setting<?> setting) {
        return fromCommandLine(setting) ? Optional.empty() : Optional.of(origin(setting));
    }

    /** Whether the command is the words the command line gave, rather than a configured one. */
    public boolean commandFromCommandLine() {
        return commandFromCommandLine;
    }

    private boolean fromCommandLine(Setting<?> setting) {
        return setting == Setting.COMMAND && commandFromCommandLine;
    }

    private WrittenValue value(Setting<?> setting) {
        return config.value(setting);
    }
}
