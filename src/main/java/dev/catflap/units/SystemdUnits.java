package dev.catflap.units;

import dev.catflap.CatflapException;
import dev.catflap.config.Setting;
import dev.catflap.config.Settings;
import dev.catflap.config.ShellWords;
import dev.catflap.launch.Environment;
import dev.catflap.launch.ExecutableSearch;
import dev.catflap.posix.Posix;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * {@code catflap --systemd-units NAME}: the .socket and .service units that do in production what
 * catflap does in development, written from the same effective settings. Nothing is bound and
 * nothing runs.
 */
public final class SystemdUnits {
    private static final String HOME = "HOME";

    private final ExecutableSearch search;
    private final Posix posix;
    private final int user;
    private final Consumer<String> notices;

    /**
     * @param posix the files of the unit directory, and the effective uid: only its own generated
     *     units are replaced
     * @param notices where catflap's lines go (stderr): which command, what was left out, what was written
     */
    public SystemdUnits(ExecutableSearch search, Posix posix, Consumer<String> notices) {
        this.search = search;
        this.posix = posix;
        this.user = posix.self().effectiveUid();
        this.notices = notices;
    }

    /**
     * The user's home: $HOME as the shell has it, else (unset or empty, as under {@code env -u
     * HOME} or a bare cron job) the password database's, which Java's user.home holds; a shim
     * there is the same shim either way.
     */
    private static Optional<String> home(Environment environment) {
        return Optional.ofNullable(environment.variables().get(HOME)).filter(home -> !home.isEmpty())
                .or(() -> Optional.ofNullable(System.getProperty("user.home")));
    }

    /**
     * Writes {@code NAME.socket} and {@code NAME.service} into the unit directory.
     *
     * @param commandLine the COMMAND words on catflap's command line, empty if none
     * @return catflap's exit status, 0
     * @throws CatflapException (exit 2) for what systemd cannot express, nothing being written
     */
    public int write(String name, Settings settings, List<String> commandLine, Environment environment) {
        UnitName unitName = UnitName.of(name);
        Path workingDirectory = Path.of("").toAbsolutePath();
        UnitPlan plan = new UnitPlanner(settings, workingDirectory).plan(unitName, commandLine, search, environment);
        Path given = workingDirectory.resolve(settings.config().unitDir());
        IntConsumer close = posix.descriptors()::close;
        UnitDirectory unitDirectory = UnitDirectory.open(given, settings.origin(Setting.UNIT_DIR),
                settings.projectFile().map(Path::getParent), user, posix.files(), close);
        // the real path: the one whose every directory was judged, and the one systemctl link keeps
        Path directory = unitDirectory.path();
        try {
            Map<String, String> files = new LinkedHashMap<>();
            files.put(unitName.socket(), SocketUnit.text(plan, directory));
            files.put(unitName.service(), ServiceUnit.text(plan, directory));
            new UnitFiles(unitDirectory, user, posix.files(), close).write(files);
        } catch (RuntimeException e) {
            unitDirectory.removeCreated(posix.files());
            throw e;
        } finally {
            unitDirectory.close(close);
        }

        // after the writing, which may still fail with one line: warnings are for units that exist
        PersonalValues.warnings(plan, settings, workingDirectory).forEach(notices);
        HomeExecutable.warning(plan, home(environment)).ifPresent(notices);
        // -q hides what catflap did, not what it left out, which the user may not expect
        Consumer<String> done = settings.config().quiet() ? line -> { } : notices;
        done.accept("the service runs the command from " + plan.command().source() + ": " + ShellWords.quote(plan.exec()));
        if (!plan.leftOut().isEmpty()) {
            notices.accept("left out of the units: " + String.join(", ", plan.leftOut()));
        }
        if (!unitDirectory.created().isEmpty()) {
            done.accept("made the directory " + directory + " in the project");
        }
        done.accept("wrote " + directory.resolve(unitName.socket()) + " and " + directory.resolve(unitName.service()));
        ActivateCommand.line(plan).ifPresent(line -> done.accept("try them: " + line));
        done.accept("install them: " + UnitHeader.install(plan, directory));
        return 0;
    }
}
