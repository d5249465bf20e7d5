package dev.catflap.config;

import dev.catflap.CatflapException;
import dev.catflap.launch.Handoff;
import dev.catflap.launch.VariableAssignment;
import java.util.List;
import java.util.Optional;

/**
 * The settings that make no sense together. Each value is valid on its own by now; this stops
 * catflap (exit 2) where two of them contradict each other, naming both and where they came from.
 */
final class Combinations {
    /** cli's option that writes the units: a mode of the run, which no setting holds. */
    private static final String UNITS_MODE = "--systemd-units";

    private final SettingValues config;
    private final CatflapConfig typed;

    private Combinations(SettingValues config, CatflapConfig typed) {
        this.config = config;
        this.typed = typed;
    }

    /**
     * @param config where each value came from, for the messages
     * @param typed the values, parsed
     * @throws CatflapException (exit 2) for the first contradiction found
     */
    static void check(SettingValues config, CatflapConfig typed) {
        Combinations combinations = new Combinations(config, typed);
        combinations.listenReplacesShorthand(Setting.HOST);
        combinations.listenReplacesShorthand(Setting.PORT);
        combinations.watchImpliesSpawn();
        combinations.onlyInItsMode(Setting.FDNAME, isSet(combinations.value(Setting.FDNAME)), Setting.SYSTEMD);
        combinations.onlyInItsMode(Setting.NO_PID, combinations.isOn(Setting.NO_PID), Setting.SYSTEMD);
        combinations.onlyInItsMode(Setting.GRACE, isSet(combinations.value(Setting.GRACE)), Setting.WATCH);
        combinations.onlyInItsMode(Setting.DEBOUNCE, isSet(combinations.value(Setting.DEBOUNCE)), Setting.WATCH);
        combinations.onlyInItsMode(Setting.IGNORE, isSet(combinations.value(Setting.IGNORE)), Setting.WATCH);
        combinations.onlyInItsMode(Setting.NO_DEFAULT_IGNORES, combinations.isOn(Setting.NO_DEFAULT_IGNORES), Setting.WATCH);
        combinations.onlyInItsMode(Setting.NO_IGNORE_FILES, combinations.isOn(Setting.NO_IGNORE_FILES), Setting.WATCH);
        combinations.stdinTakesOneSocketOutsideSystemd();
        combinations.variableNotTakenBySystemd();
        combinations.setenvLeavesTheSocketVariable();
        combinations.oneNamePerSocket();
    }

    /**
     * The mode rule for {@value #UNITS_MODE}, which is an option of the run and not a setting, so
     * that {@link #check} cannot know it: its options given without it are refused, as the other
     * modes' are ({@link #onlyInItsMode}).
     *
     * @throws CatflapException (exit 2) naming the option
     */
    static void unitOptionsOnlyWithUnits(SettingValues config, CatflapConfig typed) {
        Combinations combinations = new Combinations(config, typed);
        for (Setting<?> setting : Setting.values()) {
            if (setting.group() == Setting.Group.UNITS) {
                combinations.onlyInItsMode(setting, isSet(combinations.value(setting)), UNITS_MODE, false);
            }
        }
    }

    /**
     * One {@code --fdname} per socket, for the units, which systemd's protocol always names,
     * {@code --systemd} or not ({@link #check} holds a run to it only with {@code --systemd}).
     *
     * @throws CatflapException (exit 2) naming both counts
     */
    static void oneNamePerSocket(SettingValues config, CatflapConfig typed) {
        Combinations combinations = new Combinations(config, typed);
        if (isSet(combinations.value(Setting.FDNAME))) {
            combinations.namesMatchSockets();
        }
    }

    /**
     * {@code -l} and {@code -h/-p} both say where the sockets are. The higher source wins, so that
     * a flag overrides a file; given in the same source (or the shorthand above the specs) they
     * contradict each other rather than have one silently dropped.
     */
    private void listenReplacesShorthand(Setting<?> shorthand) {
        WrittenValue listen = value(Setting.LISTEN);
        WrittenValue other = value(shorthand);
        if (isSet(listen) && isSet(other) && other.origin().ranksAtLeast(listen.origin())) {
            throw conflict(shorthand, "cannot be combined with " + named(Setting.LISTEN) + "; "
                    + asListenSpec(other.origin(), listen.origin()));
        }
    }

    /**
     * What to write instead of the shorthand, where it was written: lists add up ({@link
     * ListValue}), so a spec alone would be bound besides the lower sources' and leave theirs
     * first; an empty first element clears them, as the user meant by giving a port.
     */
    private String asListenSpec(Origin shorthand, Origin listen) {
        String address = shorthandAddress();
        if (shorthand.equals(listen)) { // one source: nothing below to clear
            return shorthand.is(Origin.Kind.OPTION) ? "write the address as one more spec instead: "
                    + shorthand.assignment(Setting.LISTEN, address)
                    : "add " + address + " to " + shorthand.described(Setting.LISTEN) + " instead";
        }
        String clears = " instead (an empty first element clears the lower sources' specs)";
        return switch (shorthand.kind()) {
            case OPTION -> "to listen at " + address + " alone, write " + Setting.LISTEN.optionNames()[0] + " '' "
                    + Setting.LISTEN.optionNames()[0] + " " + address + clears;
            case VARIABLE, LOCAL_FILE, PROJECT_FILE, CONFIG_FILE, USER_FILE, DEFAULT -> "to listen at " + address
                    + " alone, write " + shorthand.assignment(Setting.LISTEN, "," + address) + clears;
        };
    }

    /** The socket -h/-p would have given, as a listen spec: host and port as written, an IPv6 host in brackets. */
    private String shorthandAddress() {
        String host = writtenOrDefault(Setting.HOST);
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + writtenOrDefault(Setting.PORT);
    }

    private String writtenOrDefault(Setting<?> setting) {
        WrittenValue value = value(setting);
        return isSet(value) ? value.text() : setting.defaultValue().orElseThrow();
    }

    /**
     * Watching runs the command as a child, so a watch path turns spawning on. A spawn switched
     * off on purpose ({@code --no-spawn}, {@code CATFLAP_SPAWN=false}, a file's
     * {@code catflap.spawn=false}) by a source that ranks at least as high as the watch's would
     * otherwise be dropped without a word: CI's {@code --no-spawn} would keep watching the team's
     * paths for ever. That is a contradiction, naming both; a lower one is a default the watch
     * overrides, as a file's value is, and {@code --show-config} says so ({@link #overriddenSpawn}).
     * This is the only "implies" rule: the other modes' settings wait for their mode ({@link #onlyInItsMode}).
     */
    private void watchImpliesSpawn() {
        WrittenValue watch = value(Setting.WATCH);
        WrittenValue spawn = value(Setting.SPAWN);
        if (typed.watch().isEmpty() || !switchedOff(spawn, typed) || !spawn.origin().ranksAtLeast(watch.origin())) {
            return;
        }
        String hint = watch.origin().is(Origin.Kind.OPTION) ? "drop one of the two"
                : "use " + Setting.WATCH.negation().orElseThrow() + " to switch that watching off";
        throw CatflapException.usage(named(Setting.SPAWN) + " contradicts " + named(Setting.WATCH)
                + ": watching runs the command as a child (" + Setting.WATCH.optionNames()[0] + " implies "
                + Setting.SPAWN.optionNames()[0] + "); " + hint);
    }

    /**
     * The spawn switched off on purpose that a watch path overrides, from a source ranked below
     * the watch's, for {@code --show-config}: e.g. {@code catflap.spawn=false (FILE:3)}.
     */
    static Optional<String> overriddenSpawn(SettingValues config, CatflapConfig typed) {
        WrittenValue spawn = config.value(Setting.SPAWN);
        return typed.watch().isPresent() && switchedOff(spawn, typed) ? Optional.of(config.mention(Setting.SPAWN))
                : Optional.empty();
    }

    /**
     * Whether a source switched spawning off on purpose: {@code false} ({@code no}, {@code 0}), or
     * {@code --no-spawn}. An empty value from a file or a variable ({@code CATFLAP_SPAWN=}) only
     * unsets, which is never an error: the watch then turns spawning on as over the default.
     */
    private static boolean switchedOff(WrittenValue spawn, CatflapConfig typed) {
        boolean negation = spawn.origin().is(Origin.Kind.OPTION) && spawn.text().isEmpty();
        return !typed.spawn() && !spawn.origin().is(Origin.Kind.DEFAULT) && (spawn.isSet() || negation);
    }

    /**
     * A setting that only applies in one mode (systemd's protocol, watching) does nothing outside
     * it. Given as an option, the user expects it to do something: that is an error. From a file
     * or a CATFLAP_* variable it is a default for the runs in that mode and waits for them, so that
     * a team file naming its sockets for --systemd, or a grace period for --watch, does not break
     * the plain runs.
     */
    private void onlyInItsMode(Setting<?> setting, boolean given, Setting<?> mode) {
        onlyInItsMode(setting, given, mode.option(), isInMode(mode));
    }

    private void onlyInItsMode(Setting<?> setting, boolean given, String mode, boolean inMode) {
        if (given && value(setting).origin().is(Origin.Kind.OPTION) && !inMode) {
            throw conflict(setting, "only applies with " + mode);
        }
    }

    /** --systemd is a switch; --watch is on when it names a path. */
    private boolean isInMode(Setting<?> mode) {
        return typed.isOn(mode);
    }

    private void stdinTakesOneSocketOutsideSystemd() {
        if (!isOn(Setting.STDIN)) {
            return;
        }
        if (isOn(Setting.SYSTEMD)) {
            throw conflict(Setting.STDIN, "cannot be combined with " + named(Setting.SYSTEMD)
                    + " (systemd's protocol passes sockets from fd 3 up)");
        }
        if (socketCount() > 1) {
            throw conflict(Setting.STDIN, "takes a single socket, but " + named(Setting.LISTEN) + " gives " + socketCount());
        }
    }

    /** -e LISTEN_FDS with --systemd: one of the two values would be lost. */
    private void variableNotTakenBySystemd() {
        WrittenValue env = value(Setting.ENV);
        if (isOn(Setting.SYSTEMD) && isSet(env) && Handoff.SYSTEMD_VARIABLES.contains(env.text())) {
            throw conflict(Setting.ENV, "is set by " + named(Setting.SYSTEMD) + " itself; choose another name");
        }
    }

    /**
     * --setenv LISTEN_FD=... where -e names LISTEN_FD: catflap sets that variable to the socket's
     * fd, which the command needs; a value from --setenv would be lost or would lose it.
     */
    private void setenvLeavesTheSocketVariable() {
        List<VariableAssignment> assignments = typed.setenv().orElse(List.of());
        for (VariableAssignment assignment : assignments) {
            if (assignment.name().equals(typed.env())) {
                String which = assignments.size() > 1 ? assignment + ": " : "";
                WrittenValue env = value(Setting.ENV);
                String by = isSet(env) && !env.origin().is(Origin.Kind.DEFAULT) ? named(Setting.ENV)
                        : Setting.ENV.option() + ", by default";
                throw conflict(Setting.SETENV, which + typed.env() + " is the variable catflap sets to the socket's fd ("
                        + by + "); choose another name");
            }
        }
    }

    /** Only with --systemd: without it, names from a file wait for it (see {@link #onlyInItsMode}). */
    private void oneNamePerSocket() {
        if (isSet(value(Setting.FDNAME)) && isOn(Setting.SYSTEMD)) {
            namesMatchSockets();
        }
    }

    /** The one place the names are counted against the sockets ({@link CatflapConfig#sockets()}). */
    private void namesMatchSockets() {
        int names = typed.fdname().orElseThrow().size();
        int sockets = socketCount();
        if (names != sockets) {
            String from = isSet(value(Setting.LISTEN)) ? " (" + named(Setting.LISTEN) + ")" : "";
            throw conflict(Setting.FDNAME, names + (names == 1 ? " name" : " names") + " for " + sockets
                    + (sockets == 1 ? " socket" : " sockets") + from + ": give one --fdname per socket, in order");
        }
    }

    private int socketCount() {
        return typed.sockets().size();
    }

    private WrittenValue value(Setting<?> setting) {
        return config.value(setting);
    }

    private boolean isOn(Setting<Boolean> setting) {
        return typed.value(setting).orElse(false);
    }

    /** An empty value unsets (see {@link Configuration}). */
    private static boolean isSet(WrittenValue value) {
        return value.isSet();
    }

    private CatflapException conflict(Setting<?> setting, String reason) {
        WrittenValue value = value(setting);
        // config.origin, not the value's own: a list's value joins every source's part (ListValue)
        return CatflapException.usage((isFlagSwitch(value) ? setting.option() : config.origin(setting)) + ": " + reason);
    }

    /** Where a setting came from, as the user wrote it, in the middle of a sentence; a switch given as a flag is just its name. */
    private String named(Setting<?> setting) {
        WrittenValue value = value(setting);
        return isFlagSwitch(value) ? setting.option() : config.mention(setting);
    }

    private static boolean isFlagSwitch(WrittenValue value) {
        return value.origin().is(Origin.Kind.OPTION) && "true".equals(value.text());
    }
}
