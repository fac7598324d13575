package io.toothcomb.history;

import io.toothcomb.rules.ClaimHistory;
import io.toothcomb.loader.FileAck;
import io.toothcomb.model.Claim;
import io.toothcomb.model.Interchange;
import io.toothcomb.result.ClaimResult;
import io.toothcomb.result.ScrubListener;
import io.toothcomb.result.ScrubSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One thread's view of the history while it scrubs one file: what the rules see ({@link ClaimHistory}: the
 * database plus the claims accepted earlier in the same file) and, as a {@link ScrubListener}, the recorder of
 * accepted claims. Accepted claims are held as a few dozen bytes each ({@link HistoryStore.Accepted}), at most
 * {@link HistoryStore#BATCH} of them: each full batch is written into the file's recording transaction
 * ({@link HistoryStore.Recording}) while the scrub goes on, and the rules then find those claims in the database
 * through the same transaction. Nothing is visible to others, nor kept, until {@link #commit} (after the outputs
 * are in place); {@link #reset()} throws it away. A file with fewer accepted claims than a batch is written at
 * {@link #commit} in one go, as before. Not thread-safe: one session per worker thread, called from the thread
 * that runs the rules; {@link #reset()} between files.
 */
public final class HistorySession implements ClaimHistory, ScrubListener {
    private final HistoryStore store;
    private final HistoryStore.Reader reader;
    // accepted claims not yet written (at most a batch), and the same per patient key (what the rules see of them)
    private final List<HistoryStore.Accepted> accepted = new ArrayList<>();
    private final Map<Long, List<HistoryStore.Accepted>> byPatient = new HashMap<>();
    private final List<HistoryStore.InterchangeId> interchanges = new ArrayList<>();
    // the file's recording transaction, once its first batch is written
    private HistoryStore.Recording recording;
    private String fileName = "";
    private int acceptedCount;
    // per-claim cache: the claim last asked about, its key, the patient's rows in the database and the lines per tooth
    private Claim cachedClaim;
    private long cachedKey;
    private List<HistoryStore.Row> cachedRows;
    private final Map<String, List<Line>> cache = new HashMap<>();

    // the line codes recorded (those the history rules read), or null for every line on a tooth
    private final java.util.Set<String> codes;

    /** A session that records every accepted line on a tooth. */
    public HistorySession(HistoryStore store) {
        this(store, (java.util.Set<String>) null);
    }

    /**
     * A session for {@code engine}'s rules: it records only the lines whose codes its history rules
     * ({@code @RuleInfo(history = true)}) read, the codes they are triggered by; a claim without such a line is not
     * kept at all (it still supersedes what it replaces). Every line on a tooth when one of them reads every code.
     */
    public static HistorySession forRules(HistoryStore store, io.toothcomb.rules.engine.RuleEngine engine) {
        return new HistorySession(store, engine.historyCodes());
    }

    HistorySession(HistoryStore store, java.util.Set<String> codes) {
        this.store = Objects.requireNonNull(store);
        this.reader = store.reader();
        this.codes = codes == null ? null : java.util.Set.copyOf(codes);
    }

    public HistoryStore store() {
        return store;
    }

    /** Forgets the file in progress: what was written of it is rolled back. */
    public void reset() {
        HistoryStore.Recording r = recording;
        recording = null;
        if (r != null) {
            r.abort();
        }
        accepted.clear();
        byPatient.clear();
        interchanges.clear();
        acceptedCount = 0;
        forget();
    }

    private void forget() {
        cachedClaim = null;
        cachedRows = null;
        cache.clear();
    }

    @Override
    public boolean available() {
        return true;
    }

    private long keyOf(Claim claim) {
        if (claim != cachedClaim) {
            cachedClaim = claim;
            cachedKey = store.patientKey(claim);
            cachedRows = null;
            cache.clear();
        }
        return cachedKey;
    }

    @Override
    public List<Line> toothHistory(Claim claim, String tooth) {
        long key = keyOf(claim);
        if (cachedRows == null) {
            // one query per claim, for all its teeth; once the file records, through its transaction
            cachedRows = recording != null ? recording.lines(key) : reader.lines(key);
        }
        return cache.computeIfAbsent(tooth, t -> load(claim, key, t));
    }

    private List<Line> load(Claim claim, long key, String tooth) {
        List<Line> out = new ArrayList<>();
        // claims accepted earlier in this file and not yet written supersede what they replace, as they will once written
        List<HistoryStore.Accepted> sameFile = byPatient.getOrDefault(key, List.of());
        for (HistoryStore.Row r : cachedRows) {
            if (!tooth.equals(r.line().tooth()) || covers(claim, r.claimId(), r.payerCcn())) {
                continue;
            }
            boolean superseded = false;
            for (HistoryStore.Accepted p : sameFile) {
                if (p.covers(r.claimId(), r.payerCcn())) {
                    superseded = true;
                    break;
                }
            }
            if (!superseded) {
                out.add(r.line());
            }
        }
        for (int i = 0; i < sameFile.size(); i++) {
            HistoryStore.Accepted p = sameFile.get(i);
            if (p.isVoid() || covers(claim, p.claimId(), p.payerCcn())) {
                continue;
            }
            boolean supersededLater = false;
            for (int j = i + 1; j < sameFile.size(); j++) {
                if (sameFile.get(j).covers(p.claimId(), p.payerCcn())) {
                    supersededLater = true;
                    break;
                }
            }
            if (supersededLater) {
                continue;
            }
            for (Line l : p.lines()) {
                if (tooth.equals(l.tooth())) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    /** True when {@code claim}, once recorded, supersedes what a claim with this CLM01 and REF*F8 recorded. */
    static boolean covers(Claim claim, String claimId, String payerCcn) {
        return covers(claim.id(), claim.payerClaimControlNumber(), claimId, payerCcn);
    }

    /**
     * The rule itself, for a claim known by its CLM01 {@code id} and REF*F8 {@code ccn} (the archive replay of the
     * embedding API applies it too): the same CLM01, or a payer claim control number naming the other's CLM01 or
     * REF*F8.
     */
    public static boolean covers(String id, String ccn, String claimId, String payerCcn) {
        if (Objects.equals(id, claimId)) {
            return true;
        }
        if (ccn == null || ccn.isBlank()) {
            return false;
        }
        return ccn.trim().equals(claimId) || (payerCcn != null && ccn.trim().equals(payerCcn));
    }

    // ---------------------------------------------------------------------------------------- listener

    @Override
    public void start(String name) {
        reset(); // a file starting over (or a new one): nothing of an earlier start counts
        fileName = name;
    }

    @Override
    public void interchangeStart(Interchange interchange) {
        interchanges.add(idOf(interchange));
    }

    public static HistoryStore.InterchangeId idOf(Interchange ic) {
        return new HistoryStore.InterchangeId(ic.senderId().trim(), ic.controlNumber().trim());
    }

    @Override
    public void claim(ClaimResult result) {
        if (!result.rejected()) {
            HistoryStore.Accepted a = HistoryStore.Accepted.of(keyOf(result.claim()), result.claim(), codes);
            accepted.add(a);
            byPatient.computeIfAbsent(a.patient(), k -> new ArrayList<>(2)).add(a);
            acceptedCount++;
            if (accepted.size() >= HistoryStore.BATCH) {
                write();
            }
        }
    }

    /** Writes the claims held into the file's recording transaction (begun with the first batch). */
    private void write() {
        if (recording == null) {
            recording = store.begin(fileName);
        }
        recording.write(accepted);
        accepted.clear();
        byPatient.clear();
        forget();
    }

    @Override
    public void end(FileAck syntax, ScrubSummary summary) {
        // nothing: the caller commits once the outputs are in place
    }

    /** Claims accepted so far in this file. */
    public int acceptedCount() {
        return acceptedCount;
    }

    /**
     * Writes the file's accepted claims (those not yet written) and marks its interchanges received, and commits;
     * the session is then ready for the next file. On failure nothing of the file is kept.
     */
    public void commit(String sourceFile, String fileIdentity) {
        try {
            if (recording == null) {
                store.record(sourceFile, accepted, interchanges, fileIdentity); // one transaction, tried again on contention
            } else {
                if (!accepted.isEmpty()) {
                    recording.write(accepted);
                }
                HistoryStore.Recording r = recording;
                recording = null;
                r.commit(sourceFile, interchanges, fileIdentity);
            }
        } finally {
            reset();
        }
    }
}
