package dev.catflap.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import java.net.InetAddress;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * The effective settings, typed. Built by {@link Configuration} from the flags, the environment,
 * the configuration files and the defaults in application.properties, after {@link Setting} has
 * checked every value.
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

    private static Object parse(Setting setting, String value) {
        return setting.parse(value);
    }
}
