package dev.catflap.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.CatflapException;
import dev.catflap.ExitStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The launcher ↔ JVM contract: the catflap.* system properties, read into typed values. */
class LauncherPropertiesTest {
    private static final Path LAUNCHER = Path.of("src/main/launcher/catflap");
    private static final Path POM = Path.of("pom.xml");

    @Test
    void whatTheLauncherPassesIsRead() {
        Map<String, String> passed = new HashMap<>();
        passed.put("catflap.caller.sigblk", "0000000000010004");
        passed.put("catflap.caller.sigign", "0000000000001000");
        passed.put("catflap.caller.environ", "CATFLAP_CALLER_ENVIRON");
        passed.put("catflap.caller.closed", "0,2");
        passed.put("catflap.launcher.variables", "LC_ALL,_JAVA_SR_SIGNUM");
        passed.put("catflap.launcher.moved", "JAVA_TOOL_OPTIONS");
        passed.put("catflap.signals", "blocked");
        passed.put("catflap.training", "true");

        LauncherProperties launcher = LauncherProperties.of(passed::get);

        assertEquals(Optional.of(new LauncherProperties.CallerSignals(0x10004L, 0x1000L)), launcher.callerSignals());
        assertEquals(Optional.of("CATFLAP_CALLER_ENVIRON"), launcher.callerEnvironmentVariable());
        assertEquals(List.of(0, 2), launcher.callerClosedFds());
        assertEquals(List.of("LC_ALL", "_JAVA_SR_SIGNUM"), launcher.addedVariables());
        assertEquals(List.of("JAVA_TOOL_OPTIONS"), launcher.movedVariables());
        assertTrue(launcher.signalsBlocked());
        assertTrue(launcher.trainingRun());
    }

    @Test
    void withoutTheLauncherNothingIsKnown() {
        LauncherProperties none = LauncherProperties.of(name -> null);
        assertEquals(Optional.empty(), none.callerSignals());
        assertEquals(Optional.empty(), none.callerEnvironmentVariable());
        assertEquals(List.of(), none.callerClosedFds());
        assertEquals(List.of(), none.addedVariables());
        assertEquals(List.of(), none.movedVariables());
        assertFalse(none.signalsBlocked());
        assertFalse(none.trainingRun());
    }

    @Test
    void aSignalSetCountsOnlyWithTheOtherAndEmptyIsUnread() {
        assertEquals(Optional.empty(), LauncherProperties.of(Map.of("catflap.caller.sigblk", "0")::get).callerSignals());
        // The launcher passes an empty value where it could not read /proc/$$/status.
        assertEquals(Optional.empty(),
                LauncherProperties.of(Map.of("catflap.caller.sigblk", "", "catflap.caller.sigign", "")::get).callerSignals());
        assertEquals(Optional.of(new LauncherProperties.CallerSignals(-1L, 0L)), LauncherProperties.of(
                Map.of("catflap.caller.sigblk", "ffffffffffffffff", "catflap.caller.sigign", "0")::get).callerSignals());
    }

    @Test
    void listsAreTrimmedAndOnlyStandardDescriptorsCountAsClosed() {
        LauncherProperties launcher = LauncherProperties.of(Map.of("catflap.caller.closed", " 2, 1,2,5,,x",
                "catflap.launcher.variables", " LC_ALL ,,")::get);
        assertEquals(List.of(1, 2), launcher.callerClosedFds());
        assertEquals(List.of("LC_ALL"), launcher.addedVariables());
    }

    @Test
    void onlyTheLaunchersWordsSwitchModesOn() {
        assertFalse(LauncherProperties.of(Map.of("catflap.signals", "yes")::get).signalsBlocked());
        assertFalse(LauncherProperties.of(Map.of("catflap.training", "1")::get).trainingRun());
        assertTrue(LauncherProperties.of(Map.of("catflap.training", "TRUE")::get).trainingRun(), "as Boolean.getBoolean");
    }

    @Test
    void aValueNoLauncherWritesIsAFailureNamingIt() {
        CatflapException sigblk = assertThrows(CatflapException.class, () -> LauncherProperties.of(
                Map.of("catflap.caller.sigblk", "zz", "catflap.caller.sigign", "0")::get));
        assertEquals(ExitStatus.FAILURE, sigblk.status());
        assertEquals("-Dcatflap.caller.sigblk=zz is not a signal set in hex: start catflap with the launcher it was built with"
                + " (target/catflap)", sigblk.getMessage());
        // an older launcher's descriptor number, or anything sh could not have exported
        for (String value : List.of("9", "A-B", "A=B")) {
            CatflapException variable = assertThrows(CatflapException.class,
                    () -> LauncherProperties.of(Map.of("catflap.caller.environ", value)::get));
            assertTrue(variable.getMessage().startsWith("-Dcatflap.caller.environ=" + value + " is not a variable name"),
                    variable.getMessage());
        }
    }

    /** The script and the build pass exactly the properties this class reads: the contract's two sides agree. */
    @Test
    void theLauncherScriptAndTheBuildPassTheseProperties() throws IOException {
        TreeSet<String> passed = new TreeSet<>();
        for (Path file : List.of(LAUNCHER, POM)) {
            Matcher property = Pattern.compile("-D(catflap\\.[a-z.]+)=").matcher(Files.readString(file));
            while (property.find()) {
                passed.add(property.group(1));
            }
        }
        assertEquals(new TreeSet<>(LauncherProperties.NAMES), passed);
    }
}
