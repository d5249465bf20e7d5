package dev.catflap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.catflap.posix.Errno;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The statuses catflap chooses, as shells choose them, and the list the help makes of them. */
class ExitStatusTest {
    @Test
    void theHelpListsEveryStatusWithItsMeaningInOrder() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("1", "a failure, e.g. the address is in use");
        expected.put("2", "a usage error or a bad value, named with where it came from");
        expected.put("70", "an internal error (a bug): CATFLAP_DEBUG=1 shows where");
        expected.put("126", "the command was found but cannot be executed");
        expected.put("127", "the command was not found");
        assertEquals(expected, ExitStatus.helpList());
        assertEquals(1, ExitStatus.FAILURE.code());
        assertEquals(2, ExitStatus.USAGE.code());
        assertEquals(70, ExitStatus.INTERNAL_ERROR.code());
        assertEquals(126, ExitStatus.NOT_EXECUTABLE.code());
        assertEquals(127, ExitStatus.NOT_FOUND.code());
    }

    @Test
    void aMissingFileIs127AndEveryOtherExecFailure126() {
        assertEquals(ExitStatus.NOT_FOUND, ExitStatus.ofExecFailure(Errno.ENOENT, false));
        for (int errno : new int[] {Errno.EACCES, Errno.ENOEXEC, Errno.ENOTDIR, Errno.EPERM, Errno.EINVAL, 0}) {
            assertEquals(ExitStatus.NOT_EXECUTABLE, ExitStatus.ofExecFailure(errno, false), "errno " + errno);
            assertEquals(ExitStatus.NOT_EXECUTABLE, ExitStatus.ofExecFailure(errno, true), "errno " + errno);
        }
    }

    @Test
    void aScriptWhoseInterpreterIsMissingIs126() {
        assertEquals(ExitStatus.NOT_EXECUTABLE, ExitStatus.ofExecFailure(Errno.ENOENT, true));
    }

    @Test
    void aSignalIs128PlusItsNumber() {
        for (int signal = 1; signal <= 64; signal++) {
            assertEquals(128 + signal, ExitStatus.afterSignal(signal));
        }
        assertEquals(130, ExitStatus.afterSignal(2), "SIGINT, as a shell shows Ctrl-C");
        assertEquals(143, ExitStatus.afterSignal(15), "SIGTERM");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 42, 126, 127, 128, 130, 255})
    void anExitCodeIsKeptWhole(int code) {
        int waitStatus = code << 8;
        assertEquals(code, ExitStatus.of(waitStatus));
        assertEquals(0, ExitStatus.signalOf(waitStatus));
    }

    @Test
    void aProcessKilledBySignalNIs128PlusN() {
        for (int signal = 1; signal < 0x7f; signal++) {
            assertEquals(128 + signal, ExitStatus.of(signal), "signal " + signal);
            assertEquals(signal, ExitStatus.signalOf(signal));
        }
    }

    @Test
    void aCoreDumpDoesNotChangeTheSignal() {
        int sigsegvWithCore = 11 | 0x80;
        assertEquals(11, ExitStatus.signalOf(sigsegvWithCore));
        assertEquals(139, ExitStatus.of(sigsegvWithCore));
    }
}
