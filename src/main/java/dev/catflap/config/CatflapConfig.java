package dev.catflap.config;

import dev.catflap.socket.ListenSpec;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * The effective settings, typed. Built by {@link Configuration} from the flags, the environment,
 * the configuration files and {@link Setting}'s defaults, after {@link Setting} has checked every
 * value. A new row in {@link Setting} needs its typed method here too.
 */
@ConfigMapping(prefix = CatflapConfig.PREFIX)
public interface CatflapConfig {
    String PREFIX = "catflap";

    /** The TCP port of the {@code -h/-p} shorthand; 0 lets the kernel pick one. */
    @WithConverter(PortConverter.class)
    int port();

    /** The IP address of the {@code -h/-p} shorthand. */
    @WithConverter(HostConverter.class)
    InetAddress host();

    /** The environment variable that tells the command its socket's fd. */
    @WithConverter(VariableNameConverter.class)
    String env();

    /** No listening line on stderr. */
    @WithConverter(BooleanConverter.class)
    boolean quiet();

    /** The listen backlog; the system maximum when unset. */
    @WithConverter(BacklogConverter.class)
    Optional<Integer> backlog();

    /** The command to run when the command line gives none, e.g. from a project file. */
    @WithConverter(CommandConverter.class)
    Optional<ShellWords> command();

    /** The sockets of {@code -l/--listen}, in order; when unset, the {@code -h/-p} shorthand's one. */
    @WithConverter(ListenSpecConverter.class)
    Optional<List<ListenSpec>> listen();

    /** Tell the command its sockets the systemd way: LISTEN_FDS, LISTEN_PID, LISTEN_FDNAMES. */
    @WithConverter(BooleanConverter.class)
    boolean systemd();

    /** With {@link #systemd()}: leave LISTEN_PID unset. */
    @WithConverter(BooleanConverter.class)
    boolean noPid();

    /** With {@link #systemd()}: the sockets' names, one per socket in order. */
    @WithConverter(FdNameConverter.class)
    Optional<List<String>> fdname();

    /** Put the single socket on fd 0, as inetd does and {@code System.inheritedChannel()} expects. */
    @WithConverter(BooleanConverter.class)
    boolean stdin();

    /** Run the command as a child instead of exec'ing it (implied by {@link #watch}). */
    @WithConverter(BooleanConverter.class)
    boolean spawn();

    /** Paths whose changes restart the command; unset unless watching. */
    @WithConverter(PathsConverter.class)
    Optional<List<Path>> watch();

    /** Globs of changes that do not restart the command. */
    @WithConverter(GlobsConverter.class)
    Optional<List<String>> ignore();

    /** How long a command has to exit after SIGTERM before SIGKILL. */
    @WithConverter(GraceConverter.class)
    Duration grace();

    // One converter per type, each handing its text to Setting, the one place values are parsed and
    // checked. They cannot share a generic base class: SmallRye reads the converted type from each
    // converter's own "implements Converter<T>".

    final class PortConverter implements Converter<Integer> {
        @Override
        public Integer convert(String value) {
            return (Integer) parse(Setting.PORT, value);
        }
    }

    final class HostConverter implements Converter<InetAddress> {
        @Override
        public InetAddress convert(String value) {
            return (InetAddress) parse(Setting.HOST, value);
        }
    }

    final class VariableNameConverter implements Converter<String> {
        @Override
        public String convert(String value) {
            return (String) parse(Setting.ENV, value);
        }
    }

    final class BooleanConverter implements Converter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return (Boolean) parse(Setting.QUIET, value);
        }
    }

    final class BacklogConverter implements Converter<Integer> {
        @Override
        public Integer convert(String value) {
            return (Integer) parse(Setting.BACKLOG, value);
        }
    }

    final class CommandConverter implements Converter<ShellWords> {
        @Override
        public ShellWords convert(String value) {
            return (ShellWords) parse(Setting.COMMAND, value);
        }
    }

    /** SmallRye hands a list's converter the whole value: {@link Setting} splits and checks it. */
    final class ListenSpecConverter implements Converter<List<ListenSpec>> {
        @Override
        @SuppressWarnings("unchecked")
        public List<ListenSpec> convert(String value) {
            return (List<ListenSpec>) parse(Setting.LISTEN, value);
        }
    }

    final class FdNameConverter implements Converter<List<String>> {
        @Override
        @SuppressWarnings("unchecked")
        public List<String> convert(String value) {
            return (List<String>) parse(Setting.FDNAME, value);
        }
    }

    final class PathsConverter implements Converter<List<Path>> {
        @Override
        @SuppressWarnings("unchecked")
        public List<Path> convert(String value) {
            return (List<Path>) parse(Setting.WATCH, value);
        }
    }

    final class GlobsConverter implements Converter<List<String>> {
        @Override
        @SuppressWarnings("unchecked")
        public List<String> convert(String value) {
            return (List<String>) parse(Setting.IGNORE, value);
        }
    }

    final class GraceConverter implements Converter<Duration> {
        @Override
        public Duration convert(String value) {
            return (Duration) parse(Setting.GRACE, value);
        }
    }

    private static Object parse(Setting setting, String value) {
        return setting.parse(value);
    }
}
