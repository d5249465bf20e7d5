package dev.catflap.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** java's environment taken back to the caller's, as the launcher's system properties say. */
class LauncherVariablesTest {
    @Test
    void addedVariablesGoAndMovedOnesComeBackUnderTheirNamesByteForByte() {
        LauncherProperties launcher = LauncherProperties.of(Map.of(LauncherProperties.ADDED_VARIABLES, "_JAVA_SR_SIGNUM",
                LauncherProperties.MOVED_VARIABLES, "JAVA_TOOL_OPTIONS,_JAVA_OPTIONS")::get);
        byte[] raw = {'-', 'X', 'm', 'x', '4', 'm', ' ', (byte) 0xff};
        Environment java = new Environment(List.of(entry("PATH=/bin"), entry("_JAVA_SR_SIGNUM=63"),
                concat(entry("CATFLAP_CALLER_JAVA_TOOL_OPTIONS="), raw), entry("CATFLAP_CALLER__JAVA_OPTIONS=")));

        Environment caller = LauncherVariables.undo(java, launcher);

        assertEquals(List.of("PATH=/bin", "JAVA_TOOL_OPTIONS=-Xmx4m \u00ff", "_JAVA_OPTIONS="), text(caller));
    }

    /**
     * The caller had JAVA_TOOL_OPTIONS and its own CATFLAP_CALLER_JAVA_TOOL_OPTIONS: the launcher
     * moved the latter one prefix further first, and both come back.
     */
    @Test
    void aCallersOwnVariableUnderTheLaunchersPrefixComesBackToo() {
        LauncherProperties launcher = LauncherProperties.of(Map.of(LauncherProperties.MOVED_VARIABLES,
                "CATFLAP_CALLER_JAVA_TOOL_OPTIONS,JAVA_TOOL_OPTIONS")::get);
        Environment java = new Environment(List.of(entry("CATFLAP_CALLER_CATFLAP_CALLER_JAVA_TOOL_OPTIONS=own"),
                entry("CATFLAP_CALLER_JAVA_TOOL_OPTIONS=-Xmx4m")));

        assertEquals(List.of("CATFLAP_CALLER_JAVA_TOOL_OPTIONS=own", "JAVA_TOOL_OPTIONS=-Xmx4m"),
                text(LauncherVariables.undo(java, launcher)));
    }

    @Test
    void variablesUnderTheLaunchersPrefixAreNoSettings() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("CATFLAP_PORT", "1");
        variables.put("CATFLAP_CALLER_LC_ALL", "C");
        variables.put("CATFLAP_PROT", "2");
        assertEquals(Map.of("CATFLAP_PORT", "1", "CATFLAP_PROT", "2"), LauncherVariables.forSettings(variables));
    }

    @Test
    void withoutPropertiesNothingChanges() {
        Environment java = new Environment(List.of(entry("CATFLAP_CALLER_JAVA_TOOL_OPTIONS=x"), entry("_JAVA_SR_SIGNUM=1")));
        assertEquals(List.of("CATFLAP_CALLER_JAVA_TOOL_OPTIONS=x", "_JAVA_SR_SIGNUM=1"), text(LauncherVariables.undo(java, LauncherProperties.of(name -> null))));
    }

    private static byte[] entry(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = new byte[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static List<String> text(Environment environment) {
        List<String> text = new ArrayList<>();
        environment.entries().forEach(entry -> text.add(new String(entry, StandardCharsets.ISO_8859_1)));
        return text;
    }
}
