package io.toothcomb.watch;

import io.toothcomb.history.HistoryException;
import io.toothcomb.rules.RuleEngine;
import io.toothcomb.rules.RulePack;
import io.toothcomb.scrub.ScrubOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Watch a folder and scrub every 837D file dropped into it, like 'scrub' does, then move it "
                + "to the archive (or, when it cannot be read at all, to the error folder with its 999).",
                "Deliver files by writing a hidden or .tmp name and renaming it into the folder: such a file is "
                        + "taken at once; a file written in place is taken once it has not changed for --settle-ms.",
                "An interchange (ISA06 sender + ISA13 control number) received a second time is not scrubbed again: "
                        + "it is answered with NAME.ta1 (TA1 rejection, code 025 duplicate) and archived.",
                "Stop with Ctrl-C or SIGTERM: the files being scrubbed are finished first."})
public final class WatchCommand implements Callable<Integer> {
    private static final int USAGE = 2;
    private static final int FAILED = 4;
    // kept so their levels are not lost to garbage collection
    private static final Logger WATCH_LOG = Logger.getLogger("io.toothcomb.watch");
    private static final Logger HISTORY_LOG = Logger.getLogger("io.toothcomb.history");

    @Parameters(index = "0", paramLabel = "<inbox>", description = "folder to watch (created)")
    Path inbox;

    @Option(names = "--out", required = true, paramLabel = "<folder>", description = "where the outputs go (created)")
    Path out;

    @Option(names = "--archive", paramLabel = "<folder>", description = "where scrubbed files go (default: archive/ beside the inbox)")
    Path archive;

    @Option(names = "--error", paramLabel = "<folder>",
            description = "where unreadable files go, with their 999 (default: error/ beside the inbox)")
    Path error;

    @Option(names = "--settle-ms", paramLabel = "<ms>", defaultValue = "2000",
            description = "a file written in place is taken when unchanged this long (default: ${DEFAULT-VALUE})")
    long settleMs;

    @Option(names = "--threads", paramLabel = "<n>", description = "files scrubbed at once (default: the number of cores)")
    Integer threads;

    @Option(names = "--history", paramLabel = "<folder-or-jdbc-url>",
            description = "claim history: a folder for the embedded database (default: data/ beside the inbox) or a "
                    + "JDBC URL such as jdbc:postgresql://host/db?user=u&password=p")
    String history;

    @Option(names = "--no-history", description = "keep no claim history (no duplicate detection, history rules "
            + "compare each claim with itself only)")
    boolean noHistory;

    @Option(names = "--packs", paramLabel = "<folder>", description = "extra rule packs (*.pack)")
    Path packs;

    @Option(names = "--codes", paramLabel = "<file>",
            description = "code set rows (format v2, as cdt-codes.tsv) that add codes or replace the bundled rows of "
                    + "the codes they list; repeatable; *.codes and *.tsv files in --packs are read too")
    java.util.List<Path> codes = new java.util.ArrayList<>();

    @Override
    public Integer call() {
        showInfo();
        Path in = inbox.toAbsolutePath().normalize();
        Path beside = in.getParent() == null ? in : in.getParent();
        String hist = noHistory ? null : history != null ? history : beside.resolve("data").toString();
        WatchConfig config;
        try {
            config = new WatchConfig(in, out, archive != null ? archive : beside.resolve("archive"),
                    error != null ? error : beside.resolve("error"), settleMs,
                    threads != null ? threads : Runtime.getRuntime().availableProcessors(), hist);
        } catch (IllegalArgumentException e) {
            System.err.println("toothcomb: " + e.getMessage());
            return USAGE;
        }
        if (Files.exists(in) && !Files.isDirectory(in)) {
            System.err.println("toothcomb: " + in + " is not a folder");
            return USAGE;
        }
        RuleEngine engine;
        try {
            engine = RuleEngine.load(packs, codes);
        } catch (RulePack.PackException e) {
            System.err.println("toothcomb: rule pack or code set error: " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            System.err.println("toothcomb: cannot read rule packs or code files: " + e.getMessage());
            return USAGE;
        }
        Watcher watcher;
        try {
            watcher = new Watcher(config, engine, ScrubOptions.defaults());
            watcher.start();
        } catch (HistoryException | IOException e) {
            System.err.println("toothcomb: cannot start watching: " + e.getMessage());
            return FAILED;
        }
        Thread hook = new Thread(watcher::stop, "toothcomb-watch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            watcher.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            watcher.stop();
        }
        return 0;
    }

    /**
     * Runs {@code watch} on its own, for when the command is not (yet) registered in {@code io.toothcomb.cli.Main}:
     * {@code java -cp ... io.toothcomb.watch.WatchCommand <inbox> --out <folder>}.
     */
    public static void main(String[] args) {
        java.util.logging.LogManager.getLogManager().reset();
        System.setProperty("java.util.logging.SimpleFormatter.format", "toothcomb: %4$s: %5$s%n");
        java.util.logging.ConsoleHandler h = new java.util.logging.ConsoleHandler();
        h.setFormatter(new java.util.logging.SimpleFormatter());
        Logger.getLogger("").addHandler(h);
        Logger.getLogger("").setLevel(Level.WARNING);
        picocli.CommandLine cl = new picocli.CommandLine(new WatchCommand());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("toothcomb: " + ex.getMessage());
            return USAGE;
        });
        System.exit(cl.execute(args));
    }

    /** INFO from the watcher and the history reaches stderr; everything else stays at the CLI's level. */
    private static void showInfo() {
        WATCH_LOG.setLevel(Level.INFO);
        HISTORY_LOG.setLevel(Level.INFO);
        for (Handler h : Logger.getLogger("").getHandlers()) {
            h.setLevel(Level.INFO);
        }
    }
}
