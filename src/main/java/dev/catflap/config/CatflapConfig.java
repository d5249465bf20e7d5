package dev.catflap.config;

import dev.catflap.launch.CommandWords;
import dev.catflap.launch.VariableAssignment;
import dev.catflap.socket.ListenSpec;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective settings, typed: each value as its row of {@link Setting} parsed it when
 * {@link Configuration} checked it, so nothing is parsed twice. A new setting needs no line here:
 * {@link #value} gives any setting's value; the methods below only name the types of today's.
 */
public final class CatflapConfig {
    private final Map<Setting, Object> values;

    /** @param values the parsed value of every setting that is set, defaults included */
    CatflapConfig(Map<Setting, Object> values) {
        this.values = new EnumMap<>(values);
    }

    /** The value of {@code setting} as its parser made it; empty when no source sets it. */
    public Optional<Object> value(Setting setting) {
        return Optional.ofNullable(values.get(setting));
    }

    /** The TCP port of the {@code -h/-p} shorthand; 0 lets the kernel pick one. */
    public int port() {
        return (Integer) set(Setting.PORT);
    }

    /** The IP address of the {@code -h/-p} shorthand. */
    public InetAddress host() {
        return (InetAddress) set(Setting.HOST);
    }

    /** The environment variable that tells the command its socket's fd. */
    public String env() {
        return (String) set(Setting.ENV);
    }

    /** The variables {@code --setenv} puts into the command's environment, in order: a later one of a name wins. */
    public Optional<List<VariableAssignment>> setenv() {
        return list(Setting.SETENV, VariableAssignment.class);
    }

    public boolean quiet() {
        return (Boolean) set(Setting.QUIET);
    }

    /** The listen backlog; the system maximum when unset. */
    public Optional<Integer> backlog() {
        return value(Setting.BACKLOG).map(Integer.class::cast);
    }

    /** The command to run: the command line's words, else the configured one (e.g. from a project file). */
    public Optional<CommandWords> command() {
        return value(Setting.COMMAND).map(CommandWords.class::cast);
    }

    /**
     * With --systemd-units: the production command, written as one line as {@link #command()} is
     * in a file, and so of the same type: the units take whichever of the two is set.
     */
    public Optional<CommandWords> unitCommand() {
        return value(Setting.UNIT_COMMAND).map(CommandWords.class::cast);
    }

    /** With --systemd-units: where the units go, as given (relative to the working directory). */
    public Path unitDir() {
        return (Path) set(Setting.UNIT_DIR);
    }

    /** The directory --workdir names, as given (relative to the working directory, or from a file absolute). */
    public Optional<Path> workdir() {
        return value(Setting.WORKDIR).map(Path.class::cast);
    }

    /** The sockets of {@code -l/--listen}, in order; when unset, the {@code -h/-p} shorthand's one. */
    public Optional<List<ListenSpec>> listen() {
        return list(Setting.LISTEN, ListenSpec.class);
    }

    public boolean systemd() {
        return (Boolean) set(Setting.SYSTEMD);
    }

    public boolean noPid() {
        return (Boolean) set(Setting.NO_PID);
    }

    /** With {@link #systemd()}: the sockets' names, one per socket in order. */
    public Optional<List<String>> fdname() {
        return list(Setting.FDNAME, String.class);
    }

    public boolean stdin() {
        return (Boolean) set(Setting.STDIN);
    }

    public boolean spawn() {
        return (Boolean) set(Setting.SPAWN);
    }

    /** Paths whose changes restart the command; unset unless watching. */
    public Optional<List<Path>> watch() {
        return list(Setting.WATCH, Path.class);
    }

    /** Globs of changes that do not restart the command. */
    public Optional<List<String>> ignore() {
        return list(Setting.IGNORE, String.class);
    }

    /** Whether catflap's built-in list of what changes do not count is off. */
    public boolean noDefaultIgnores() {
        return (Boolean) set(Setting.NO_DEFAULT_IGNORES);
    }

    /** Whether the repository's ignore files are not read. */
    public boolean noIgnoreFiles() {
        return (Boolean) set(Setting.NO_IGNORE_FILES);
    }

    /** How long a command has to exit after SIGTERM before SIGKILL. */
    public Duration grace() {
        return (Duration) set(Setting.GRACE);
    }

    /** How long nothing must change under the watched paths before a restart. */
    public Duration debounce() {
        return (Duration) set(Setting.DEBOUNCE);
    }

    /** A setting with a built-in default, which is always set. */
    private Object set(Setting setting) {
        return value(setting).orElseThrow(() -> new IllegalStateException(setting.key() + " has no value"));
    }

    private <T> Optional<List<T>> list(Setting setting, Class<T> type) {
        return value(setting).map(list -> ((List<?>) list).stream().map(type::cast).toList());
    }
}
