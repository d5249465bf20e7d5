package dev.catflap.cli;

import dev.catflap.CatflapException;
import dev.catflap.launch.CallerArguments;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * The entry point. It sets picocli up the way a launcher needs it (options end at the command,
 * no @file expansion of the command's arguments), with {@link ExitStatusMapper}, the one place
 * where errors become "[catflap] ..." lines and exit statuses.
 */
@QuarkusMain
public class CatflapMain implements QuarkusApplication {
    @Inject
    IFactory factory;

    @Inject
    @TopCommand // Quarkus qualifies the one @Command so
    CatflapCommand command;

    @Override
    public int run(String... args) {
        ExitStatusMapper errors = new ExitStatusMapper();
        CommandLine cli = new CommandLine(CommandModel.of(command), factory)
                .setStopAtPositional(true)
                .setExpandAtFiles(false)
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
        return outputWritten(cli.execute(CallerArguments.exact(args)));
    }

    /**
     * --help, --version and --show-config print on stdout, which swallows write errors: one that
     * failed ({@code catflap --help > /dev/full}) must not end as a success.
     */
    private static int outputWritten(int status) {
        if (System.out.checkError()) {
            int failed = ExitStatusMapper.report(CatflapException.failure("cannot write to standard output"));
            return status == 0 ? failed : status;
        }
        return status;
    }
}
