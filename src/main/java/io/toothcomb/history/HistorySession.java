package io.toothcomb.history;

import io.toothcomb.loader.FileAck;
import io.toothcomb.model.Claim;
import io.toothcomb.model.Interchange;
import io.toothcomb.model.Tooth;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.scrub.ClaimResult;
import io.toothcomb.scrub.ScrubListener;
import io.toothcomb.scrub.ScrubSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One thread's view of the history while it scrubs one file: what the rules see ({@link ClaimHistory}: the
 * database plus the claims accepted earlier in the same file) and, as a {@link ScrubListener}, the collector of
 * accepted claims. Nothing is written until {@link #commit} — one transaction per file, after the outputs are in
 * place. Not thread-safe: one session per worker thread, {@link #reset()} between files.
 */
public final class HistorySession implements ClaimHistory, ScrubListener {
    private final HistoryStore store;
    private final List<HistoryStore.Accepted> accepted = new ArrayList<>();
    private final List<HistoryStore.InterchangeId> interchanges = new ArrayList<>();
    // per-claim cache: the claim last asked about, its key and the rows per tooth
    private Claim cachedClaim;
    private String cachedKey;
    private final Map<String, List<Line>> cache = new LinkedHashMap<>();

    public HistorySession(HistoryStore store) {
        this.store = Objects.requireNonNull(store);
    }

    public HistoryStore store() {
        return store;
    }

    /** Forgets the file in progress (nothing was written). */
    public void reset() {
        accepted.clear();
        interchanges.clear();
        cachedClaim = null;
        cache.clear();
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public List<Line> toothHistory(Claim claim, String tooth) {
        if (claim != cachedClaim) {
            cachedClaim = claim;
            cachedKey = store.patientKey(claim);
            cache.clear();
        }
        return cache.computeIfAbsent(tooth, t -> load(claim, cachedKey, t));
    }

    private List<Line> load(Claim claim, String key, String tooth) {
        List<Line> out = new ArrayList<>();
        // claims accepted earlier in this file supersede what they replace, like they will once recorded
        List<Claim> sameFile = new ArrayList<>();
        for (HistoryStore.Accepted a : accepted) {
            if (a.patientKey().equals(key)) {
                sameFile.add(a.claim());
            }
        }
        for (HistoryStore.Row r : store.lines(key, tooth)) {
            if (covers(claim, r.claimId(), r.payerCcn())) {
                continue;
            }
            boolean superseded = false;
            for (Claim p : sameFile) {
                if (covers(p, r.claimId(), r.payerCcn())) {
                    superseded = true;
                    break;
                }
            }
            if (!superseded) {
                out.add(r.line());
            }
        }
        for (int i = 0; i < sameFile.size(); i++) {
            Claim p = sameFile.get(i);
            if (HistoryStore.isVoid(p) || covers(claim, p.id(), p.payerClaimControlNumber())) {
                continue;
            }
            boolean supersededLater = false;
            for (int j = i + 1; j < sameFile.size(); j++) {
                if (covers(sameFile.get(j), p.id(), p.payerClaimControlNumber())) {
                    supersededLater = true;
                    break;
                }
            }
            if (supersededLater) {
                continue;
            }
            for (ServiceLine l : p.lines()) {
                for (Tooth t : l.teeth()) {
                    if (t.designation().equals(tooth)) {
                        out.add(new Line(l.code(), tooth, l.serviceDate()));
                    }
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
            accepted.add(new HistoryStore.Accepted(store.patientKey(result.claim()), result.claim()));
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
