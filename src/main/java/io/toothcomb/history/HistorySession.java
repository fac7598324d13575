package io.toothcomb.history;

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
 * database plus the claims accepted earlier in the same file) and, as a {@link ScrubListener}, the collector of
 * accepted claims. Nothing is written until {@link #commit} — one transaction per file, after the outputs are in
 * place; until then an accepted claim is held as a few dozen bytes ({@link HistoryStore.Accepted}), not as the
 * parsed claim. Not thread-safe: one session per worker thread, {@link #reset()} between files.
 */
public final class HistorySession implements ClaimHistory, ScrubListener {
    private final HistoryStore store;
    private final HistoryStore.Reader reader;
    private final List<HistoryStore.Accepted> accepted = new ArrayList<>();
    // the claims accepted earlier in this file, per patient key (what the rules see of this file)
    private final Map<Long, List<HistoryStore.Accepted>> byPatient = new HashMap<>();
    private final List<HistoryStore.InterchangeId> interchanges = new ArrayList<>();
    // per-claim cache: the claim last asked about, its key, the patient's rows in the database and the lines per tooth
    private Claim cachedClaim;
    private long cachedKey;
    private List<HistoryStore.Row> cachedRows;
    private final Map<String, List<Line>> cache = new HashMap<>();

    public HistorySession(HistoryStore store) {
        this.store = Objects.requireNonNull(store);
        this.reader = store.reader();
    }

    public HistoryStore store() {
        return store;
    }

    /** Forgets the file in progress (nothing was written). */
    public void reset() {
        accepted.clear();
        byPatient.clear();
        interchanges.clear();
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
            cachedRows = reader.lines(key); // one query per claim, for all its teeth
        }
        return cache.computeIfAbsent(tooth, t -> load(claim, key, t));
    }

    private List<Line> load(Claim claim, long key, String tooth) {
        List<Line> out = new ArrayList<>();
        // claims accepted earlier in this file supersede what they replace, like they will once recorded
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
        if (Objects.equals(claim.id(), claimId)) {
            return true;
        }
        String ccn = claim.payerClaimControlNumber();
        if (ccn == null || ccn.isBlank()) {
            return false;
        }
        return ccn.trim().equals(claimId) || (payerCcn != null && ccn.trim().equals(payerCcn));
    }

    // ---------------------------------------------------------------------------------------- listener

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
            HistoryStore.Accepted a = HistoryStore.Accepted.of(keyOf(result.claim()), result.claim());
            accepted.add(a);
            byPatient.computeIfAbsent(a.patient(), k -> new ArrayList<>(2)).add(a);
        }
    }

    @Override
    public void end(FileAck syntax, ScrubSummary summary) {
        // nothing: the caller commits once the outputs are in place
    }

    /** Claims accepted so far in this file. */
    public int acceptedCount() {
        return accepted.size();
    }

    /** Writes the file's accepted claims and marks its interchanges received, in one transaction. */
    public void commit(String sourceFile, String fileIdentity) {
        store.record(sourceFile, accepted, interchanges, fileIdentity);
        reset();
    }
}
