package dev.catflap.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Names come from the system's account lookup (getpwuid_r, getgrgid_r through NSS), the number
 * where it knows none.
 */
class AccountNamesTest {
    @Test
    void usersAndGroupsAreNamedByTheSystem() {
        assertEquals("user root", AccountNames.user(0));
        assertEquals("user nobody", AccountNames.user(65534));
        assertEquals("group root", AccountNames.group(0));
    }

    @Test
    void theLookupItselfFindsThemOrNothing() {
        assertEquals("root", LibcAccounts.userName(0).orElseThrow());
        assertEquals("root", LibcAccounts.groupName(0).orElseThrow());
        assertEquals(java.util.Optional.empty(), LibcAccounts.userName(Integer.MAX_VALUE - 7), "no such user");
    }

    @Test
    void anIdTheSystemDoesNotKnowIsItsNumberUnsigned() {
        assertEquals("user " + (Integer.MAX_VALUE - 7), AccountNames.user(Integer.MAX_VALUE - 7));
        assertEquals("group 4294967290", AccountNames.group(-6));
    }
}
