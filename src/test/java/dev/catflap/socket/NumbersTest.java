package dev.catflap.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ports and backlogs: ASCII digits only, in range. */
class NumbersTest {
    @ParameterizedTest
    @ValueSource(strings = {"0", "80", "08080", "65535"})
    void portsInAsciiDigits(String text) {
        assertEquals(Integer.parseInt(text), Port.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0668\u0660", "\uff18\uff10", "+80", "-1", " 80", "80 ", "65536", "000080", "", "8e1", "0x50"})
    void notPorts(String text) {
        assertEquals("not a port number (0-65535)", assertThrows(IllegalArgumentException.class, () -> Port.parse(text)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "511", "2147483647"})
    void backlogsInAsciiDigits(String text) {
        assertEquals(Integer.parseInt(text), Backlog.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uff13", "\u0663", "+3", "0", "-1", " 3", "2147483648", "99999999999", ""})
    void notBacklogs(String text) {
        assertEquals("not a backlog (a whole number from 1 to 2147483647)",
                assertThrows(IllegalArgumentException.class, () -> Backlog.parse(text)).getMessage());
    }
}
