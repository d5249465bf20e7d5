package dev.catflap.launch;

import dev.catflap.CatflapException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * What the launcher script ({@code src/main/launcher/catflap}) tells the JVM, as {@code catflap.*}
 * system properties: the one side of that contract in Java, and the only place that reads them.
 * Each is read once, into a typed value; a property that is absent (under {@code java -jar}, in dev
 * mode, or where the launcher could not read /proc) leaves the reader to rebuild the value itself.
 * The build's training run passes one more ({@code catflap.training}), read here too.
 *
 * @param callerSignals the caller's blocked and ignored signals ({@code catflap.caller.sigblk},
 *     {@code catflap.caller.sigign}, in /proc's hex); empty unless both are given
 * @param callerEnvironmentVariable the variable of java's environment in which the launcher handed
 *     over the caller's environment, byte for byte, in base64 ({@code catflap.caller.environ})
 * @param callerClosedFds which of fds 0-2 the caller had closed ({@code catflap.caller.closed},
 *     e.g. {@code 0,2}), each once, in order; other numbers are not the launcher's and are left out
 * @param addedVariables the variables the launcher set for the JVM alone ({@code catflap.launcher.variables})
 * @param movedVariables the caller's variables it moved to {@code CATFLAP_CALLER_<name>}, in the
 *     order it moved them ({@code catflap.launcher.moved})
 * @param signalsBlocked whether the JVM started with the forwarded signals blocked and -Xrs
 *     ({@code catflap.signals=blocked})
 * @param trainingRun whether this is the build's training run ({@code catflap.training=true})
 */
public record LauncherProperties(Optional<CallerSignals> callerSignals, Optional<String> callerEnvironmentVariable,
        List<Integer> callerClosedFds, List<String> addedVariables, List<String> movedVariables, boolean signalsBlocked,
        boolean trainingRun) {
    static final String SIGNALS_BLOCKED = "catflap.caller.sigblk";
    static final String SIGNALS_IGNORED = "catflap.caller.sigign";
    static final String ENVIRONMENT_VARIABLE = "catflap.caller.environ";
    static final String CLOSED_FDS = "catflap.caller.closed";
    static final String ADDED_VARIABLES = "catflap.launcher.variables";
    static final String MOVED_VARIABLES = "catflap.launcher.moved";
    static final String SIGNALS = "catflap.signals";
    static final String TRAINING = "catflap.training";
    /** Every property of the contract, for the test that holds the launcher script to it. */
    static final List<String> NAMES = List.of(SIGNALS_BLOCKED, SIGNALS_IGNORED, ENVIRONMENT_VARIABLE, CLOSED_FDS,
            ADDED_VARIABLES, MOVED_VARIABLES, SIGNALS, TRAINING);

    private static LauncherProperties current;

    /**
     * @param blocked bit n-1 set for each blocked signal n
     * @param ignored bit n-1 set for each ignored signal n
     */
    public record CallerSignals(long blocked, long ignored) {
    }

    public LauncherProperties {
        callerClosedFds = List.copyOf(callerClosedFds);
        addedVariables = List.copyOf(addedVariables);
        movedVariables = List.copyOf(movedVariables);
    }

    /**
     * This JVM's, read at the first call.
     *
     * @throws CatflapException (exit 1) for a value the launcher would never write: a launcher
     *     and a catflap that do not belong together
     */
    public static synchronized LauncherProperties current() {
        if (current == null) {
            current = of(System::getProperty);
        }
        return current;
    }

    /** The contract's values as {@code property} gives each by name (null when it is not set). */
    static LauncherProperties of(UnaryOperator<String> property) {
        Optional<Long> blocked = hex(property, SIGNALS_BLOCKED);
        Optional<Long> ignored = hex(property, SIGNALS_IGNORED);
        Optional<CallerSignals> signals = blocked.isPresent() && ignored.isPresent()
                ? Optional.of(new CallerSignals(blocked.get(), ignored.get()))
                : Optional.empty();
        return new LauncherProperties(signals, variableName(property, ENVIRONMENT_VARIABLE), closedFds(property),
                names(property, ADDED_VARIABLES), names(property, MOVED_VARIABLES),
                "blocked".equals(property.apply(SIGNALS)), "true".equalsIgnoreCase(property.apply(TRAINING)));
    }

    /** A signal set as /proc writes it, e.g. {@code 0000000000010000}; empty where the launcher could not read it. */
    private static Optional<Long> hex(UnaryOperator<String> property, String name) {
        String value = given(property, name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseUnsignedLong(value, 16));
        } catch (NumberFormatException e) {
            throw notTheLaunchers(name, value, "a signal set in hex");
        }
    }

    /** A shell variable's name, as the launcher exports it. */
    private static Optional<String> variableName(UnaryOperator<String> property, String name) {
        String value = given(property, name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw notTheLaunchers(name, value, "a variable name");
        }
        return Optional.of(value);
    }

    /** The standard descriptors named: a number other than 0, 1 or 2 is none the caller can have closed for the launcher. */
    private static List<Integer> closedFds(UnaryOperator<String> property) {
        TreeSet<Integer> closed = new TreeSet<>();
        for (String fd : names(property, CLOSED_FDS)) {
            switch (fd) {
                case "0", "1", "2" -> closed.add(Integer.parseInt(fd));
                default -> { }
            }
        }
        return new ArrayList<>(closed);
    }

    /** A comma-separated list, each element without blanks, empty ones left out. */
    private static List<String> names(UnaryOperator<String> property, String name) {
        String value = given(property, name);
        List<String> names = new ArrayList<>();
        if (value != null) {
            for (String element : value.split(",")) {
                if (!element.isBlank()) {
                    names.add(element.strip());
                }
            }
        }
        return names;
    }

    /** The value, stripped; null when unset or empty (the launcher passes an empty value for what it could not read). */
    private static String given(UnaryOperator<String> property, String name) {
        String value = property.apply(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static CatflapException notTheLaunchers(String name, String value, String expected) {
        return CatflapException.failure("-D" + name + "=" + value + " is not " + expected
                + ": start catflap with the launcher it was built with (target/catflap)");
    }
}
