package io.toothcomb.api;

import io.toothcomb.rules.ClaimHistory;
import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.Tooth;
import io.toothcomb.rules.Finding;
import io.toothcomb.rules.engine.RuleEngine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The claim history of one patient replayed in memory, claim after claim in archive order, with the semantics of
 * the history store ({@code scrub --history}): a claim sees the lines of earlier accepted claims in force, minus
 * what it itself supersedes (same CLM01, or for a replacement or void the claim its REF*F8 names); once accepted
 * it supersedes them, and a void leaves nothing in force. Each claim's history rules ({@code @RuleInfo(history = true)}) run
 * again against that history, replacing what they found without it. Not thread-safe.
 */
final class HistoryReplay implements ClaimHistory {
    private static final Comparator<FindingReport> FILE_ORDER =
            Comparator.comparingInt(FindingReport::segment).thenComparingInt(FindingReport::element);

    /** A claim in force: its identity and its lines per tooth. */
    private record InForce(String claimId, String ccn, List<Line> lines) {
    }

    private final RuleEngine engine;
    /** The history rules ({@code @RuleInfo(history = true)}): what a replay runs again. */
    private final java.util.Set<String> historyRules;
    private final List<InForce> inForce = new ArrayList<>();
    private final Map<Claim, ClaimReport> asked = new IdentityHashMap<>();

    HistoryReplay(RuleEngine engine) {
        this.engine = engine;
        this.historyRules = engine.historyRules();
        engine.history(this);
    }

    /** Replays one patient's claims, in archive order; returns them with their history verdicts. */
    List<ClaimReport> replay(List<ClaimReport> claims) {
        inForce.clear();
        List<ClaimReport> out = new ArrayList<>(claims.size());
        for (ClaimReport c : claims) {
            ClaimReport judged = judge(c);
            out.add(judged);
            if (!judged.rejected()) {
                record(judged);
            }
        }
        inForce.clear();
        return out;
    }

    private ClaimReport judge(ClaimReport c) {
        Claim model = model(c);
        asked.clear();
        asked.put(model, c);
        List<Finding> found = engine.check(c.pack(), model, historyRules::contains);
        List<FindingReport> f = new ArrayList<>();
        for (FindingReport r : c.findings()) {
            if (!historyRules.contains(r.rule())) {
                f.add(r);
            }
        }
        if (f.size() == c.findings().size() && found.isEmpty()) {
            return c;
        }
        found.forEach(x -> f.add(ListenerBridge.of(x)));
        f.sort(FILE_ORDER);
        return c.withFindings(f);
    }

    private void record(ClaimReport c) {
        inForce.removeIf(p -> covers(c, p.claimId(), p.ccn()));
        if ("8".equals(c.frequency())) {
            return; // a void leaves nothing in force
        }
        List<Line> lines = new ArrayList<>();
        for (ClaimReport.Line l : c.lines()) {
            for (String t : l.teeth()) {
                lines.add(new Line(l.code(), t, l.serviceDate()));
            }
        }
        inForce.add(new InForce(c.claimId(), c.payerClaimControlNumber(), lines));
    }

    /** As the history session: true when {@code c}, once recorded, supersedes the claim with this CLM01 and REF*F8. */
    static boolean covers(ClaimReport c, String claimId, String payerCcn) {
        return io.toothcomb.history.HistorySession.covers(c.claimId(), c.payerClaimControlNumber(), claimId, payerCcn);
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public List<Line> toothHistory(Claim claim, String tooth) {
        ClaimReport c = asked.get(claim);
        List<Line> out = new ArrayList<>();
        for (InForce p : inForce) {
            if (c != null && covers(c, p.claimId(), p.ccn())) {
                continue;
            }
            for (Line l : p.lines()) {
                if (l.tooth().equals(tooth)) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    /** The model the history rules read: lines with codes, teeth, dates and where they are. */
    private static Claim model(ClaimReport c) {
        List<ServiceLine> lines = new ArrayList<>(c.lines().size());
        for (ClaimReport.Line l : c.lines()) {
            List<Tooth> teeth = new ArrayList<>(l.teeth().size());
            for (int i = 0; i < l.teeth().size(); i++) {
                String s = l.surfaces().get(i);
                teeth.add(new Tooth("JP", l.teeth().get(i), s.isEmpty() ? List.of() : List.of(s.split("")),
                        l.sv3Segment()));
            }
            lines.add(new ServiceLine(l.number(), "AD", l.code(), List.of(), l.charge(), null, l.areas(), null,
                    l.quantity(), teeth, l.serviceDate(), false, List.of(), null, List.of(), l.sv3Segment(),
                    l.sv3Segment(), List.of()));
        }
        return new Claim(c.claimId(), c.charge(), null, c.frequency(), c.firstService(), List.of(), List.of(),
                List.of(), List.of(), c.payerClaimControlNumber(), null, lines, null, null, null, null, null, 0, 0,
                List.of());
    }
}
