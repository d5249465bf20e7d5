package dev.catflap.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.catflap.CatflapException;
import dev.catflap.ExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnitNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"app", "my-app_2", "app.v2", "a:b", "x\\x2dy"})
    void systemdsCharactersMakeAName(String name) {
        assertEquals(name + ".socket", UnitName.of(name).socket());
        assertEquals(name + ".service", UnitName.of(name).service());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "my/app", "my app", "app@", "app@1", "-app", "appé"})
    void anyOtherIsRefused(String name) {
        CatflapException e = assertThrows(CatflapException.class, () -> UnitName.of(name));
        assertEquals(ExitStatus.USAGE, e.status());
    }

    @Test
    void theLongestNameLeavesRoomForServiceWithin255Characters() {
        assertEquals(255, UnitName.of("a".repeat(247)).service().length());
        assertThrows(CatflapException.class, () -> UnitName.of("a".repeat(248)));
    }

    @Test
    void aSuffixIsNotPartOfTheName() {
        assertEquals("--systemd-units app.socket: give the name without .socket (catflap writes both units)",
                assertThrows(CatflapException.class, () -> UnitName.of("app.socket")).getMessage());
    }
}
