package io.toothcomb.cli;

import io.toothcomb.rules.RuleEngine;
import io.toothcomb.rules.RulePack;
import io.toothcomb.scrub.Output;
import io.toothcomb.scrub.ScrubOptions;
import io.toothcomb.scrub.ScrubSummary;
import io.toothcomb.scrub.Scrubber;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "scrub", mixinStandardHelpOptions = true,
        description = "Scrub 837D files (or every file in the given folders) and write, for each input NAME, "
                + "NAME.999, NAME.277, NAME.findings.json, NAME.annotated.xml and NAME.annotated.txt into --out.")
final class ScrubCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "<file-or-folder>", description = "837D files, or folders of them")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "<folder>", description = "where the outputs go (created)")
    Path out;

    @Option(names = "--packs", paramLabel = "<folder>",
            description = "extra rule packs (*.pack) to load besides the bundled default, medicaid and commercial")
    Path packs;

    @Option(names = "--codes", paramLabel = "<file>",
            description = "code set rows (format v2, as cdt-codes.tsv) that add codes or replace the bundled rows of "
                    + "the codes they list; repeatable; *.codes and *.tsv files in --packs are read too")
    java.util.List<Path> codes = new java.util.ArrayList<>();

    @Option(names = "--outputs", split = ",", paramLabel = "<kind>",
            description = "which outputs to write: 999, 277, json, xml, txt, and xml-elements (the annotated XML "
                    + "with every X12 element as an XML element, NAME.elements.xml, about six times the input) "
                    + "(default: all but xml-elements)")
    List<String> outputs;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    boolean quiet;

    @Option(names = "--history", paramLabel = "<folder-or-jdbc-url>",
            description = "claim history (as 'watch' keeps it): history rules see earlier accepted claims, and this "
                    + "run's accepted claims are recorded")
    String history;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        RuleEngine engine;
        try {
            engine = RuleEngine.load(packs, codes);
        } catch (RulePack.PackException e) {
            err.println("toothcomb: rule pack or code set error: " + e.getMessage());
            return Main.USAGE;
        } catch (IOException e) {
            err.println("toothcomb: cannot read rule packs or code files: " + e.getMessage());
            return Main.USAGE;
        }
        EnumSet<Output> kinds;
        try {
            kinds = parseOutputs(outputs);
        } catch (IllegalArgumentException e) {
            err.println("toothcomb: " + e.getMessage());
            return Main.USAGE;
        }
        List<Path> files;
        try {
            files = expand(inputs);
        } catch (IllegalArgumentException | IOException e) {
            err.println("toothcomb: " + e.getMessage());
            return Main.USAGE;
        }
        if (files.isEmpty()) {
            err.println("toothcomb: no input files found in " + inputs);
            return Main.USAGE;
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            err.println("toothcomb: cannot create output folder " + out + ": " + e.getMessage());
            return Main.USAGE;
        }
        Map<String, Path> names = new LinkedHashMap<>();
        for (Path f : files) {
            Path prev = names.put(Output.baseName(f.getFileName().toString()), f);
            if (prev != null) {
                err.println("toothcomb: " + prev + " and " + f + " would write the same outputs in " + out
                        + "; scrub them into different folders");
                return Main.USAGE;
            }
        }
        Scrubber scrubber = new Scrubber(engine, ScrubOptions.defaults().withOutputs(kinds));
        io.toothcomb.history.HistoryScrub hist;
        try {
            hist = history == null ? null : io.toothcomb.history.HistoryScrub.open(history, engine);
        } catch (io.toothcomb.history.HistoryException e) {
            err.println("toothcomb: " + e.getMessage());
            return Main.FAILED;
        }
        int exit = Main.OK;
        long totalBytes = 0;
        int totalClaims = 0;
        long t0 = System.nanoTime();
        for (Path f : files) {
            long size = sizeOf(f);
            Progress progress = quiet || size < 20L << 20 ? null : Progress.start(scrubber, f, size, err);
            try {
                ScrubSummary s = hist == null ? scrubber.scrub(f, out) : hist.scrub(scrubber, f, out);
                totalBytes += s.bytes();
                totalClaims += s.claims();
                System.out.println(line(s));
                if (s.envelopeRejected()) {
                    exit = Math.max(exit, Main.ENVELOPE_REJECTED);
                } else if (s.rejected() > 0) {
                    exit = Math.max(exit, Main.CLAIMS_REJECTED);
                }
            } catch (IOException | RuntimeException e) {
                err.println("toothcomb: " + f + ": cannot be scrubbed: " + describe(e) + " (no outputs were written)");
                exit = Main.FAILED;
            } finally {
                if (progress != null) {
                    progress.stop();
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
        return exit;
    }

    static String line(ScrubSummary s) {
        return String.format(Locale.ROOT, "%s: %d claims, %d accepted, %d rejected (%d errors, %d warnings); %s; "
                        + "%.1f MB in %.2f s", s.file(), s.claims(), s.accepted(), s.rejected(), s.errors(),
                s.warnings(), s.envelopeRejected() ? "999 REJECTS (see .999)" : "999 accepts", s.bytes() / 1e6,
                s.seconds());
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
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
            set.add(switch (n.trim().toLowerCase(Locale.ROOT)) {
                case "999" -> Output.ACK_999;
                case "277", "277ca" -> Output.ACK_277;
                case "json" -> Output.FINDINGS_JSON;
                case "xml" -> Output.ANNOTATED_XML;
                case "xml-elements" -> Output.ANNOTATED_XML_ELEMENTS;
                case "txt", "listing" -> Output.LISTING;
                default -> throw new IllegalArgumentException("unknown output '" + n
                        + "' (use 999, 277, json, xml, txt, xml-elements)");
            });
        }
        return set;
    }

    /** Files as given, and the regular non-hidden files of folders (not recursive), sorted by name. */
    static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(Files::isRegularFile)
                            .filter(x -> !x.getFileName().toString().startsWith("."))
                            .filter(x -> !x.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md"))
                            .sorted()
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new IllegalArgumentException(p + ": no such file or folder");
            }
        }
        return files;
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
