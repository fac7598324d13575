package io.toothcomb.scrub;

import io.toothcomb.loader.ClaimLoader;
import io.toothcomb.loader.ClaimUnit;
import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.GroupAck;
import io.toothcomb.loader.LoadHandler;
import io.toothcomb.loader.LoopMark;
import io.toothcomb.loader.SyntaxError;
import io.toothcomb.loader.TransactionAck;
import io.toothcomb.model.FunctionalGroup;
import io.toothcomb.model.Interchange;
import io.toothcomb.model.TransactionHeader;
import io.toothcomb.reader.Segment;
import io.toothcomb.rules.Finding;
import io.toothcomb.rules.RuleEngine;
import io.toothcomb.rules.Severity;
import io.toothcomb.writers.AtomicOutput;
import io.toothcomb.writers.WriterFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scrubs one 837D file: a first pass checks the envelope and syntax (what the 999 says), a second pass reads
 * the claims again, runs the rules on each and streams every output. Memory stays flat in the file size.
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
     * another thread; the envelope pass runs ahead of it).
     */
    public long progressBytes() {
        return progressBytes;
    }

    /** Scrubs {@code input} and writes its outputs into {@code outDir}; nothing partial is left on failure. */
    public ScrubSummary scrub(Path input, Path outDir) throws IOException {
        String name = input.getFileName().toString();
        List<AtomicOutput> files = new ArrayList<>();
        boolean ok = false;
        try {
            List<ScrubListener> writers = new ArrayList<>();
            List<ScrubListener> listeners = new ArrayList<>();
            List<ScrubListener> light = new ArrayList<>();
            for (Output o : options.outputs()) {
                AtomicOutput f = new AtomicOutput(outDir.resolve(o.fileName(name)));
                files.add(f);
                ScrubListener w = WriterFactory.create(o, f, options);
                writers.add(w);
                switch (o) {
                    // the XML is the heaviest writer: a thread of its own
                    case ANNOTATED_XML, ANNOTATED_XML_ELEMENTS -> listeners.add(new AsyncListener(List.of(w), "xml"));
                    // the 999 works only at the end
                    case ACK_999 -> listeners.add(w);
                    // 277CA, JSON and listing share a second thread
                    default -> light.add(w);
                }
            }
            if (!light.isEmpty()) {
                listeners.add(new AsyncListener(light, "writers"));
            }
            ScrubSummary summary = scrub(input, listeners);
            for (int i = 0; i < files.size(); i++) {
                AtomicOutput f = files.get(i);
                if (WriterFactory.wroteNothing(writers.get(i))) {
                    f.abort();
                } else {
                    f.commit();
                }
            }
            ok = true;
            return summary;
        } finally {
            if (!ok) {
                files.forEach(AtomicOutput::abort);
            }
        }
    }

    /**
     * Scrubs {@code input} into the given listeners (the embedding API and tests use this directly). The
     * envelope pass runs on a second thread ahead of the scrub pass.
     */
    public ScrubSummary scrub(Path input, List<ScrubListener> listeners) throws IOException {
        long t0 = System.nanoTime();
        String name = input.getFileName().toString();
        AckFeed feed = new AckFeed();
        Thread envelope = new Thread(() -> {
            try {
                feed.finish(ClaimLoader.load(input, new LoadHandler() {
                    @Override
                    public void transactionEnd(TransactionAck ack) {
                        feed.add(ack);
                    }
                }));
            } catch (Throwable t) {
                feed.fail(t);
            }
        }, "toothcomb-envelope");
        envelope.setDaemon(true);
        envelope.start();
        progressBytes = 0;
        Bridge bridge = new Bridge(listeners, feed);
        FileAck syntax;
        try {
            for (ScrubListener l : listeners) {
                l.start(name);
            }
            ClaimLoader.load(input, bridge);
            syntax = feed.result();
        } catch (UncheckedIOException e) {
            abandon(listeners);
            throw e.getCause();
        } catch (IOException | RuntimeException | Error e) {
            abandon(listeners);
            throw e;
        } finally {
            progressBytes = -1;
        }
        ScrubSummary summary = new ScrubSummary(name, syntax.bytes(), syntax.segments(), bridge.claims,
                bridge.claims - bridge.rejected, bridge.rejected, bridge.findings, bridge.errors, bridge.warnings,
                syntax.rejectedAtEnvelope(), System.nanoTime() - t0);
        for (ScrubListener l : listeners) {
            l.end(syntax, summary);
        }
        return summary;
    }

    private static void abandon(List<ScrubListener> listeners) {
        for (ScrubListener l : listeners) {
            if (l instanceof AsyncListener a) {
                a.abandon();
            }
        }
    }

    private final class Bridge implements LoadHandler {
        private final List<ScrubListener> listeners;
        private final AckFeed feed;
        private int txIndex = -1;
        private TransactionAck currentAck;
        int claims;
        int rejected;
        int findings;
        int errors;
        int warnings;

        Bridge(List<ScrubListener> listeners, AckFeed feed) {
            this.listeners = listeners;
            this.feed = feed;
        }

        @Override
        public void interchangeStart(Interchange interchange) {
            each(l -> l.interchangeStart(interchange));
        }

        @Override
        public void groupStart(FunctionalGroup group) {
            each(l -> l.groupStart(group));
        }

        @Override
        public void transactionStart(TransactionHeader header) {
            txIndex++;
            try {
                currentAck = feed.get(txIndex);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            TransactionAck ack = currentAck;
            each(l -> l.transactionStart(header, ack));
        }

        @Override
        public void segment(Segment segment, LoopMark loop, List<SyntaxError> errs) {
            each(l -> l.segment(segment, loop, errs));
        }

        @Override
        public void claim(ClaimUnit unit) {
            List<Finding> found = engine.check(unit.claim());
            if (currentAck != null && !currentAck.accepted()) {
                found = new ArrayList<>(found);
                found.add(0, new Finding(ClaimResult.ENVELOPE_RULE, Severity.ERROR, "A3", "684", null,
                        unit.claim().segment(), 0, 0, "transaction set " + currentAck.controlNumber()
                        + " was rejected in the 999 (" + firstProblem(currentAck, unit) + "); the payer will not "
                        + "see this claim until the file is corrected and sent again"));
            }
            boolean rej = false;
            for (Finding f : found) {
                if (f.severity() == Severity.ERROR) {
                    rej = true;
                    errors++;
                } else if (f.severity() == Severity.WARNING) {
                    warnings++;
                }
            }
            claims++;
            if ((claims & 255) == 0) {
                progressBytes = unit.segments().get(0).byteOffset();
            }
            findings += found.size();
            if (rej) {
                rejected++;
            }
            ClaimResult result = new ClaimResult(unit, List.copyOf(found), rej, engine.packFor(unit.claim()).name());
            each(l -> l.claim(result));
        }

        private String firstProblem(TransactionAck ack, ClaimUnit unit) {
            if (!unit.errors().isEmpty()) {
                return unit.errors().get(0).describe();
            }
            if (!ack.errors().isEmpty()) {
                return ack.errors().get(0).describe();
            }
            return "IK5 codes " + String.join(",", ack.ik5Codes());
        }

        @Override
        public void transactionEnd(TransactionAck ack) {
            each(l -> l.transactionEnd(ack));
        }

        @Override
        public void groupEnd(GroupAck ack) {
            each(l -> l.groupEnd(ack));
        }

        private void each(IoAction a) {
            try {
                for (ScrubListener l : listeners) {
                    a.run(l);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private interface IoAction {
        void run(ScrubListener l) throws IOException;
    }
}
