package io.toothcomb.history;

import io.toothcomb.loader.FileAck;
import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubListener;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.scrub.Scrubber;
import io.toothcomb.writers.AtomicOutput;
import io.toothcomb.writers.WriterFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Scrubs a file into its usual outputs with extra listeners alongside the writers (the history recorder, the
 * watcher's duplicate check), and records accepted claims once the outputs are in place. Used by
 * {@code scrub --history} and by the watcher, so both give the same answers.
 */
public final class HistoryScrub implements AutoCloseable {
    private final HistoryStore store;
    private final HistorySession session;

    /** What became of a file: its summary and the envelope verdict. */
    public record Outcome(ScrubSummary summary, FileAck syntax) {
        /** Not X12 at all, or no functional group could be read: the file belongs in error/. */
        public boolean unreadable() {
            return syntax.groups().isEmpty();
        }
    }

    /** Called after the scrub and before any output is committed; throwing keeps every output back. */
    public interface BeforeCommit {
        void check() throws IOException;
    }

    private HistoryScrub(HistoryStore store, RuleEngine engine) {
        this.store = store;
        this.session = HistorySession.forRules(store, engine);
        engine.history(session);
    }

    /** Opens the history named by {@code spec} (folder or JDBC URL) and lets {@code engine}'s rules see it. */
    public static HistoryScrub open(String spec, RuleEngine engine) {
        return new HistoryScrub(HistoryStore.open(spec), engine);
    }

    /** {@code options} numbering our answers from this history when they are meant to follow it. */
    public ScrubOptions numbered(ScrubOptions options) {
        return options.withControls(options.controls().withHistory(store.controlSequence()));
    }

    /** Scrubs {@code input} into {@code outDir} and records its accepted claims. */
    public ScrubSummary scrub(Scrubber scrubber, Path input, Path outDir) throws IOException {
        session.reset();
        try {
            Outcome o = run(scrubber, input, outDir, List.of(session), () -> { });
            if (!o.syntax().rejectedAtEnvelope() || session.acceptedCount() > 0) {
                session.commit(input.getFileName().toString(), identity(input));
            }
            return o.summary();
        } finally {
            session.reset(); // a failed scrub: what its batches wrote is rolled back
        }
    }

    /**
     * Scrubs {@code input} with the writers for the scrubber's outputs plus {@code extra} listeners; outputs
     * are committed (each atomically) only when the scrub ran through and {@code beforeCommit} agrees.
     */
    public static Outcome run(Scrubber scrubber, Path input, Path outDir, List<ScrubListener> extra,
                              BeforeCommit beforeCommit) throws IOException {
        String name = input.getFileName().toString();
        List<AtomicOutput> files = new ArrayList<>();
        List<ScrubListener> writers = new ArrayList<>();
        boolean ok = false;
        try {
            for (Output o : scrubber.options().outputs()) {
                AtomicOutput f = new AtomicOutput(outDir.resolve(o.fileName(name)));
                files.add(f);
                writers.add(WriterFactory.create(o, f, scrubber.options()));
            }
            FileAck[] syntax = new FileAck[1];
            List<ScrubListener> all = new ArrayList<>(writers);
            all.addAll(extra);
            all.add(new ScrubListener() {
                @Override
                public void end(FileAck ack, ScrubSummary summary) {
                    syntax[0] = ack;
                }
            });
            ScrubSummary summary = scrubber.scrub(input, all);
            beforeCommit.check();
            WriterFactory.commit(files, writers);
            ok = true;
            return new Outcome(summary, syntax[0]);
        } finally {
            if (!ok) {
                files.forEach(AtomicOutput::abort);
            }
        }
    }

    /** Name, size, modification time and file key: the same file after a restart, not a copy of it. */
    public static String identity(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return file.getFileName() + "|" + a.size() + "|" + a.lastModifiedTime().toMillis() + "|" + a.fileKey();
    }

    public HistoryStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
    }
}
