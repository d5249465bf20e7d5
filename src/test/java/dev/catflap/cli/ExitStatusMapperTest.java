package dev.catflap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void anythingElseIsAnInternalErrorThatExits1() {
        IllegalStateException e = new IllegalStateException("broken");
        assertEquals(List.of("internal error: java.lang.IllegalStateException: broken"), ExitStatusMapper.lines(e));
        assertEquals(ExitStatus.FAILURE, ExitStatusMapper.status(e));
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
