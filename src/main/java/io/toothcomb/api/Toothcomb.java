package io.toothcomb.api;

import io.toothcomb.control.ControlSequence;
import io.toothcomb.history.HistoryScrub;
import io.toothcomb.history.HistorySession;
import io.toothcomb.history.HistoryStore;
import io.toothcomb.history.PatientKey;
import io.toothcomb.model.Claim;
import io.toothcomb.result.ScrubListener;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.scrub.Scrubber;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The embedding API: what a clearinghouse batch job calls. Made with {@link #builder()}; see the
 * {@linkplain io.toothcomb.api package description} for an example.
 *
 * <pre>{@code
 * try (Toothcomb tc = Toothcomb.builder().packs(Path.of("packs")).build()) {
 *     ScrubResult r = tc.scrub(Path.of("in/batch.837"), Path.of("out"));  // writes out/batch.999, batch.277 ...
 *     FileReport f = tc.report(Path.of("in/batch.837"));                 // or get plain values back
 * }
 * }</pre>
 *
 * An instance is not thread-safe; make one per thread (they are cheap once the packs are parsed).
 */
public final class Toothcomb implements AutoCloseable {
    private final Scrubber scrubber;
    private final RuleEngine engine;
    private final byte[] salt;
    private final HistoryStore history;
    private final HistorySession session;
    private HistoryReplay replay;

    private Toothcomb(Scrubber scrubber, RuleEngine engine, byte[] salt, String historySpec) {
        this.scrubber = scrubber;
        this.engine = engine;
        this.salt = salt;
        if (historySpec != null) {
            this.history = HistoryStore.open(historySpec);
            this.session = HistorySession.forRules(history, engine);
            engine.history(session);
        } else {
            this.history = null;
            this.session = null;
        }
    }

    /** A builder with the bundled packs and code set, the default outputs and no history. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scrubs a file and writes the chosen {@linkplain Builder#outputs outputs} into {@code outDir}, each named after
     * the input ({@code NAME.999}, {@code NAME.277}, ...). Nothing partial is left behind on failure.
     *
     * @throws IOException when the input cannot be read or an output cannot be written; a file that is not X12
     *         or breaks the envelope is no exception: the 999 says what is wrong
     */
    public ScrubResult scrub(Path input, Path outDir) throws IOException {
        return ScrubResult.of(scrubber.scrub(input, outDir));
    }

    /**
     * Scrubs a stream (read twice, so it is first copied to a temporary file that is removed afterwards);
     * {@code name} names the outputs.
     */
    public ScrubResult scrub(InputStream in, String name, Path outDir) throws IOException {
        Path dir = Files.createTempDirectory("toothcomb-in-");
        Path tmp = dir.resolve(Path.of(name).getFileName().toString());
        try {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return ScrubResult.of(scrubber.scrub(tmp, outDir));
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(dir);
        }
    }

    /**
     * Scrubs a file into a listener of your own, claim by claim, writing no outputs: for files too big to keep
     * whole as a {@link FileReport}. The claims are the same values {@link #report} returns; they are not
     * recorded in the claim history.
     *
     * @throws IOException when the input cannot be read
     */
    public ScrubResult scrub(Path input, ClaimListener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        return ScrubResult.of(scrubber.scrub(input, List.of(new ListenerBridge(listener, patientKey()))));
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
        ListenerBridge.Collector collector = new ListenerBridge.Collector();
        ListenerBridge bridge = new ListenerBridge(collector, patientKey());
        List<ScrubListener> listeners = session == null ? List.of(bridge) : List.of(session, bridge);
        FileReport out;
        try {
            scrubber.scrub(input, listeners);
            out = collector.report();
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.reset();
            }
            return ListenerBridge.unreadable(name, e);
        }
        if (session != null) {
            boolean envelopeRejected = out.envelopes().stream().anyMatch(v -> !"A".equals(v.verdict()));
            if (!envelopeRejected || session.acceptedCount() > 0) {
                try {
                    session.commit(name, HistoryScrub.identity(input));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            session.reset();
        }
        return out;
    }

    private Function<Claim, String> patientKey() {
        return c -> history != null ? history.patientHex(c) : PatientKey.hex(salt, c);
    }

    /**
     * Judges one patient's claims (all with the same {@link ClaimReport#patientKey}, from reports made without
     * history, in archive order) against each other as the claim history would: each claim against the earlier
     * accepted ones in force, replacements and voids superseding what they name. Returns the claims with the
     * findings of the {@linkplain #historyRules() history rules} redone, and their verdicts.
     */
    public List<ClaimReport> replayHistory(List<ClaimReport> claimsInOrder) {
        if (replay == null) {
            replay = new HistoryReplay(engine.copy());
        }
        return replay.replay(claimsInOrder);
    }

    /**
     * The ids of the history rules: the rules that judge a claim against the patient's earlier claims
     * ({@code @RuleInfo(history = true)}, bundled or plugin). Only their findings change in
     * {@link #replayHistory}.
     */
    public Set<String> historyRules() {
        return Set.copyOf(engine.historyRules());
    }

    /**
     * The line codes the history rules look at (in any pack); a line with another code never changes a history
     * verdict. Null when some history rule looks at every line.
     */
    public Set<String> historyCodes() {
        Set<String> s = engine.historyCodes();
        return s == null ? null : Set.copyOf(s);
    }

    /** Closes the claim history, if one was opened. */
    @Override
    public void close() {
        if (history != null) {
            history.close();
        }
    }

    /** What a {@link Toothcomb} is made with. Every setting has a default; {@link #build} checks them. */
    public static final class Builder {
        private Path packs;
        private final List<Path> codes = new ArrayList<>();
        private Clock clock = Clock.systemDefaultZone();
        private Set<Output> outputs = Output.defaults();
        private ScrubOptions base = ScrubOptions.defaults();
        private byte[] salt;
        private String history;

        private Builder() {
        }

        /**
         * The salt of the patient hash in {@link #report} results (the history store's scheme: SHA-256 over the
         * salt, payer id, member id, name and birth date). Keep it secret; the same salt gives the same key for the
         * same patient. Default: random for this instance.
         */
        public Builder patientSalt(byte[] s) {
            this.salt = s.clone();
            return this;
        }

        /**
         * Claim history (a folder for H2, or a JDBC URL), as {@code scrub --history} opens it: the history rules
         * then see the patient's earlier accepted claims, and {@link Toothcomb#report} records each file's.
         */
        public Builder history(String spec) {
            this.history = spec;
            return this;
        }

        /** A folder of extra {@code *.pack} files (and {@code *.codes}/{@code *.tsv} code files), loaded after the bundled ones. */
        public Builder packs(Path folder) {
            this.packs = folder;
            return this;
        }

        /**
         * A code set file (format v2, as the bundled cdt-codes.tsv) laid over the bundled code set after the
         * {@code *.codes}/{@code *.tsv} files of the packs folder; may be called several times, a later file wins.
         */
        public Builder codes(Path file) {
            this.codes.add(file);
            return this;
        }

        /** The clock for dates and times in acknowledgments. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        /** The files {@link Toothcomb#scrub(Path, Path)} writes (default {@link Output#defaults()}). */
        public Builder outputs(Set<Output> o) {
            this.outputs = o.isEmpty() ? EnumSet.noneOf(Output.class) : EnumSet.copyOf(o);
            return this;
        }

        /** Mend what is mechanical, as {@code scrub --fix} does (off by default). */
        public Builder fix(boolean on) {
            this.base = base.withFix(on);
            return this;
        }

        /**
         * Where our answers' control numbers (ISA13, GS06, ST02) come from. Default: the claim history when one is
         * configured, else the file in the user's state folder ({@code $XDG_STATE_HOME/toothcomb/control-number});
         * {@link ControlNumberStore#startingAt} for outputs that must not change from run to run (tests),
         * {@link ControlNumberStore#file} for a file of your own, or your own store (e.g. in your database).
         */
        public Builder controlNumbers(ControlNumberStore store) {
            ControlSequence s = store::reserve;
            this.base = base.withControls(s);
            return this;
        }

        /** Our sender and receiver ids in the answers' envelopes (default {@link OurIds#ECHO}: from the input). */
        public Builder ours(OurIds ids) {
            this.base = base.withOurs(ids.internal());
            return this;
        }

        /**
         * Loads the packs and code files.
         *
         * @throws IllegalArgumentException when a pack or a code file is broken (the message names file and line),
         *         or a plugin rule cannot be loaded or reuses a rule id (the message names the classes)
         * @throws IOException when the packs folder or a code file cannot be read
         */
        public Toothcomb build() throws IOException {
            RuleEngine e = RuleEngine.load(packs, codes);
            byte[] s = salt;
            if (s == null) {
                s = new byte[32];
                new SecureRandom().nextBytes(s);
            }
            Set<io.toothcomb.result.Output> out = EnumSet.noneOf(io.toothcomb.result.Output.class);
            outputs.forEach(o -> out.add(io.toothcomb.result.Output.valueOf(o.name())));
            return new Toothcomb(new Scrubber(e, base.withClock(clock).withOutputs(out)), e, s, history);
        }
    }
}
