package io.toothcomb.writers;

import io.toothcomb.control.OurIds;
import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.TransactionAck;
import io.toothcomb.model.BillingProvider;
import io.toothcomb.model.Claim;
import io.toothcomb.model.FunctionalGroup;
import io.toothcomb.model.Interchange;
import io.toothcomb.model.Party;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.TransactionHeader;
import io.toothcomb.result.ClaimResult;
import io.toothcomb.result.Fragment;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.result.SetWriter;
import io.toothcomb.rules.Finding;
import io.toothcomb.rules.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the 277CA claim acknowledgment (005010X214): one ST per 837 transaction set the 999 accepted,
 * with the information source (2000A), receiver (2000B, with accepted/rejected counts and amounts),
 * billing provider (2000C, with its 2200C trace, status and its own counts and amounts) and one patient
 * level (2000D) per claim: TRN02 = CLM01 and STC A2:20 when accepted, the rule's A6/A7/A8 category and
 * status code when rejected; and for each line with an error a 2220D with SVC, STC (action U) and REF*FJ
 * (the 837 REF*6R). The receiver totals come before the claims, so claim detail is spooled and copied in at
 * SE; a provider's totals come before its claims, so its claims wait in a second spool until the provider
 * changes.
 *
 * <p>What the guide allows, element by element, follows the X214 map of pyx12 ({@code
 * pyx12/map/277.5010.X214.xml}): 2000C and its 2200C are required; STC02 is not used at 2200C; at 2220D
 * SVC03, SVC05, SVC06, STC04 and STC12 are not used and STC03 allows only U.
 */
public final class Ack277Writer extends SetJoiner<Ack277Writer> implements SetWriter.Part {
    public static final String IMPLEMENTATION = "005010X214";
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");
    /**
     * 2200B and 2200C status: receipt acknowledged (19, which requires an entity code) by the entity that
     * acknowledges it, the information source of 2100A: toothcomb, a clearinghouse (AY), not the payer (PR).
     */
    private static final String RECEIPT = "A1:19:AY";

    private final OutputStream out;
    private final Clock clock;
    /** Our ISA13 and GS06. */
    private final long number;
    private final OurIds ours;
    private final X12Writer main;
    /** What claim detail may hold in memory while it waits for its set's totals; the rest waits on disk. */
    private static final int SPOOL_MEMORY = 4 << 20;
    /** Where claim detail waits for its set's totals; in a part, in the part's own memory. */
    private final Fragment spool;
    private final X12Writer detail;
    /** Where the current billing provider's claims wait for its 2200C totals; copied into {@link #spool}. */
    private final Fragment providerSpool;
    private final X12Writer providerDetail;
    /** Segments copied from the provider spool into {@link #spool}: they count for SE01 too. */
    private int copiedSegments;
    private ZonedDateTime now;
    private String today;

    private Interchange interchange;
    private FunctionalGroup group;
    private boolean envelopeOpen;
    private String isaControl;
    private String gsControl;
    private int stCount;

    private boolean active;
    private TransactionHeader header;
    private int hl;
    private int providerSegment = -1;
    private int providerHl;
    private boolean providerOpen;
    private BillingProvider provider;
    private int providerAccepted;
    private int providerRejected;
    private BigDecimal providerAcceptedAmount;
    private BigDecimal providerRejectedAmount;
    private int accepted;
    private int rejected;
    private BigDecimal acceptedAmount;
    private BigDecimal rejectedAmount;

    /** A part writes one set without its ST and SE, whose control number only {@link #join} knows. */
    private boolean part;
    /** In a part: the set was acknowledged, in {@link #partSegments} segments counting ST and SE. */
    private boolean partWritten;
    private int partSegments;

    /**
     * Writes to {@code out}; {@code number} is this answer's own ISA13 and GS06 (from our control-number sequence,
     * never the input's), and {@code ours} says whom it is from and to.
     */
    public Ack277Writer(OutputStream out, Clock clock, long number, OurIds ours) {
        this(out, clock, number, ours, Fragment.standalone(SPOOL_MEMORY));
    }

    private Ack277Writer(OutputStream out, Clock clock, long number, OurIds ours, Fragment spool) {
        this(out, clock, number, ours, spool, spool.another());
    }

    private Ack277Writer(OutputStream out, Clock clock, long number, OurIds ours, Fragment spool,
                         Fragment providerSpool) {
        this.out = out;
        this.clock = clock;
        this.number = number;
        this.ours = ours;
        this.main = new X12Writer(out);
        this.spool = spool;
        this.detail = new X12Writer(spool);
        this.providerSpool = providerSpool;
        this.providerDetail = new X12Writer(providerSpool);
    }

    @Override
    public Part forSet(OutputStream partOut) {
        // a part's detail waits in the memory the part's own bytes draw on, and is released with them
        Fragment own = partOut instanceof Fragment f ? f.another() : Fragment.standalone(SPOOL_MEMORY);
        Ack277Writer p = new Ack277Writer(partOut, clock, number, ours, own,
                partOut instanceof Fragment f ? f.another() : own.another());
        p.part = true;
        p.now = now;
        p.today = today;
        return p;
    }

    @Override
    boolean wrote(Ack277Writer p) {
        return p.partWritten;
    }

    /** The ST02 of the set being joined. */
    private String joinControl;

    @Override
    void open(Ack277Writer p) throws IOException {
        joinControl = nextControlNumber();
        main.segment("ST", "277", joinControl, IMPLEMENTATION);
    }

    @Override
    void place(Fragment bytes) throws IOException {
        bytes.writeTo(out);
    }

    @Override
    void close(Ack277Writer p) throws IOException {
        main.segment("SE", String.valueOf(p.partSegments), joinControl);
    }

    @Override
    public void finish() throws IOException {
        providerSpool.release();
        spool.release();
    }

    /** True when the file had no transaction set the 999 accepted, so there is nothing to acknowledge. */
    public boolean empty() {
        return !envelopeOpen;
    }

    /** Segments outside claims are not part of this output. */
    @Override
    public boolean wantsCleanSegments() {
        return false;
    }

    @Override
    public void start(String fileName) {
        now = ZonedDateTime.now(clock);
        today = X12Writer.date(now.toLocalDate());
    }

    @Override
    public void interchangeStart(Interchange ic) {
        if (interchange == null) {
            interchange = ic;
        }
    }

    @Override
    public void groupStart(FunctionalGroup g) {
        if (group == null) {
            group = g;
        }
    }

    @Override
    public void transactionStart(TransactionHeader h, TransactionAck ack) throws IOException {
        active = ack != null && ack.accepted();
        if (!active) {
            return;
        }
        header = h;
        hl = 2;
        providerSegment = -1;
        providerOpen = false;
        accepted = rejected = 0;
        acceptedAmount = BigDecimal.ZERO;
        rejectedAmount = BigDecimal.ZERO;
        detail.resetCount();
        providerDetail.resetCount();
        providerSpool.release();
        copiedSegments = 0;
    }

    @Override
    public void claim(ClaimResult r) throws IOException {
        if (!active) {
            return;
        }
        Claim c = r.claim();
        BillingProvider bp = c.billingProvider();
        int bpSeg = bp == null ? 0 : bp.segment();
        if (!providerOpen || bpSeg != providerSegment) {
            closeProvider();
            providerOpen = true;
            providerSegment = bpSeg;
            provider = bp;
            providerHl = ++hl;
            providerAccepted = providerRejected = 0;
            providerAcceptedAmount = BigDecimal.ZERO;
            providerRejectedAmount = BigDecimal.ZERO;
        }
        X12Writer detail = providerDetail;
        // the segments every claim has are built in place, without a String per value
        detail.begin("HL").num(++hl).num(providerHl).el("PT").end();
        Party name = c.patient() != null ? c.patient().name() : c.subscriber() == null ? Party.NONE
                : c.subscriber().name();
        String member = c.subscriber() == null ? "" : c.subscriber().memberId();
        detail.begin("NM1").el("QC").el("1").freeText(name.lastOrOrganization(), 60).freeText(name.first(), 35)
                .el("").el("").el("").el(member.isEmpty() ? "" : "MI").freeText(member, 80).end();
        detail.begin("TRN").el("2").freeText(c.id(), 50).end();
        String charge = X12Writer.amount(c.charge());
        BigDecimal amount = c.charge() == null ? BigDecimal.ZERO : c.charge();
        if (r.rejected()) {
            List<Finding> errors = r.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
            Set<String> statuses = new LinkedHashSet<>();
            for (Finding f : errors) {
                statuses.add(status(f));
            }
            List<String> s = new ArrayList<>(statuses);
            detail.segment("STC", s.get(0), today, "U", charge, "", "", "", "", "",
                    s.size() > 1 ? s.get(1) : "", s.size() > 2 ? s.get(2) : "",
                    X12Writer.text(errors.get(0).message(), 264));
            rejected++;
            rejectedAmount = rejectedAmount.add(amount);
            providerRejected++;
            providerRejectedAmount = providerRejectedAmount.add(amount);
        } else {
            detail.begin("STC").el("A2:20").el(today).el("WQ").el(charge).end();
            accepted++;
            acceptedAmount = acceptedAmount.add(amount);
            providerAccepted++;
            providerAcceptedAmount = providerAcceptedAmount.add(amount);
        }
        dates(detail, c);
        ClaimResult.Notes notes = r.notes();
        for (ServiceLine line : c.lines()) {
            // 2220D is for a rejected line: the guide allows STC03 U only there, so a line with warnings or
            // infos alone gets none (its findings are in findings.json and the listing)
            List<Finding> onLine = notes.findingsOnLine(line.number());
            if (onLine.isEmpty()) {
                continue; // nearly every line: nothing made for it
            }
            Set<String> lineStatuses = new LinkedHashSet<>();
            for (Finding f : onLine) {
                if (f.severity() == Severity.ERROR) {
                    lineStatuses.add(status(f));
                }
            }
            if (lineStatuses.isEmpty()) {
                continue;
            }
            List<String> svc = new ArrayList<>();
            svc.add(line.codeQualifier().isEmpty() ? "AD" : line.codeQualifier());
            svc.add(line.code());
            svc.addAll(line.modifiers());
            // SVC03, SVC05 and SVC06 are not used; SVC07 carries the units the 837 sent
            detail.segment("SVC", X12Writer.composite(svc.toArray(String[]::new)), X12Writer.amount(line.charge()), "",
                    "", "", "", line.quantity() == null ? "" : X12Writer.amount(line.quantity()));
            // STC04 (line charge) and STC12 are not used at 2220D; up to three statuses in STC01, STC10, STC11
            List<String> ls = new ArrayList<>(lineStatuses);
            detail.segment("STC", ls.get(0), today, "U", "", "", "", "", "", "",
                    ls.size() > 1 ? ls.get(1) : "", ls.size() > 2 ? ls.get(2) : "");
            if (!line.lineControlNumber().isEmpty()) {
                detail.segment("REF", "FJ", X12Writer.text(line.lineControlNumber(), 50));
            }
            if (line.serviceDate() != null) {
                detail.segment("DTP", "472", "D8", X12Writer.date(line.serviceDate()));
            }
        }
    }

    /**
     * Writes the current billing provider's 2000C, 2100C and 2200C (its totals are known now) and copies its
     * claims after them.
     */
    private void closeProvider() throws IOException {
        if (!providerOpen) {
            return;
        }
        providerOpen = false;
        detail.segment("HL", String.valueOf(providerHl), "2", "19", "1");
        Party n = provider == null ? Party.NONE : provider.name();
        boolean person = "1".equals(n.entityType());
        String[] id = providerId(provider);
        detail.segment("NM1", "85", person ? "1" : "2", X12Writer.text(n.lastOrOrganization(), 60),
                person ? X12Writer.text(n.first(), 35) : "", "", "", "", id[0], X12Writer.text(id[1], 80));
        detail.segment("TRN", "1", X12Writer.text(isaOf(header) + "-" + header.controlNumber() + "-" + providerHl, 50));
        // STC02 is not used at 2200C; the provider level is never rejected as a whole (the claims are, in 2200D)
        detail.segment("STC", RECEIPT, "", "WQ", X12Writer.amount(providerAcceptedAmount.add(providerRejectedAmount)));
        if (providerAccepted > 0) {
            detail.segment("QTY", "QA", String.valueOf(providerAccepted));
        }
        if (providerRejected > 0) {
            detail.segment("QTY", "QC", String.valueOf(providerRejected));
        }
        if (providerAccepted > 0) {
            detail.segment("AMT", "YU", X12Writer.amount(providerAcceptedAmount));
        }
        if (providerRejected > 0) {
            detail.segment("AMT", "YY", X12Writer.amount(providerRejectedAmount));
        }
        providerSpool.writeTo(spool);
        providerSpool.release();
        copiedSegments += providerDetail.count();
        providerDetail.resetCount();
    }

    /** NM108 and NM109 of 2100C, which allows XX (NPI), FI (tax id) and SV (service provider number) only. */
    private static String[] providerId(BillingProvider bp) {
        if (bp == null) {
            return new String[] {"XX", ""};
        }
        Party n = bp.name();
        String q = n.idQualifier();
        if ((q.equals("XX") || q.equals("FI") || q.equals("SV")) && !n.id().isEmpty()) {
            return new String[] {q, n.id()};
        }
        if (bp.npi() != null && !bp.npi().isEmpty()) {
            return new String[] {"XX", bp.npi()};
        }
        if (bp.taxId() != null && !bp.taxId().isEmpty()) {
            return new String[] {"FI", bp.taxId()};
        }
        return new String[] {"XX", n.id()};
    }

    private static String status(Finding f) {
        return f.category() + ":" + f.statusCode();
    }

    private static void dates(X12Writer detail, Claim c) throws IOException {
        LocalDate from = null;
        LocalDate to = null;
        for (ServiceLine l : c.lines()) {
            if (l.serviceDate() == null) {
                continue;
            }
            from = from == null || l.serviceDate().isBefore(from) ? l.serviceDate() : from;
            to = to == null || l.serviceDate().isAfter(to) ? l.serviceDate() : to;
        }
        if (from == null && c.serviceDate() != null) {
            from = to = c.serviceDate();
        }
        if (from == null) {
            return;
        }
        if (from.equals(to)) {
            detail.begin("DTP").el("472").el("D8").d8(from).end();
        } else {
            detail.begin("DTP").el("472").el("RD8").rd8(from, to).end();
        }
    }

    @Override
    public void transactionEnd(TransactionAck ack) throws IOException {
        if (!active) {
            return;
        }
        active = false;
        closeProvider();
        if (part) {
            main.resetCount();
            writeSetHeading();
            partSegments = main.count() + detail.count() + copiedSegments + 2;
            drainSpool();
            partWritten = true;
            return;
        }
        String stc = nextControlNumber();
        main.resetCount();
        main.segment("ST", "277", stc, IMPLEMENTATION);
        writeSetHeading();
        int headerCount = main.count();
        drainSpool();
        main.segment("SE", String.valueOf(headerCount + detail.count() + copiedSegments + 1), stc);
    }

    /** Copies the held-back claim detail into the output and empties the spool. */
    private void drainSpool() throws IOException {
        spool.writeTo(out);
        spool.release();
    }

    /** Opens the envelope for the first set, and numbers the next ST. */
    private String nextControlNumber() throws IOException {
        openEnvelope();
        stCount++;
        return X12Writer.zeros(stCount, 4);
    }

    /** BHT through the receiver's totals: what comes between a set's ST and its claims. */
    private void writeSetHeading() throws IOException {
        main.segment("BHT", "0085", "08", X12Writer.text(header.bhtReference(), 50), today, now.format(HHMM), "TH");
        main.segment("HL", "1", "", "20", "1");
        Party rcv = header.receiver();
        // 2100A NM108 allows 46, FI, PI and XV
        String q = rcv.idQualifier();
        main.segment("NM1", "AY", "2", X12Writer.text(rcv.lastOrOrganization(), 60), "", "", "", "",
                q.equals("FI") || q.equals("PI") || q.equals("XV") ? q : "46", X12Writer.text(rcv.id(), 80));
        main.segment("TRN", "1", X12Writer.text(isaOf(header) + "-" + header.controlNumber(), 50));
        main.segment("DTP", "050", "D8", today);
        main.segment("DTP", "009", "D8", today);
        main.segment("HL", "2", "1", "21", accepted + rejected > 0 ? "1" : "0");
        Party sub = header.submitter();
        // 2100B: NM102 1 (person, NM104 the first name) or 2; NM108 allows 46 (ETIN) only
        boolean person = "1".equals(sub.entityType());
        main.segment("NM1", "41", person ? "1" : "2", X12Writer.text(sub.lastOrOrganization(), 60),
                person ? X12Writer.text(sub.first(), 35) : "", "", "", "", "46", X12Writer.text(sub.id(), 80));
        main.segment("TRN", "2", X12Writer.text(header.bhtReference(), 50));
        main.segment("STC", RECEIPT, today, "WQ", X12Writer.amount(acceptedAmount.add(rejectedAmount)));
        if (accepted > 0) {
            main.segment("QTY", "90", String.valueOf(accepted));
        }
        if (rejected > 0) {
            main.segment("QTY", "AA", String.valueOf(rejected));
        }
        if (accepted > 0) {
            main.segment("AMT", "YU", X12Writer.amount(acceptedAmount));
        }
        if (rejected > 0) {
            main.segment("AMT", "YY", X12Writer.amount(rejectedAmount));
        }
    }

    private static String isaOf(TransactionHeader h) {
        return h.interchange() == null ? "" : h.interchange().controlNumber();
    }

    private void openEnvelope() throws IOException {
        if (envelopeOpen) {
            return;
        }
        envelopeOpen = true;
        Interchange ic = interchange;
        // our own numbers, never the input's: the TRNs of each set still name the input's ISA13 and ST02
        isaControl = AckEnvelope.isa13(number);
        gsControl = Long.toString(number);
        AckEnvelope.isa(main, ic, now, isaControl, ours);
        main.segment("GS", "HN", AckEnvelope.gsSender(group, ours), AckEnvelope.gsReceiver(group, ours), today,
                now.format(HHMM),
                gsControl, "X", IMPLEMENTATION);
    }

    @Override
    public void end(FileAck syntax, ScrubSummary summary) throws IOException {
        providerSpool.release();
        spool.release();
        if (!envelopeOpen) {
            return;
        }
        main.segment("GE", String.valueOf(stCount), gsControl);
        main.segment("IEA", "1", isaControl);
        out.flush();
    }
}
