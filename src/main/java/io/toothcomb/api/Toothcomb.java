package io.toothcomb.api;

import io.toothcomb.control.ControlSequence;
import io.toothcomb.control.OurIds;
import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubListener;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.rules.RuleEngine;
import io.toothcomb.scrub.Scrubber;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The embedding API: what a clearinghouse batch job calls.
 *
 * <pre>
 * Toothcomb tc = Toothcomb.builder().packs(Path.of("packs")).build();
 * ScrubSummary s = tc.scrub(Path.of("in/batch.837"), Path.of("out"));   // writes batch.999, batch.277 …
 * tc.scrub(Path.of("in/batch.837"), List.of(myListener));                // or receive results in-process
 * </pre>
 *
 * An instance is not thread-safe; make one per thread (they are cheap once the packs are parsed).
 */
public final class Toothcomb {
    private final Scrubber scrubber;
    private final RuleEngine engine;
    private final byte[] salt;
    private final io.toothcomb.history.HistoryStore history;
    private final io.toothcomb.history.HistorySession session;
    private HistoryReplay replay;

    private Toothcomb(Scrubber scrubber, RuleEngine engine, byte[] salt, String historySpec) {
        this.scrubber = scrubber;
        this.engine = engine;
        this.salt = salt;
        if (historySpec != null) {
            this.history = io.toothcomb.history.HistoryStore.open(historySpec);
            this.session = new io.toothcomb.history.HistorySession(history);
            engine.history(session);
        } else {
            this.history = null;
            this.session = null;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Scrubs a file and writes its outputs into {@code outDir}. */
    public ScrubSummary scrub(Path input, Path outDir) throws IOException {
        return scrubber.scrub(input, outDir);
    }

    /**
     * Scrubs a file into listeners of your own (claim results, findings, envelope verdict). The listeners are called
     * in file order from the scrub's rules thread, not from this one (see {@link ScrubListener}).
     */
    public ScrubSummary scrub(Path input, List<ScrubListener> listeners) throws IOException {
        return scrubber.scrub(input, listeners);
    }

    /**
     * Scrubs a stream (read twice, so it is first copied to a temporary file that is removed afterwards);
     * {@code name} names the outputs.
     */
    public ScrubSummary scrub(InputStream in, String name, Path outDir) throws IOException {
        Path dir = Files.createTempDirectory("toothcomb-in-");
        Path tmp = dir.resolve(Path.of(name).getFileName().toString());
        try {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return scrubber.scrub(tmp, outDir);
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(dir);
        }
    }

    /**
     * Scrubs a file without writing outputs and returns what it found as plain values: envelope verdicts, claims
     * (patients as salted hashes only), lines and findings. Never throws for a bad file: a file that cannot be
     * scrubbed at all is one rejected envelope row. With {@link Builder#history} the history rules see earlier
     * accepted claims and the file's accepted claims are recorded afterwards, as {@code scrub --history} does.
     */
    public FileReport report(Path input) {
        String name = input.getFileName().toString();
        if (session != null) {
            session.reset();
        }
        ReportListener r = new ReportListener(c -> history != null ? history.patientHex(c)
                : io.toothcomb.history.PatientKey.hex(salt, c));
        List<ScrubListener> listeners = session == null ? List.of(r) : List.of(session, r);
        FileReport out;
        try {
            scrubber.scrub(input, listeners);
            out = r.report();
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.reset();
            }
            return ReportListener.unreadable(name, e);
        }
        if (session != null) {
            boolean envelopeRejected = out.envelopes().stream().anyMatch(v -> !"A".equals(v.verdict()));
            if (!envelopeRejected || session.acceptedCount() > 0) {
                try {
                    session.commit(name, io.toothcomb.history.HistoryScrub.identity(input));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            session.reset();
        }
        return out;
    }

    /**
     * Judges one patient's claims (all with the same {@link ClaimReport#patientKey}, from reports made without
     * history, in archive order) against each other as the claim history would: each claim against the earlier
     * accepted ones in force, replacements and voids superseding what they name. Returns the claims with the
     * findings of the history rules (ids starting HISTORY-) redone, and their verdicts.
     */
    public List<ClaimReport> replayHistory(List<ClaimReport> claimsInOrder) {
        if (replay == null) {
            replay = new HistoryReplay(engine.copy());
        }
        return replay.replay(claimsInOrder);
    }

    /**
     * The line codes the history rules look at (in any pack); a line with another code never changes a history
     * verdict. Null when some history rule looks at every line.
     */
    public Set<String> historyCodes() {
        Set<String> s = engine.triggerCodes(id -> id.startsWith(HistoryReplay.PREFIX));
        return s == null ? null : Set.copyOf(s);
    }

    /** Closes the claim history, if one was opened. */
    public void close() {
        if (history != null) {
            history.close();
        }
    }

    public static final class Builder {
        private Path packs;
        private final java.util.List<Path> codes = new java.util.ArrayList<>();
        private Clock clock = Clock.systemDefaultZone();
        private Set<Output> outputs = Output.defaults();
        private RuleEngine engine;
        private ScrubOptions base = ScrubOptions.defaults();
        private byte[] salt;
        private String history;

        /**
         * The salt of the patient hash in {@link #report} results (the history store's scheme: SHA-256 over the
         * salt, payer id, member id, name and birth date). Keep it secret; the same salt gives the same key for the
         * same patient. Default: random for this instance.
         */
        public Builder patientSalt(byte[] s) {
            this.salt = s.clone();
            return this;
        }

        /** Claim history (a folder for H2, or a JDBC URL), as {@code scrub --history} opens it. */
        public Builder history(String spec) {
            this.history = spec;
            return this;
        }

        /** A folder of extra {@code *.pack} files, loaded after the bundled ones. */
        public Builder packs(Path folder) {
            this.packs = folder;
            return this;
        }

        /**
         * A code set file (format v2, as the bundled cdt-codes.tsv) laid over the bundled code set after the
         * {@code *.codes}/{@code *.tsv} files of the packs folder; may be called several times.
         */
        public Builder codes(Path file) {
            this.codes.add(file);
            return this;
        }

        /** The clock for dates and times in acknowledgments. */
        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public Builder outputs(Set<Output> o) {
            this.outputs = EnumSet.copyOf(o);
            return this;
        }

        /** Mend what is mechanical, as {@code scrub --fix} does (off by default). */
        public Builder fix(boolean on) {
            this.base = base.withFix(on);
            return this;
        }

        /**
         * Where our answers' control numbers (ISA13, GS06, ST02) come from. Default: the file in the user's state
         * folder ({@code $XDG_STATE_HOME/toothcomb/control-number}); {@link ControlSequence#startingAt} for outputs
         * that must not change from run to run (tests), {@link io.toothcomb.control.FileControlSequence} for a file
         * of your own, or your own sequence (e.g. from your database).
         */
        public Builder controlNumbers(ControlSequence sequence) {
            this.base = base.withControls(sequence);
            return this;
        }

        /** Our sender and receiver ids in the answers' envelopes (default: echoed from the input). */
        public Builder ours(OurIds ids) {
            this.base = base.withOurs(ids);
            return this;
        }

        /** Use a rule engine built elsewhere (e.g. {@link RuleEngine#ofRules}). */
        public Builder engine(RuleEngine e) {
            this.engine = e;
            return this;
        }

        /** @throws io.toothcomb.rules.RulePack.PackException when a pack or a code file is broken (names file and line) */
        public Toothcomb build() throws IOException {
            RuleEngine e = engine != null ? engine : RuleEngine.load(packs, codes);
            byte[] s = salt;
            if (s == null) {
                s = new byte[32];
                new java.security.SecureRandom().nextBytes(s);
            }
            return new Toothcomb(new Scrubber(e, base.withClock(clock).withOutputs(outputs)), e, s, history);
        }
    }
}
