package dev.catflap.config;

import dev.catflap.launch.CommandWords;
import dev.catflap.launch.VariableAssignment;
import dev.catflap.socket.ListenSpec;
import dev.catflap.supervise.IgnoreGlob;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The effective settings, typed: each value as its row of {@link Setting} parsed it when
 * {@link Configuration} checked it, so nothing is parsed twice. Each setting has its accessor
 * below, of the type its row declares: the compiler checks both ends, the row's parser and the
 * reader, and no method here gives a value as an {@code Object} to be cast (CatflapConfigTypesTest).
 */
public final class CatflapConfig {
    /** Each setting's value, of the setting's type: only {@link Builder#set} puts one in. */
    private final Map<Setting<?>, Object> values;

    private CatflapConfig(Map<Setting<?>, Object> values) {
        this.values = Map.copyOf(values);
    }

    static Builder builder() {
        return new Builder();
    }

    /** Collects the parsed values, each checked by the compiler against its setting's type. */
    static final class Builder {
        private final Map<Setting<?>, Object> values = new HashMap<>();

        <T> Builder set(Setting<T> setting, T value) {
            values.put(setting, Objects.requireNonNull(value, setting.key()));
            return this;
        }

        CatflapConfig build() {
            return new CatflapConfig(values);
        }
    }

    /** The value of {@code setting} as its parser made it; empty when no source sets it. */
    @SuppressWarnings("unchecked") // Builder.set takes only a T for a Setting<T>
    <T> Optional<T> value(Setting<T> setting) {
        return Optional.ofNullable((T) values.get(setting));
    }

    /**
     * Whether {@code setting} has a value and, for a switch, is on: for a loop over every setting,
     * which cannot know each one's type (the units leave out the development-only ones that are on).
     */
    public boolean isOn(Setting<?> setting) {
        Object value = values.get(setting);
        return value != null && !Boolean.FALSE.equals(value);
    }

    /** The TCP port of the {@code -h/-p} shorthand; 0 lets the kernel pick one. */
    public int port() {
        return required(Setting.PORT);
    }

    /** The IP address of the {@code -h/-p} shorthand. */
    public InetAddress host() {
        return required(Setting.HOST);
    }

    /** The environment variable that tells the command its socket's fd. */
    public String env() {
        return required(Setting.ENV);
    }

    /** The variables {@code --setenv} puts into the command's environment, in order: a later one of a name wins. */
    public Optional<List<VariableAssignment>> setenv() {
        return value(Setting.SETENV);
    }

    public boolean quiet() {
        return required(Setting.QUIET);
    }

    /** The listen backlog; the system maximum when unset. */
    public Optional<Integer> backlog() {
        return value(Setting.BACKLOG);
    }

    /** The command to run: the command line's words, else the configured one (e.g. from a project file). */
    public Optional<CommandWords> command() {
        return value(Setting.COMMAND);
    }

    /**
     * With --systemd-units: the production command, written as one line as {@link #command()} is
     * in a file, and so of the same type: the units take whichever of the two is set.
     */
    public Optional<CommandWords> unitCommand() {
        return value(Setting.UNIT_COMMAND);
    }

    /** With --systemd-units: where the units go, as given (relative to the working directory). */
    public Path unitDir() {
        return required(Setting.UNIT_DIR);
    }

    /** The directory --workdir names, as given (relative to the working directory, or from a file absolute). */
    public Optional<Path> workdir() {
        return value(Setting.WORKDIR);
    }

    /** The sockets of {@code -l/--listen}, in order; empty when unset (see {@link #sockets()}). */
    public Optional<List<ListenSpec>> listen() {
        return value(Setting.LISTEN);
    }

    /**
     * The sockets catflap binds, in order: the {@code -l/--listen} specs, or where none is given
     * the one TCP socket of the {@code -h/-p} shorthand. The one place this rule is written: the
     * launch, the units and the count that {@code --stdin} and {@code --fdname} are checked
     * against all take it from here.
     */
    public List<ListenSpec> sockets() {
        return listen().orElseGet(() -> List.of(ListenSpec.tcp(host(), port())));
    }

    public boolean systemd() {
        return required(Setting.SYSTEMD);
    }

    public boolean noPid() {
        return required(Setting.NO_PID);
    }

    /** With {@link #systemd()}: the sockets' names, one per socket in order. */
    public Optional<List<String>> fdname() {
        return value(Setting.FDNAME);
    }

    public boolean stdin() {
        return required(Setting.STDIN);
    }

    public boolean spawn() {
        return required(Setting.SPAWN);
    }

    /** Paths whose changes restart the command; unset unless watching. */
    public Optional<List<Path>> watch() {
        return value(Setting.WATCH);
    }

    /** Globs of changes that do not restart the command, compiled as they were checked. */
    public Optional<List<IgnoreGlob>> ignore() {
        return value(Setting.IGNORE);
    }

    /** Whether catflap's built-in list of what changes do not count is off. */
    public boolean noDefaultIgnores() {
        return required(Setting.NO_DEFAULT_IGNORES);
    }

    /** Whether the repository's ignore files are not read. */
    public boolean noIgnoreFiles() {
        return required(Setting.NO_IGNORE_FILES);
    }

    /** How long a command has to exit after SIGTERM before SIGKILL. */
    public Duration grace() {
        return required(Setting.GRACE);
    }

    /** How long nothing must change under the watched paths before a restart. */
    public Duration debounce() {
        return required(Setting.DEBOUNCE);
    }

    /** A setting with a built-in default, which is always set. */
    private <T> T required(Setting<T> setting) {
        return value(setting).orElseThrow(() -> new IllegalStateException(setting.key() + " has no value"));
    }
}
