package io.toothcomb.watch;

import io.toothcomb.config.ConfigException;
import io.toothcomb.config.RunOptions;
import io.toothcomb.config.Settings;
import io.toothcomb.control.ControlSequence;
import io.toothcomb.history.HistoryException;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.rules.engine.RuleEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Watch a folder and scrub every 837D file dropped into it, like 'scrub' does, then move it "
                + "to the archive (or, when it cannot be read at all, to the error folder with its 999).",
                "Deliver files by writing a hidden or .tmp name and renaming it into the folder: such a file is "
                        + "taken at once; a file written in place is taken once it has not changed for --settle-ms.",
                "An interchange (ISA06 sender + ISA13 control number) received a second time is not scrubbed again: "
                        + "it is answered with NAME.ta1 (TA1 rejection, code 025 duplicate) and archived.",
                "A file is claimed before it is scrubbed: renamed into processing/<id>/ beside the inbox, so several "
                        + "watchers (each with its own --id) can share one inbox and none scrubs a file another took.",
                "Stop with Ctrl-C or SIGTERM: the files being scrubbed stop at their next claim (within 10 s), their "
                        + "unfinished outputs are removed, and they go back to the inbox to be taken again.",
                "Exit codes: 2 cannot start (a folder not usable, the history held by another process, bad option); "
                        + "143 after SIGTERM, 130 after Ctrl-C (a clean stop)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "2:cannot start: a folder is not usable, another watcher holds the history or the id, bad option",
            "130:stopped by Ctrl-C (SIGINT), cleanly",
            "143:stopped by SIGTERM, cleanly"})
public final class WatchCommand implements Callable<Integer> {
    private static final int USAGE = 2;
    private static final int FAILED = 4;

    @Mixin
    RunOptions run;

    @Parameters(index = "0", paramLabel = "<inbox>", description = "folder to watch (created)")
    Path inbox;

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

    @Option(names = "--id", paramLabel = "<name>", description = "this watcher's name among the watchers of one "
            + "inbox: its claimed files are in processing/<id>/ (default: the host name)")
    String id;

    @Option(names = "--processing", paramLabel = "<folder>",
            description = "where watchers keep the files they claimed (default: processing/ beside the inbox)")
    Path processing;


    @Override
    public Integer call() {
        Path out = run.out();
        boolean fix = run.fix();
        Map<String, String> env = System.getenv();
        Settings settings;
        try {
            // the watcher says what became of each file at info (never PHI)
            settings = run.apply(env, history, "info");
        } catch (ConfigException e) {
            System.err.println("toothcomb: " + e.getMessage());
            return USAGE;
        }
        Path in = inbox.toAbsolutePath().normalize();
        Path beside = in.getParent() == null ? in : in.getParent();
        String hist = noHistory ? null : settings.history() != null ? settings.history()
                : beside.resolve("data").toString();
        ControlSequence controls;
        try {
            controls = settings.controls(hist != null, env);
        } catch (ConfigException e) {
            System.err.println("toothcomb: " + e.getMessage());
            return USAGE;
        }
        WatchConfig config;
        try {
            config = new WatchConfig(in, out, archive != null ? archive : beside.resolve("archive"),
                    error != null ? error : beside.resolve("error"), settleMs,
                    threads != null ? threads : Runtime.getRuntime().availableProcessors(), hist,
                    processing != null ? processing : beside.resolve("processing"),
                    id != null ? id : WatchConfig.defaultId());
        } catch (IllegalArgumentException e) {
            System.err.println("toothcomb: " + e.getMessage());
            return USAGE;
        }
        if (Files.exists(in) && !Files.isDirectory(in)) {
            System.err.println("toothcomb: the inbox " + in + " is a file, not a folder: give the folder to watch");
            return USAGE;
        }
        RuleEngine engine;
        try {
            engine = run.engine(settings);
        } catch (ConfigException e) {
            System.err.println("toothcomb: " + e.getMessage());
            return USAGE;
        }
        Watcher watcher;
        try {
            watcher = new Watcher(config, engine, ScrubOptions.defaults()
                    .withOutputs(io.toothcomb.result.Output.watcher()).withFix(fix)
                    .withOurs(settings.ours()).withControls(controls));
        } catch (HistoryException e) {
            System.err.println("toothcomb: cannot start watching: " + (e.heldElsewhere() ? "another watcher (or a "
                    + "'scrub --history') holds the claim history in " + hist + "; the embedded database serves one "
                    + "process at a time: stop the other one, give this one its own --history folder, or let both "
                    + "share a PostgreSQL history (--history jdbc:postgresql://...)" : e.getMessage()));
            return USAGE;
        }
        try {
            watcher.start();
        } catch (IOException e) {
            watcher.stop();
            System.err.println("toothcomb: cannot start watching: " + (e instanceof io.toothcomb.writers.Folders.Unusable
                    ? e.getMessage() : io.toothcomb.writers.Folders.words(e, config.out())));
            return USAGE;
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
        picocli.CommandLine cl = new picocli.CommandLine(new WatchCommand());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("toothcomb: " + ex.getMessage());
            return USAGE;
        });
        System.exit(cl.execute(args));
    }
}
