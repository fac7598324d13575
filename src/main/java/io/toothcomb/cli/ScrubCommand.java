package io.toothcomb.cli;

import io.toothcomb.config.ConfigException;
import io.toothcomb.config.RunOptions;
import io.toothcomb.config.Settings;
import io.toothcomb.control.ControlSequence;
import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.scrub.Scrubber;
import io.toothcomb.writers.AtomicOutput;
import io.toothcomb.writers.TempFiles;
import io.toothcomb.writers.Folders;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "scrub", mixinStandardHelpOptions = true,
        description = "Scrub 837D files (or every file in the given folders) and write, for each input NAME, "
                + "NAME.999, NAME.277, NAME.findings.json, NAME.annotated.xml and NAME.annotated.txt into --out "
                + "(and NAME.report.html, index.html with --outputs report or all).")
final class ScrubCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ScrubCommand.class);

    @Mixin
    RunOptions run;

    @Parameters(arity = "1..*", paramLabel = "<file-or-folder>", description = "837D files, or folders of them")
    List<Path> inputs;

    @Option(names = "--outputs", split = ",", paramLabel = "<kind>",
            description = "which outputs to write: 999, 277, json, xml, txt, xml-elements (the annotated XML "
                    + "with every X12 element as an XML element, NAME.elements.xml, about six times the input), "
                    + "report (NAME.report.html, for a browser; with a folder also index.html), "
                    + "accepted.837 and rejected.837 (the accepted or rejected claims as an 837D to forward), "
                    + "or all (default: 999, 277, json, xml, txt)")
    List<String> outputs;

    @Option(names = "--summary-json", paramLabel = "<file>",
            description = "also write the run's summary (per file and in total: claims, verdicts, findings by rule "
                    + "and severity) as JSON to this file, atomically")
    Path summaryJson;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    boolean quiet;

    @Option(names = "--history", paramLabel = "<folder-or-jdbc-url>",
            description = "claim history (as 'watch' keeps it): history rules see earlier accepted claims, and this "
                    + "run's accepted claims are recorded")
    String history;

    @Option(names = "--no-history", description = "keep no claim history, even when the configuration names one")
    boolean noHistory;

    @Override
    public Integer call() {
        Path out = run.out();
        boolean fix = run.fix();
        PrintStream err = System.err;
        Map<String, String> env = System.getenv();
        Settings settings;
        RuleEngine engine;
        try {
            settings = run.apply(env, history, "warn");
            engine = run.engine(settings);
        } catch (ConfigException e) {
            err.println("toothcomb: " + e.getMessage());
            return Main.USAGE;
        }
        String historySpec = noHistory ? null : settings.history();
        EnumSet<Output> kinds;
        try {
            kinds = parseOutputs(outputs);
        } catch (IllegalArgumentException e) {
            err.println("toothcomb: " + e.getMessage());
            return Main.USAGE;
        }
        InputScan scan;
        try {
            scan = InputScan.of(inputs);
        } catch (IllegalArgumentException | IOException e) {
            err.println("toothcomb: " + (e instanceof IOException io ? Folders.words(io, null) : e.getMessage()));
            return Main.USAGE;
        }
        List<Path> files = scan.files();
        if (!quiet && !scan.notX12().isEmpty()) {
            err.println("toothcomb: INFO: skipped " + scan.notX12().size() + " file(s) that are not X12 (no "
                    + String.join(", ", InputScan.EXTENSIONS) + " extension and no ISA at the start): "
                    + InputScan.names(scan.notX12()));
        }
        if (!quiet && !scan.outputs().isEmpty()) {
            err.println("toothcomb: INFO: skipped " + scan.outputs().size() + " toothcomb output(s): "
                    + InputScan.names(scan.outputs()));
        }
        if (files.isEmpty()) {
            err.println("toothcomb: no 837 files found in " + inputs + " (a folder's files are taken when they end in "
                    + String.join(", ", InputScan.EXTENSIONS) + " or start with ISA)");
            return Main.USAGE;
        }
        try {
            Folders.requireWritable(out, "the output folder (--out)");
        } catch (Folders.Unusable e) {
            err.println("toothcomb: " + e.getMessage());
            return Main.USAGE;
        }
        try {
            List<String> stale = TempFiles.removeStale(out);
            if (!stale.isEmpty() && !quiet) {
                err.println("toothcomb: INFO: removed " + stale.size() + " unfinished temporary file(s) that a "
                        + "stopped run left in " + out);
            }
        } catch (IOException e) {
            err.println("toothcomb: WARNING: cannot clean up temporary files in " + out + ": "
                    + Folders.words(e, out));
        }
        Map<String, Path> names = new LinkedHashMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            Path prev = names.put(Output.baseName(name), f);
            if (prev != null) {
                err.println("toothcomb: " + prev + " and " + f + " would write the same outputs in " + out
                        + "; scrub them into different folders");
                return Main.USAGE;
            }
            for (Output o : kinds) {
                if (!Folders.fits(o.fileName(name))) {
                    err.println("toothcomb: " + f + ": the name is too long for its outputs (" + o.fileName(name)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8).length + " bytes for its " + o.suffix()
                            + "; file systems allow " + TempFiles.NAME_MAX + "): give it a shorter name");
                    return Main.USAGE;
                }
            }
        }
        ControlSequence controls;
        try {
            controls = settings.controls(historySpec != null, env);
        } catch (ConfigException e) {
            err.println("toothcomb: " + e.getMessage());
            return Main.USAGE;
        }
        io.toothcomb.history.HistoryScrub hist;
        try {
            hist = historySpec == null ? null : io.toothcomb.history.HistoryScrub.open(historySpec, engine);
        } catch (io.toothcomb.history.HistoryException e) {
            err.println("toothcomb: " + (e.heldElsewhere() ? "the claim history " + history + " is held by another "
                    + "process (a watcher or another scrub --history): the embedded database allows one at a time; "
                    + "wait for it, stop it, or share a PostgreSQL history (--history jdbc:postgresql://...)"
                    : e.getMessage()));
            return Main.USAGE;
        }
        ScrubOptions options = ScrubOptions.defaults().withOutputs(kinds).withFix(fix).withOurs(settings.ours())
                .withControls(controls);
        Scrubber scrubber = new Scrubber(engine, hist == null ? options : hist.numbered(options));
        int exit = Main.OK;
        List<ScrubSummary> done = new ArrayList<>();
        long totalBytes = 0;
        int totalClaims = 0;
        long t0 = System.nanoTime();
        Interruption stop = new Interruption(files, err);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        try {
            for (Path f : files) {
                if (stop.signalled) {
                    break;
                }
                stop.current = f;
                long size = sizeOf(f);
                Progress progress = quiet || size < 20L << 20 ? null : Progress.start(scrubber, f, size, err);
                try {
                    ScrubSummary s = hist == null ? scrubber.scrub(f, out) : hist.scrub(scrubber, f, out);
                    totalBytes += s.bytes();
                    totalClaims += s.claims();
                    done.add(s);
                    stop.finished.add(f);
                    System.out.println(line(s) + forwarded(s, kinds));
                    LOG.info("{}", line(s));
                    if (s.envelopeRejected()) {
                        exit = Math.max(exit, Main.ENVELOPE_REJECTED);
                    } else if (s.rejected() > 0) {
                        exit = Math.max(exit, Main.CLAIMS_REJECTED);
                    }
                } catch (io.toothcomb.history.HistoryException e) {
                    if (stop.signalled) {
                        break;
                    }
                    err.println("toothcomb: " + f + ": the claim history failed: " + e.getMessage() + " (the file "
                            + "is not at fault; scrub it again once the history works)");
                    LOG.warn("{}: the claim history failed: {}", f, e.getMessage());
                    exit = Main.FAILED;
                } catch (IOException | RuntimeException e) {
                    if (stop.signalled) {
                        break;
                    }
                    err.println("toothcomb: " + f + ": cannot be scrubbed: " + describe(e, out)
                            + " (no outputs were written for it)");
                    LOG.warn("{}: cannot be scrubbed: {} (no outputs were written for it)", f, describe(e, out));
                    exit = Main.FAILED;
                } finally {
                    stop.current = null;
                    if (progress != null) {
                        progress.stop();
                    }
                }
            }
        } finally {
            if (!stop.signalled) {
                try {
                    Runtime.getRuntime().removeShutdownHook(stop.hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it reports
                }
            }
        }
        if (hist != null) {
            hist.close();
        }
        if (files.size() > 1) {
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "total: %d files, %d claims, %.1f MB in %.2f s%n", files.size(), totalClaims,
                    totalBytes / 1e6, secs);
        }
        System.out.print(RunSummary.byRule(done));
        if (kinds.contains(Output.REPORT_HTML) && inputs.stream().anyMatch(Files::isDirectory) && !done.isEmpty()) {
            try {
                RunSummary.writeIndex(out.resolve("index.html"), done);
            } catch (IOException e) {
                err.println("toothcomb: cannot write " + out.resolve("index.html") + ": " + e.getMessage());
                exit = Math.max(exit, Main.FAILED);
            }
        }
        if (summaryJson != null) {
            try {
                RunSummary.writeJson(summaryJson, done, files.size());
            } catch (IOException e) {
                err.println("toothcomb: cannot write " + summaryJson + ": " + e.getMessage());
                exit = Math.max(exit, Main.FAILED);
            }
        }
        return exit;
    }

    /**
     * Ctrl-C (SIGINT) or SIGTERM while scrubbing: the shutdown hook throws away the outputs not yet in place
     * (their temporary files deleted; a set of outputs being moved into place is let finish) and says which files
     * were finished. The JVM then exits with 130 (SIGINT) or 143 (SIGTERM).
     */
    static final class Interruption {
        final List<Path> files;
        final List<Path> finished = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile Path current;
        volatile boolean signalled;
        final Thread hook;

        Interruption(List<Path> files, PrintStream err) {
            this.files = files;
            this.hook = new Thread(() -> {
                signalled = true;
                Path was = current;
                List<Path> thrown = AtomicOutput.abortAllOpen();
                int done = finished.size();
                StringBuilder m = new StringBuilder("toothcomb: stopped by a signal: " + done + " of " + files.size()
                        + " file(s) finished, their outputs complete");
                if (done > 0 && done <= 10) {
                    m.append(" (").append(String.join(", ", finished.stream()
                            .map(p -> p.getFileName().toString()).toList())).append(')');
                }
                if (was != null && !finished.contains(was)) {
                    m.append("; ").append(was.getFileName()).append(" was being scrubbed: its ").append(thrown.size())
                            .append(" unfinished output(s) were removed");
                }
                int left = files.size() - done - (was != null && !finished.contains(was) ? 1 : 0);
                if (left > 0) {
                    m.append("; ").append(left).append(" not started");
                }
                if (done < files.size()) {
                    m.append(". Run the same command again for the rest");
                }
                err.println(m);
                err.flush();
            }, "toothcomb-interrupted");
        }
    }

    static String line(ScrubSummary s) {
        return String.format(Locale.ROOT, "%s: %d claims, %d accepted, %d rejected (%d errors, %d warnings, %d infos); "
                        + "%s; %.1f MB in %.2f s", s.file(), s.claims(), s.accepted(), s.rejected(), s.errors(),
                s.warnings(), s.infos(), s.envelopeRejected() ? "999 REJECTS (see .999)" : "999 accepts", s.bytes() / 1e6,
                s.seconds());
    }

    /** What went into the accepted and rejected 837s, when they are asked for ("" otherwise). */
    static String forwarded(ScrubSummary s, java.util.Set<Output> kinds) {
        StringBuilder b = new StringBuilder();
        forwarded(b, s.file(), Output.ACCEPTED_837, kinds, s.accepted(), "accepted claim");
        forwarded(b, s.file(), Output.REJECTED_837, kinds, s.forwardedRejected(),
                s.notTaken() > 0 ? "rejected claim in a set the 999 takes" : "rejected claim");
        if (b.length() > 0 && kinds.contains(Output.REJECTED_837) && s.notTaken() > 0) {
            b.append("; ").append(s.notTaken()).append(s.notTaken() == 1 ? " claim" : " claims")
                    .append(" in sets the 999 rejects are in neither 837");
        }
        return b.toString();
    }

    private static void forwarded(StringBuilder b, String file, Output o, java.util.Set<Output> kinds, int n,
                                  String what) {
        if (!kinds.contains(o)) {
            return;
        }
        b.append("; ").append(n == 0 ? "no " + o.fileName(file) + " (no " + what + ")"
                : o.fileName(file) + ": " + n + (n == 1 ? " claim" : " claims"));
    }

    private static String describe(Exception e, Path out) {
        if (e instanceof IOException io) {
            return Folders.words(io, out);
        }
        String m = e.getMessage();
        return "internal error " + e.getClass().getSimpleName() + (m == null ? "" : ": " + m)
                + "; please report it with the file";
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }

    static EnumSet<Output> parseOutputs(List<String> names) {
        if (names == null || names.isEmpty()) {
            return Output.defaults();
        }
        EnumSet<Output> set = EnumSet.noneOf(Output.class);
        for (String n : names) {
            if (n.trim().equalsIgnoreCase("all")) {
                set.addAll(Output.all());
                continue;
            }
            set.add(switch (n.trim().toLowerCase(Locale.ROOT)) {
                case "999" -> Output.ACK_999;
                case "277", "277ca" -> Output.ACK_277;
                case "json" -> Output.FINDINGS_JSON;
                case "xml" -> Output.ANNOTATED_XML;
                case "xml-elements" -> Output.ANNOTATED_XML_ELEMENTS;
                case "txt", "listing" -> Output.LISTING;
                case "report", "html" -> Output.REPORT_HTML;
                case "accepted.837", "accepted" -> Output.ACCEPTED_837;
                case "rejected.837", "rejected" -> Output.REJECTED_837;
                default -> throw new IllegalArgumentException("unknown output '" + n
                        + "' (use 999, 277, json, xml, txt, xml-elements, report, accepted.837, rejected.837, all)");
            });
        }
        return set;
    }

    /** Prints where a large file is every two seconds on stderr. */
    static final class Progress {
        private final Thread thread;

        private Progress(Thread t) {
            this.thread = t;
        }

        static Progress start(Scrubber s, Path f, long size, PrintStream err) {
            Thread t = new Thread(() -> {
                long start = System.nanoTime();
                try {
                    while (true) {
                        Thread.sleep(2000);
                        long b = s.progressBytes();
                        if (b < 0) {
                            continue;
                        }
                        double secs = (System.nanoTime() - start) / 1e9;
                        err.printf(Locale.ROOT, "%s: scrubbing %d%% of %.0f MB (%.0f s)%n", f.getFileName(),
                                size == 0 ? 0 : b * 100 / size, size / 1e6, secs);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "toothcomb-progress");
            t.setDaemon(true);
            t.start();
            return new Progress(t);
        }

        void stop() {
            thread.interrupt();
        }
    }
}
