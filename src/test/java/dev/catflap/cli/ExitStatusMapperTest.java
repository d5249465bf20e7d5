package dev.catflap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.CatflapException;
import dev.catflap.ExitStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Each kind of error, its lines on stderr and its exit status; and the help's list of statuses. */
class ExitStatusMapperTest {
    private final CommandLine catflap = new CommandLine(CatflapCommand.class, new DescriptionFactory());

    @Test
    void aBadValueSaysItsMessageAndExits2() {
        CatflapException e = CatflapException.usage("-p/--port eighty: not a port number (0-65535)");
        assertEquals(List.of("-p/--port eighty: not a port number (0-65535)"), ExitStatusMapper.lines(e));
        assertEquals(ExitStatus.USAGE, ExitStatusMapper.status(e));
    }

    @Test
    void aWrongCommandLineIsFollowedByTheUsageLine() {
        CatflapException e = CatflapException.commandLine("no command given");
        assertEquals(List.of("no command given", Console.USAGE_HINT), ExitStatusMapper.lines(e));
        assertEquals(ExitStatus.USAGE, ExitStatusMapper.status(e));
    }

    @Test
    void picocliErrorsAreUsageErrorsWithTheUsageLine() {
        ParameterException e = new ParameterException(catflap, "Unknown option: '--bogus'");
        assertEquals(List.of("Unknown option: '--bogus'", Console.USAGE_HINT), ExitStatusMapper.lines(e));
        assertEquals(ExitStatus.USAGE, ExitStatusMapper.status(e));
    }

    @Test
    void aFailureExits1() {
        CatflapException e = CatflapException.failure("cannot listen on 127.0.0.1:5000: address already in use");
        assertEquals(List.of("cannot listen on 127.0.0.1:5000: address already in use"), ExitStatusMapper.lines(e));
        assertEquals(ExitStatus.FAILURE, ExitStatusMapper.status(e));
    }

    @Test
    void aCommandThatCannotStartExitsAsShellsDo() {
        assertEquals(ExitStatus.NOT_FOUND, ExitStatusMapper.status(new CatflapException(ExitStatus.NOT_FOUND, "x: command not found")));
        assertEquals(ExitStatus.NOT_EXECUTABLE,
                ExitStatusMapper.status(new CatflapException(ExitStatus.NOT_EXECUTABLE, "./x: permission denied")));
        assertEquals(List.of("./x: permission denied"),
                ExitStatusMapper.lines(new CatflapException(ExitStatus.NOT_EXECUTABLE, "./x: permission denied")));
    }

    @Test
    void anythingElseIsAnInternalErrorWithItsOwnStatus() {
        IllegalStateException e = new IllegalStateException("broken");
        assertEquals(List.of("internal error: java.lang.IllegalStateException: broken"), ExitStatusMapper.lines(e));
        assertEquals(ExitStatus.INTERNAL_ERROR, ExitStatusMapper.status(e));
        assertEquals(70, ExitStatusMapper.status(e).code());
        StackOverflowError error = new StackOverflowError();
        assertEquals(List.of("internal error: java.lang.StackOverflowError"), ExitStatusMapper.lines(error));
        assertEquals(ExitStatus.INTERNAL_ERROR, ExitStatusMapper.status(error));
    }

    /** No status but the internal error's is that of a failure catflap did not expect. */
    @Test
    void theInternalErrorsStatusIsNoOtherStatus() {
        for (ExitStatus status : ExitStatus.values()) {
            if (status != ExitStatus.INTERNAL_ERROR) {
                assertNotEquals(ExitStatus.INTERNAL_ERROR.code(), status.code(), status.toString());
            }
        }
        for (int signal = 1; signal <= 64; signal++) {
            assertNotEquals(ExitStatus.INTERNAL_ERROR.code(), ExitStatus.afterSignal(signal));
        }
    }

    /** The trace as Java prints it, causes included, its tabs as spaces (a line would escape a tab as \t). */
    @Test
    void anInternalErrorsTraceHasItsCauses() {
        IllegalStateException e = new IllegalStateException("broken", new java.io.IOException("disk"));
        List<String> trace = ExitStatusMapper.trace(e);
        assertEquals("java.lang.IllegalStateException: broken", trace.get(0));
        assertTrue(trace.get(1).startsWith("    at dev.catflap.cli.ExitStatusMapperTest."), trace.get(1));
        assertTrue(trace.stream().anyMatch(line -> line.equals("Caused by: java.io.IOException: disk")), trace.toString());
        assertTrue(trace.stream().noneMatch(line -> line.contains("\t")), trace.toString());
    }

    @Test
    void everyStatusIsInTheHelpWithItsMeaning() {
        Map<String, String> listed = catflap.getCommandSpec().usageMessage().exitCodeList();
        assertEquals(ExitStatus.values().length, listed.size());
        String help = catflap.getUsageMessage(CommandLine.Help.Ansi.OFF);
        for (ExitStatus status : ExitStatus.values()) {
            assertEquals(status.meaning(), listed.get(Integer.toString(status.code())), status.toString());
            String line = String.format("  %-6s%s%n", status.code(), status.meaning());
            assertTrue(help.contains("Exit status before the command runs:" + System.lineSeparator())
                    && help.contains(line), line + " not in:\n" + help);
        }
    }
}
