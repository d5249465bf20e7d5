package dev.catflap.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.catflap.posix.OsString;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --setenv's variables over the caller's environment, which stays as it was around them. */
class EnvironmentTest {
    @Test
    void assignmentsOverrideInPlaceAddAtTheEndAndTheLastOfANameWins() {
        Environment caller = new Environment(List.of(latin1("A=1"), latin1("\u00ff=not UTF-8"), latin1("NO_EQUALS"),
                latin1("DEBUG=0"), latin1("DEBUG=twice"), latin1("Z=\u00ff")));
        Environment set = caller.with(List.of(new VariableAssignment("DEBUG", "1"), new VariableAssignment("NEW", "x"),
                new VariableAssignment("NEW", "y"), new VariableAssignment("RAW", OsString.decode(latin1("\u00fe\u0001")))));
        assertEquals(hex(List.of(latin1("A=1"), latin1("\u00ff=not UTF-8"), latin1("NO_EQUALS"), latin1("DEBUG=1"),
                latin1("Z=\u00ff"), latin1("NEW=y"), latin1("RAW=\u00fe\u0001"))), hex(set.entries()));
    }

    @Test
    void noAssignmentsLeaveItAsItWas() {
        Environment caller = new Environment(List.of(latin1("A=1"), latin1("A=2")));
        assertEquals(hex(caller.entries()), hex(caller.with(List.of()).entries()));
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> hex(List<byte[]> entries) {
        return entries.stream().map(HexFormat.of()::formatHex).toList();
    }
}
