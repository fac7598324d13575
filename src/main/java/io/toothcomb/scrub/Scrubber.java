package io.toothcomb.scrub;

import io.toothcomb.loader.ClaimLoader;
import io.toothcomb.loader.ClaimUnit;
import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.LoadHandler;
import io.toothcomb.loader.LoadMode;
import io.toothcomb.loader.NotSeparable;
import io.toothcomb.loader.TransactionAck;
import io.toothcomb.loader.TransactionSlice;
import io.toothcomb.model.TransactionHeader;
import io.toothcomb.result.ClaimResult;
import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubListener;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.result.SetWriter;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.writers.AtomicOutput;
import io.toothcomb.writers.WriterFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Scrubs one 837D file: reads it, checks the envelope and syntax (what the 999 says), runs the rules on each
 * claim and streams every output. To files, in one pass (a second one only when a transaction set is rejected,
 * see {@link #scrub(Path, Path)}); to listeners, with an envelope pass running ahead. Memory stays flat in the
 * file size.
 *
 * <p>Threads, for a big file of many transaction sets written to files: each set is read, checked and written
 * whole by one of as many workers as there are cores, and the calling thread reads the envelope and puts the
 * sets' outputs in place in file order ({@link SplitScrub}). Otherwise a pipeline: the calling thread reads,
 * tokenizes, checks the envelope and builds the claims; the rules, and the hand-over of every event to the
 * listeners, run behind it on {@code toothcomb-rules} ({@link LoaderStage}); the annotated XML, and the 277CA,
 * JSON and listing together, are written on two more threads ({@link AsyncListener}). A listener is called from
 * one thread at a time, in file order, and its {@link ScrubListener#end} on the calling thread; a failure on any
 * of them fails the scrub on the calling thread.
 */
public final class Scrubber {
    private final RuleEngine engine;
    private final ScrubOptions options;
    private volatile long progressBytes = -1;

    public Scrubber(RuleEngine engine, ScrubOptions options) {
        this.engine = engine;
        this.options = options;
    }

    public ScrubOptions options() {
        return options;
    }

    /**
     * Bytes of the current file the scrub pass has reached, or -1 between files (for progress reports from
     * another thread; a file read again after a rejected transaction set starts over from 0).
     */
    public long progressBytes() {
        return progressBytes;
    }

    /**
     * Scrubs {@code input} and writes its outputs into {@code outDir}; nothing partial is left on failure.
     *
     * <p>Reads the file once, taking every transaction set as accepted by the 999 until its SE says otherwise:
     * the writers need each set's verdict before its first claim, and almost every set is accepted. When one is
     * not, the outputs written so far (all still under temporary names) are thrown away and the file is
     * scrubbed again with the envelope pass running ahead ({@link #scrub(Path, List)}), so a broken file costs
     * one extra read and its outputs are exactly those of the two-pass scrub.
     */
    public ScrubSummary scrub(Path input, Path outDir) throws IOException {
        if (splits(input)) {
            try {
                return writeOutputs(input, outDir, Mode.SPLIT);
            } catch (NotSeparable e) {
                // a set not plainly delimited: the file is read whole (what was written is thrown away)
                splitFallbacks++;
            }
        }
        if (optimistic) {
            try {
                return writeOutputs(input, outDir, Mode.SINGLE_PASS);
            } catch (EnvelopeRejected restart) {
                // a transaction set the 999 rejects: do it again, knowing each verdict in advance
                restarts++;
            }
        }
        return writeOutputs(input, outDir, Mode.TWO_PASS);
    }

    /** How {@link #scrub(Path, Path)} goes about a file. */
    private enum Mode {
        /** Transaction sets apart, on as many threads as there are cores ({@link SplitScrub}). */
        SPLIT,
        /** The pipeline, every set taken as accepted until its SE says otherwise. */
        SINGLE_PASS,
        /** The pipeline, with the envelope pass running ahead. */
        TWO_PASS
    }

    /** Files smaller than this are scrubbed whole: threads to start would cost more than they bring. */
    static final long SPLIT_MIN_BYTES = 2 << 20;

    /** Null: split files where it pays; true or false: always or never (tests compare the ways). */
    private Boolean split;
    private int splitFallbacks;
    private final int workers = Math.max(1, Runtime.getRuntime().availableProcessors());

    private long splitMemory = SplitScrub.FRAGMENT_MEMORY;
    private int splits;

    Scrubber split(Boolean on) {
        this.split = on;
        return this;
    }

    /** Tests make the sets' buffers small, so that they go to temporary files. */
    Scrubber splitMemory(long bytes) {
        this.splitMemory = bytes;
        return this;
    }

    /** Tests make a set fail on its worker. */
    Consumer<TransactionSlice> beforeSet;

    /** How many files were scrubbed with their sets apart (for tests). */
    int splits() {
        return splits;
    }

    /** How many files were to be split but had to be read whole (for tests). */
    int splitFallbacks() {
        return splitFallbacks;
    }

    private boolean splits(Path input) throws IOException {
        if (Boolean.FALSE.equals(split) || engine.hasHistory()) {
            return false;
        }
        if (Boolean.TRUE.equals(split)) {
            return true;
        }
        return Files.size(input) >= SPLIT_MIN_BYTES && SplitScrub.worthSplitting(input);
    }

    /** Tests turn the single pass off to compare its outputs with the two-pass scrub's. */
    Scrubber optimistic(boolean on) {
        this.optimistic = on;
        return this;
    }

    private boolean optimistic = true;
    private volatile int restarts;

    /** How many files had to be read again because a transaction set was rejected (for tests). */
    int restarts() {
        return restarts;
    }

    /** Thrown in the single pass at the SE of a transaction set the 999 rejects. */
    private static final class EnvelopeRejected extends RuntimeException {
        EnvelopeRejected() {
            super("a transaction set is rejected: scrub again with the envelope pass", null, false, false);
        }
    }

    private ScrubSummary writeOutputs(Path input, Path outDir, Mode mode) throws IOException {
        String name = input.getFileName().toString();
        List<AtomicOutput> files = new ArrayList<>();
        boolean ok = false;
        try {
            List<ScrubListener> writers = new ArrayList<>();
            for (Output o : options.outputs()) {
                AtomicOutput f = new AtomicOutput(outDir.resolve(o.fileName(name)));
                files.add(f);
                writers.add(WriterFactory.create(o, f, options));
            }
            ScrubSummary summary = mode == Mode.SPLIT ? split(input, writers)
                    : run(input, pipeline(writers), mode == Mode.SINGLE_PASS);
            WriterFactory.commit(files, writers);
            ok = true;
            return summary;
        } finally {
            if (!ok) {
                files.forEach(AtomicOutput::abort);
            }
        }
    }

    /** The writers on the pipeline's threads: the annotated XML on one, the 277CA, JSON and listing on another. */
    private List<ScrubListener> pipeline(List<ScrubListener> writers) {
        List<ScrubListener> listeners = new ArrayList<>();
        List<ScrubListener> light = new ArrayList<>();
        List<ScrubListener> forward = new ArrayList<>();
        int i = 0;
        for (Output o : options.outputs()) {
            ScrubListener w = writers.get(i++);
            switch (o) {
                // the XML is the heaviest writer: a thread of its own
                case ANNOTATED_XML, ANNOTATED_XML_ELEMENTS -> listeners.add(new AsyncListener(List.of(w), "xml"));
                // the 999 works only at the end
                case ACK_999 -> listeners.add(w);
                // the accepted and rejected 837s copy most segments: a thread of their own
                case ACCEPTED_837, REJECTED_837 -> forward.add(w);
                // 277CA, JSON and listing share a second thread
                default -> light.add(w);
            }
        }
        if (!light.isEmpty()) {
            listeners.add(new AsyncListener(light, "writers"));
        }
        if (!forward.isEmpty()) {
            listeners.add(new AsyncListener(forward, "forward"));
        }
        return listeners;
    }

    private ScrubSummary split(Path input, List<ScrubListener> writers) throws IOException {
        List<SetWriter> parts = new ArrayList<>();
        for (ScrubListener w : writers) {
            if (!(w instanceof SetWriter sw)) {
                throw new NotSeparable("the writer " + w.getClass().getSimpleName() + " writes files whole");
            }
            parts.add(sw);
        }
        try {
            SplitScrub scrub = new SplitScrub(engine, workers, splitMemory, p -> progressBytes = p, options.fix());
            scrub.beforeSet = beforeSet;
            ScrubSummary summary = scrub.run(input, parts);
            splits++;
            return summary;
        } finally {
            progressBytes = -1;
        }
    }

    /**
     * Scrubs {@code input} into the given listeners (the embedding API and tests use this directly). The
     * envelope pass runs on a second thread ahead of the scrub pass, so every listener learns each transaction
     * set's 999 verdict at its start, as {@link ScrubListener} promises.
     */
    public ScrubSummary scrub(Path input, List<ScrubListener> listeners) throws IOException {
        return run(input, listeners, false);
    }

    /**
     * One scrub. {@code singlePass}: no envelope pass; every transaction set starts as accepted and an
     * {@link EnvelopeRejected} ends the scrub at the SE of one that is not (only for outputs that can be thrown
     * away). Otherwise the envelope pass runs ahead on a second thread.
     */
    private ScrubSummary run(Path input, List<ScrubListener> listeners, boolean singlePass) throws IOException {
        long t0 = System.nanoTime();
        String name = input.getFileName().toString();
        AckFeed feed = singlePass ? null : new AckFeed();
        if (feed != null) {
            startEnvelopePass(input, feed);
        }
        progressBytes = 0;
        Bridge bridge = new Bridge(listeners, feed);
        FileAck syntax;
        LoaderStage rules = null;
        try {
            for (ScrubListener l : listeners) {
                l.start(name);
            }
            // the rules and the hand-over to the writers on a thread of their own, behind the loader
            rules = new LoaderStage(bridge, "toothcomb-rules");
            FileAck read = ClaimLoader.load(input, LoadMode.CLAIMS, rules);
            rules.finish();
            if (feed == null && read.envelopeRejectsSets()) {
                // a group or interchange rejected as a whole, known only at its end: its sets, read as
                // accepted, are not; scrub again knowing each verdict in advance
                throw new EnvelopeRejected();
            }
            syntax = feed == null ? read : feed.result();
        } catch (UncheckedIOException e) {
            abandon(rules, listeners);
            throw e.getCause();
        } catch (IOException | RuntimeException | Error e) {
            abandon(rules, listeners);
            throw e;
        } finally {
            progressBytes = -1;
        }
        ScrubSummary summary = summary(name, syntax, bridge.checker, t0);
        try {
            for (ScrubListener l : listeners) {
                l.end(syntax, summary);
            }
        } catch (IOException | RuntimeException | Error e) {
            abandon(null, listeners); // the writer threads not yet ended stop before their files are thrown away
            throw e;
        }
        return summary;
    }

    static ScrubSummary summary(String name, FileAck syntax, ClaimChecker c, long t0) {
        return new ScrubSummary(name, syntax.bytes(), syntax.segments(), c.claims, c.claims - c.rejected, c.rejected,
                c.findings, c.errors, c.warnings, syntax.rejectedAtEnvelope(), System.nanoTime() - t0, c.notTaken,
                c.ruleCounts());
    }

    /**
     * The envelope pass: the 999 checks alone (the loader builds no claims for this handler), ahead of the scrub.
     * A set's verdict is final only when its group and interchange have ended (a missing GE or IEA, a stray
     * segment after them, rejects sets that were sound in themselves), so the verdicts are handed on at the end
     * of the pass, each overruled where {@link FileAck#rejection} says so. This pass runs only for a file found
     * broken, and reads without building claims.
     */
    private static void startEnvelopePass(Path input, AckFeed feed) {
        Thread envelope = new Thread(() -> {
            try {
                List<TransactionAck> acks = new ArrayList<>();
                FileAck done = ClaimLoader.load(input, LoadMode.CHECK, new LoadHandler() {
                    @Override
                    public void transactionEnd(TransactionAck ack) {
                        acks.add(ack);
                    }
                });
                for (TransactionAck ack : acks) {
                    feed.add(ack.rejectedBy(done.rejection(ack.segment())));
                }
                feed.finish(done);
            } catch (Throwable t) {
                feed.fail(t);
            }
        }, "toothcomb-envelope");
        envelope.setDaemon(true);
        envelope.start();
    }

    /** Stops the rules thread, then the writer threads, and waits for each: the outputs are thrown away next. */
    private static void abandon(LoaderStage rules, List<ScrubListener> listeners) {
        if (rules != null) {
            rules.abandon();
        }
        for (ScrubListener l : listeners) {
            if (l instanceof AsyncListener a) {
                a.abandon();
            }
        }
    }

    /**
     * The rules stage, on its own thread: for each batch of events from the loader, in file order, it runs the
     * rules on each claim (the batch then holds the claim's {@link ClaimResult}), attaches the 999's verdict to each
     * transaction start, calls the listeners on this thread event by event, and hands the whole batch on to each
     * writer thread.
     */
    private final class Bridge implements BatchPipe.Sink {
        private final ScrubListener[] direct;
        private final AsyncListener[] threads;
        private final AckFeed feed;
        private int txIndex = -1;
        private TransactionAck currentAck;
        private final ClaimChecker checker = new ClaimChecker(engine, options.fix());

        Bridge(List<ScrubListener> listeners, AckFeed feed) {
            this.direct = listeners.stream().filter(l -> !(l instanceof AsyncListener)).toArray(ScrubListener[]::new);
            this.threads = listeners.stream().filter(l -> l instanceof AsyncListener).map(l -> (AsyncListener) l)
                    .toArray(AsyncListener[]::new);
            this.feed = feed;
        }

        @Override
        public void accept(Object[] batch) throws IOException {
            for (int i = 0; i < batch.length; i++) {
                Object e = batch[i];
                if (e == null) {
                    break;
                }
                if (e instanceof ClaimUnit u) {
                    e = batch[i] = check(u);
                } else if (e instanceof Events.Seg seg) {
                    checker.segment(seg.s(), seg.loop());
                } else if (e instanceof Events.TxHeader h) {
                    e = batch[i] = new Events.TxStart(h.h(), verdict(h.h()));
                } else if (e instanceof Events.TxEnd t && feed == null && !t.ack().accepted()) {
                    throw new EnvelopeRejected();
                }
                for (int l = 0; l < direct.length; l++) {
                    Events.dispatch(e, direct[l]);
                }
            }
            for (int t = 0; t < threads.length; t++) {
                threads[t].batch(batch);
            }
        }

        /** What the 999 says of the transaction set starting here. */
        private TransactionAck verdict(TransactionHeader header) throws IOException {
            txIndex++;
            if (feed == null) {
                // single pass: accepted until its SE says otherwise (then the whole scrub starts again)
                currentAck = new TransactionAck("837", header.controlNumber(), header.implementation(),
                        header.segment(), List.of(), 0, List.of(), 0);
            } else {
                currentAck = feed.get(txIndex);
            }
            return currentAck;
        }

        private ClaimResult check(ClaimUnit unit) {
            ClaimResult r = checker.check(unit, currentAck);
            if ((checker.claims & 255) == 0) {
                progressBytes = unit.segments().get(0).byteOffset();
            }
            return r;
        }
    }
}
