package io.toothcomb.api;

import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.GroupAck;
import io.toothcomb.loader.InterchangeAck;
import io.toothcomb.loader.SyntaxError;
import io.toothcomb.loader.TransactionAck;
import io.toothcomb.model.Claim;
import io.toothcomb.model.Interchange;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.Tooth;
import io.toothcomb.result.ClaimResult;
import io.toothcomb.result.ScrubListener;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.rules.Finding;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns the scrub's internal events into the plain values of a {@link ClaimListener}: each claim as a
 * {@link ClaimReport}, and at the end the envelope verdicts (from the loader's acknowledgments) and the counts.
 */
final class ListenerBridge implements ScrubListener {
    private final ClaimListener target;
    private final Function<Claim, String> patientKey;
    private int ordinal;

    ListenerBridge(ClaimListener target, Function<Claim, String> patientKey) {
        this.target = target;
        this.patientKey = patientKey;
    }

    @Override
    public void start(String fileName) {
        ordinal = 0;
        target.start(fileName);
    }

    @Override
    public boolean wantsCleanSegments() {
        return false; // segments never reach a ClaimListener
    }

    @Override
    public void claim(ClaimResult r) {
        Claim c = r.claim();
        LocalDate first = c.serviceDate();
        LocalDate last = c.serviceDate();
        BigDecimal sum = BigDecimal.ZERO;
        List<ClaimReport.Line> lines = new ArrayList<>(c.lines().size());
        for (ServiceLine l : c.lines()) {
            if (l.serviceDate() != null) {
                first = first == null || l.serviceDate().isBefore(first) ? l.serviceDate() : first;
                last = last == null || l.serviceDate().isAfter(last) ? l.serviceDate() : last;
            }
            if (l.charge() != null) {
                sum = sum.add(l.charge());
            }
            List<String> teeth = new ArrayList<>();
            List<String> surfaces = new ArrayList<>();
            for (Tooth t : l.teeth()) {
                if (!t.designation().isEmpty()) {
                    teeth.add(t.designation());
                    surfaces.add(String.join("", t.surfaces()));
                }
            }
            lines.add(new ClaimReport.Line(l.number(), l.code(), teeth, surfaces, l.areas(), l.quantity(), l.charge(),
                    l.serviceDate(), l.sv3Segment()));
        }
        List<FindingReport> findings = new ArrayList<>(r.findings().size());
        for (Finding f : r.findings()) {
            findings.add(of(f));
        }
        String ccn = c.payerClaimControlNumber();
        target.claim(new ClaimReport(c.id(), ordinal++, c.transaction() == null ? null
                : c.transaction().controlNumber(), patientKey.apply(c), r.rejected(), r.pack(), c.payerId(),
                c.frequency(), ccn == null || ccn.isBlank() ? null : ccn.trim(), first, last, c.charge(), sum, lines,
                findings));
    }

    static FindingReport of(Finding f) {
        return new FindingReport(f.rule(), f.severity().name(), f.line(), f.segment(), f.element(), f.component(),
                f.category(), f.statusCode(), f.message());
    }

    @Override
    public void end(FileAck syntax, ScrubSummary summary) {
        target.end(verdicts(syntax), ScrubResult.of(summary));
    }

    /** What the 999 says: one verdict per transaction set, or one for a file without a readable set. */
    static List<FileReport.EnvelopeVerdict> verdicts(FileAck ack) {
        List<FileReport.EnvelopeVerdict> env = new ArrayList<>();
        List<String> fileErrors = ack.fileErrors().stream().map(SyntaxError::describe).toList();
        for (GroupAck g : ack.groups()) {
            InterchangeAck ic = ack.interchangeOf(g.group().segment());
            if (g.transactions().isEmpty()) {
                List<String> errs = new ArrayList<>(fileErrors);
                g.errors().forEach(e -> errs.add(e.describe()));
                env.add(verdict(ic, g.group().controlNumber(), null, ack.status(g), errs));
            }
            for (TransactionAck t : g.transactions()) {
                List<String> errs = new ArrayList<>();
                t.errors().forEach(e -> errs.add(e.describe()));
                t.ik5Codes().forEach(c -> errs.add("transaction set " + t.controlNumber() + ": IK5 code " + c));
                if (!t.envelope().isEmpty()) {
                    errs.add(t.envelope());
                }
                // AK9 R rejects the group's every set, whatever its own IK5 says (a GE counting the wrong
                // number of sets, a GE control number that differs): its claims are rejected, and so is its row
                boolean accepted = t.accepted() && g.ak9Codes().isEmpty();
                if (!accepted) {
                    g.ak9Codes().forEach(c -> errs.add("functional group " + g.group().controlNumber().trim()
                            + " rejected: AK9 code " + c));
                    g.errors().forEach(e -> errs.add(e.describe()));
                    errs.addAll(fileErrors);
                }
                env.add(verdict(ack.interchangeOf(t.segment()), g.group().controlNumber(), t.controlNumber(),
                        accepted ? "A" : "R", errs));
            }
        }
        if (env.isEmpty()) {
            InterchangeAck ic = ack.interchangeAcks().isEmpty() ? null : ack.interchangeAcks().get(0);
            List<String> errs = new ArrayList<>(fileErrors);
            ack.warnings().forEach(w -> errs.add(w.describe()));
            if (errs.isEmpty()) {
                errs.add("no functional group could be read");
            }
            env.add(verdict(ic, null, null, "R", errs));
        }
        return env;
    }

    /** A {@link ClaimListener} that keeps the file whole: what {@link Toothcomb#report} returns. */
    static final class Collector implements ClaimListener {
        private final List<ClaimReport> claims = new ArrayList<>();
        private String file;
        private List<FileReport.EnvelopeVerdict> envelopes;

        @Override
        public void start(String f) {
            file = f;
            claims.clear();
            envelopes = null;
        }

        @Override
        public void claim(ClaimReport claim) {
            claims.add(claim);
        }

        @Override
        public void end(List<FileReport.EnvelopeVerdict> env, ScrubResult result) {
            envelopes = env;
        }

        FileReport report() {
            return new FileReport(file, envelopes, claims);
        }
    }

    private static FileReport.EnvelopeVerdict verdict(InterchangeAck ic, String group, String set, String verdict,
                                                       List<String> errors) {
        Interchange i = ic == null ? null : ic.interchange();
        if (ic != null && ic.rejected()) {
            errors = new ArrayList<>(errors);
            errors.add(0, "TA1 code " + ic.code() + ": " + ic.message());
        }
        return new FileReport.EnvelopeVerdict(i == null ? null : i.controlNumber().trim(),
                i == null ? "" : (i.date() + i.time()).trim(), group, set, verdict, errors);
    }

    /** A file that could not be scrubbed at all (the CLI writes no outputs for it): one rejected row. */
    static FileReport unreadable(String file, Exception e) {
        String m = e.getMessage();
        return new FileReport(file, List.of(new FileReport.EnvelopeVerdict(null, "", null, null, "R",
                List.of("cannot be scrubbed: " + e.getClass().getSimpleName() + (m == null ? "" : ": " + m)))),
                List.of());
    }
}
