package io.toothcomb.cli;

import io.toothcomb.config.ConfigException;
import io.toothcomb.config.Logs;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code toothcomb} command. Exit codes (also in the README): 0 every claim accepted, 1 some claims
 * rejected by the rules, 2 usage error, 3 some file rejected at envelope or syntax level (see its .999),
 * 4 a file could not be processed at all (I/O failure).
 */
@Command(name = "toothcomb", mixinStandardHelpOptions = true, version = "toothcomb " + io.toothcomb.writers.Version.NUMBER,
        description = "Scrubs X12 837D dental claim files (005010X224A2) and writes 999, 277CA, findings and "
                + "annotated listings.",
        subcommands = {ScrubCommand.class, io.toothcomb.watch.WatchCommand.class, io.toothcomb.watch.StatusCommand.class, RulesCommand.class, CodesCommand.class, io.toothcomb.generate.GenerateCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every file read and every claim accepted",
            "1:some claims rejected by the rules (see NAME.277 / NAME.findings.json)",
            "2:usage error (bad option, missing input, broken rule pack)",
            "3:some file rejected at envelope or syntax level (see NAME.999)",
            "4:some file could not be processed at all (I/O failure)"})
public final class Main {
    public static final int OK = 0;
    public static final int CLAIMS_REJECTED = 1;
    public static final int USAGE = 2;
    public static final int ENVELOPE_REJECTED = 3;
    public static final int FAILED = 4;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        configureLogging();
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("toothcomb: " + ex.getMessage());
            return USAGE;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("toothcomb: " + ex.getMessage());
            c.getErr().println("Try 'toothcomb " + (c.getCommandName().equals("toothcomb") ? "" : c.getCommandName() + " ")
                    + "--help'.");
            return USAGE;
        });
        if (args.length == 0) {
            cl.usage(System.err);
            return USAGE;
        }
        return cl.execute(args);
    }

    /**
     * Warnings and worse to stderr, one line each, until a command reads its configuration ({@code --log-file},
     * {@code --log-level}, {@code --log-format}); nothing at INFO ever carries PHI.
     */
    static void configureLogging() {
        try {
            Logs.configure(Logs.DEFAULT);
        } catch (ConfigException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
