package io.toothcomb.loader;

import io.toothcomb.model.Attachment;
import io.toothcomb.model.BillingProvider;
import io.toothcomb.model.Claim;
import io.toothcomb.model.ClaimDate;
import io.toothcomb.model.Diagnosis;
import io.toothcomb.model.FunctionalGroup;
import io.toothcomb.model.Interchange;
import io.toothcomb.model.LineAdjudication;
import io.toothcomb.model.ModelList;
import io.toothcomb.model.Narrative;
import io.toothcomb.model.OtherPayer;
import io.toothcomb.model.Party;
import io.toothcomb.model.Patient;
import io.toothcomb.model.Payer;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.Subscriber;
import io.toothcomb.model.Tooth;
import io.toothcomb.model.TransactionHeader;
import io.toothcomb.reader.Segment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the claim model of one transaction set from its segments, as {@link ClaimLoader} reads them: the
 * transaction heading, the provider, subscriber and patient a claim hangs from, and the claim with its lines.
 * The loader has checked each segment and knows its loop; this class only keeps what the model holds. When the
 * loader only checks ({@code build} false), it keeps what the loader itself needs: whether a claim or a line is
 * open, which loop of it (2320, 2430), its CLM01, and the counts.
 */
final class ModelBuilder {
    /** False when the loader builds no claims: only the claim's and line's position is kept. */
    private final boolean build;

    // the transaction heading
    TransactionHeader header;
    String bhtPurpose = "";
    String bhtRef = "";
    String bhtDate = "";
    String bhtTime = "";
    String bhtType = "";
    private Party submitter = Party.NONE;
    private Party receiver = Party.NONE;

    // context
    private BillingProvider provider;
    private String bpHl = "";
    private Party bpName = Party.NONE;
    private String bpTaxId = "";
    private String bpTaxonomy = "";
    private int bpSegment;
    private Subscriber subscriber;
    private Patient patient;
    private Payer payer;
    private String sbHl = "";
    private boolean sbIsPatient = true;
    private String sbrPayer = "";
    private String sbrRelationship = "";
    private String sbrGroup = "";
    private String sbrFiling = "";
    private Party sbName = Party.NONE;
    private LocalDate sbBirth;
    private String sbGender = "";
    private int sbSegment;
    private String ptHl = "";
    private String ptRel = "";
    private Party ptName = Party.NONE;
    private LocalDate ptBirth;
    private String ptGender = "";
    private int ptSegment;
    private boolean inPatientLevel;

    // claim
    /** The claim being read, null outside claims. */
    ClaimBuilder claim;
    /** The service line being read, null outside lines. */
    LineBuilder line;
    /** The builders, reused from claim to claim and line to line (what they hold is copied when built). */
    private final ClaimBuilder claimBuilder = new ClaimBuilder();
    private final LineBuilder lineBuilder = new LineBuilder();
    boolean in2320;
    boolean in2430;

    ModelBuilder(boolean build) {
        this.build = build;
    }

    /** An ST: a new transaction set, with nothing of the last one's heading or context. */
    void startTransaction() {
        header = null;
        bhtPurpose = bhtRef = bhtDate = bhtTime = bhtType = "";
        submitter = receiver = Party.NONE;
        resetProvider();
        resetSubscriber();
    }

    /** The transaction heading, made once its last segment has been read (before the first HL or CLM). */
    TransactionHeader header(Interchange interchange, FunctionalGroup group, String stControl, String stImpl,
                             int stSegment) {
        header = new TransactionHeader(interchange, group, stControl, stImpl, bhtPurpose, bhtRef, bhtDate, bhtTime,
                bhtType, submitter, receiver, stSegment);
        return header;
    }

    void bht(Segment s) {
        bhtPurpose = s.element(2);
        bhtRef = s.element(3);
        bhtDate = s.element(4);
        bhtTime = s.element(5);
        bhtType = s.element(6);
    }

    /** An SVD: a line's adjudication by another payer (2430). */
    void svd(Segment s) {
        if (line != null) {
            in2430 = true;
            if (build) {
                closeAdjudication();
                line.adjOpen = true;
                line.adjPayer = s.element(1);
                line.adjPaid = s.decimal(2); // SVD02 is checked by the guide
                line.adjSegment = s.ordinal();
            }
        }
    }

    void prv(Segment s, String loop) {
        if (build && loop.startsWith("20") && claim == null) {
            bpTaxonomy = s.element(3);
            provider = null;
        }
    }

    void pat(Segment s) {
        if (build && inPatientLevel && claim == null) {
            ptRel = s.element(1);
        }
    }

    void nte(Segment s) {
        if (build && claim != null && line == null && !in2320) {
            claim.narratives.add(new Narrative(s.element(1), s.element(2), s.ordinal()));
        }
    }

    void pwk(Segment s) {
        if (build && claim != null && line == null && !in2320) {
            claim.attachments.add(new Attachment(s.element(1), s.element(2), s.element(5), s.element(6),
                    s.ordinal()));
        }
    }

    void hi(Segment s) {
        if (build && claim != null && line == null) {
            for (int i = 1; i <= s.elementCount(); i++) {
                if (s.has(i)) {
                    claim.diagnoses.add(new Diagnosis(s.component(i, 1), s.component(i, 2),
                            s.ordinal()));
                }
            }
        }
    }

    void amt(Segment s, String loop) {
        // AMT*D, the other payer's paid amount, is the one amount of 2320 the model keeps
        if (in2320 && build && claim != null && claim.opOpen && "2320".equals(loop) && s.elementIs(1, "D")) {
            claim.opPaid = s.decimal(2);
            claim.opPaidSegment = s.ordinal();
        }
    }

    /** An HL, after the claim before it is closed and the heading made. */
    void hl(Segment s) {
        int level = s.elementIs(3, "20") ? 20 : s.elementIs(3, "22") ? 22 : s.elementIs(3, "23") ? 23 : 0;
        switch (level) {
            case 20 -> {
                resetProvider();
                resetSubscriber();
                bpHl = build ? s.element(1) : "";
                bpSegment = s.ordinal();
            }
            case 22 -> {
                resetSubscriber();
                sbHl = build ? s.element(1) : "";
                sbSegment = s.ordinal();
                sbIsPatient = !s.elementIs(4, "1");
            }
            case 23 -> {
                patient = null;
                ptHl = build ? s.element(1) : "";
                ptSegment = s.ordinal();
                ptRel = "";
                ptName = Party.NONE;
                ptBirth = null;
                ptGender = "";
                inPatientLevel = true;
                if (subscriber != null && subscriber.isPatient()) {
                    subscriber = null;
                }
                sbIsPatient = false;
            }
            default -> {
                // the guide reports the level code
            }
        }
    }

    private void resetProvider() {
        provider = null;
        bpHl = "";
        bpName = Party.NONE;
        bpTaxId = bpTaxonomy = "";
        bpSegment = 0;
    }

    private void resetSubscriber() {
        subscriber = null;
        patient = null;
        payer = null;
        sbHl = "";
        sbIsPatient = true;
        sbrPayer = sbrRelationship = sbrGroup = sbrFiling = "";
        sbName = Party.NONE;
        sbBirth = null;
        sbGender = "";
        sbSegment = 0;
        inPatientLevel = false;
        ptHl = "";
    }

    private static Party party(Segment s) {
        return new Party(s.element(1), s.element(2), s.element(3), s.element(4), s.element(8), s.element(9), s.ordinal());
    }

    /** The names the model keeps, by the loop the guide put the NM1 in. */
    void nm1(Segment s, String loop) {
        switch (loop) {
            case "1000A" -> submitter = party(s);
            case "1000B" -> receiver = party(s);
            case "2010AA" -> {
                bpName = build ? party(s) : Party.NONE;
                provider = null;
            }
            case "2010BA" -> {
                sbName = build ? party(s) : Party.NONE;
                subscriber = null;
            }
            case "2010BB" -> payer = build ? new Payer(s.element(3), s.element(8), s.element(9), s.ordinal()) : null;
            case "2010CA" -> {
                ptName = build ? party(s) : Party.NONE;
                patient = null;
            }
            case "2330B" -> {
                if (build && claim != null && claim.opOpen) {
                    claim.opId = s.element(9);
                }
            }
            default -> {
                // other parties are carried in the segments; no rule reads them
            }
        }
    }

    void ref(Segment s, String loop) {
        String q = s.element(1);
        if (claim == null) {
            if ("2010AA".equals(loop) && (q.equals("EI") || q.equals("SY"))) {
                bpTaxId = s.element(2);
                provider = null;
            }
            return;
        }
        if (line != null) {
            if (!in2430 && q.equals("6R")) {
                line.lineControl = s.element(2);
            }
        } else if (!in2320 && loop.equals("2300")) {
            if (q.equals("F8")) {
                claim.payerClaimControl = s.element(2);
            } else if (q.equals("G3")) {
                claim.predetermination = s.element(2);
            }
        }
    }

    /** A DMG outside claims, with its birth date {@code d} (null when missing or not a date). */
    void dmg(Segment s, String loop, LocalDate d) {
        if ("2010BA".equals(loop)) {
            sbBirth = d;
            sbGender = s.element(3);
            subscriber = null;
        } else if ("2010CA".equals(loop)) {
            ptBirth = d;
            ptGender = s.element(3);
            patient = null;
        }
    }

    void sbr(Segment s) {
        if (claim != null) {
            in2320 = true;
            if (build && line == null) {
                closeOtherPayer();
                claim.opOpen = true;
                claim.opSegment = s.ordinal();
            }
            return;
        }
        if (build) {
            sbrPayer = s.element(1);
            sbrRelationship = s.element(2);
            sbrGroup = s.element(3);
            sbrFiling = s.element(9);
            subscriber = null;
        }
    }

    /** A CLM, after the claim before it is closed and the heading made. */
    void clm(Segment s) {
        claim = claimBuilder.reset();
        claim.segment = s.ordinal();
        claim.id = build ? s.element(1) : "";
        claim.claimId = s.element(1);
        in2320 = false;
        in2430 = false;
        line = null;
        // CLM01 and CLM02 are checked by the guide (required, length, an R number)
        claim.charge = s.decimal(2);
        if (build) {
            claim.pos = s.component(5, 1);
            claim.frequency = s.component(5, 3);
        }
    }

    /** A date of the claim or of a line, read and checked by the loader (dates of 2320 and 2430 are not kept). */
    void dtp(Segment s, LocalDate from, LocalDate to) {
        String q = s.elementIs(1, "472") ? "472" : s.element(1); // the date of service, nearly always
        ClaimDate d = new ClaimDate(q, from, to, s.ordinal());
        if (line != null) {
            line.dates.add(d);
            if (q.equals("472")) {
                line.serviceDate = from;
            }
        } else {
            claim.dates.add(d);
            if (q.equals("472")) {
                claim.serviceDate = from;
            }
        }
    }

    /** An LX; {@code position} is its place in the set, counted from ST = 1. */
    void lx(Segment s, int position) {
        if (claim == null) {
            return; // the guide reports it as unexpected
        }
        closeLine();
        if (in2320 && build) {
            closeOtherPayer();
        }
        in2320 = false;
        in2430 = false;
        line = lineBuilder.reset();
        line.segment = s.ordinal();
        line.position = position;
        try {
            long n = s.elementLength(1) <= 9 ? s.digits(1, 0, s.elementLength(1)) : -1;
            line.number = n >= 0 ? (int) n : Integer.parseInt(s.element(1));
        } catch (NumberFormatException e) {
            line.number = claim.lineCount + 1; // the guide reports LX01
        }
    }

    void sv3(Segment s) {
        if (line == null || in2430 || line.sv3Segment != 0) {
            return; // outside a line, or a second SV3: the guide reports it
        }
        line.sv3Segment = s.ordinal();
        if (build) {
            line.qualifier = s.component(1, 1);
            line.code = s.component(1, 2);
            if (s.componentCount(1) > 2) {
                List<String> c = s.components(1);
                line.modifiers = c.size() > 2 ? c.subList(2, Math.min(c.size(), 6)) : List.of();
            } else {
                line.modifiers = List.of();
            }
        }
        // SV301-02, SV302 and SV306 are checked by the guide
        line.charge = s.decimal(2);
        if (build) {
            line.pos = s.element(3);
            line.areas = s.componentList(4);
            line.prosthesis = s.element(5);
        }
        if (s.has(6)) {
            line.quantity = s.decimal(6);
        }
        if (build) {
            line.pointers = s.componentList(11);
        }
    }

    void too(Segment s) {
        if (line == null || in2430) {
            return; // the guide reports it
        }
        if (build) {
            line.teeth.add(new Tooth(s.element(1), s.element(2), s.componentList(3), s.ordinal()));
        }
    }

    /**
     * CAS: the adjustment amounts (CAS03, 06, 09, 12, 15, 18) of the other payer of the 2320 or 2430 loop it is
     * in. Only claims with other payers have it.
     */
    void cas(Segment s, String loop) {
        if (!build || claim == null) {
            return;
        }
        List<BigDecimal> to;
        if (in2430 && line != null && line.adjOpen && "2430".equals(loop)) {
            to = line.adjAmounts;
        } else if (in2320 && line == null && claim.opOpen && "2320".equals(loop)) {
            to = claim.opAdjustments;
        } else {
            return; // elsewhere the guide reports it
        }
        for (int i = 3; i <= 18 && i <= s.elementCount(); i += 3) {
            BigDecimal v = s.decimal(i); // an unreadable amount is the guide's to report (999)
            if (v != null) {
                to.add(v);
            }
        }
    }

    private void closeOtherPayer() {
        if (!claim.opOpen) {
            return;
        }
        claim.otherPayers.add(new OtherPayer(claim.opId, claim.opPaid, claim.opAdjustments, claim.opSegment,
                claim.opPaidSegment));
        claim.opOpen = false;
        claim.opId = "";
        claim.opPaid = null;
        claim.opPaidSegment = 0;
        claim.opSegment = 0;
        claim.opAdjustments.clear();
    }

    private void closeAdjudication() {
        if (!line.adjOpen) {
            return;
        }
        line.adjudications.add(new LineAdjudication(line.adjPayer, line.adjPaid, line.adjAmounts, line.adjSegment));
        line.adjOpen = false;
        line.adjPayer = "";
        line.adjPaid = null;
        line.adjSegment = 0;
        line.adjAmounts.clear();
    }

    private void closeLine() {
        if (line == null) {
            return;
        }
        claim.lineCount++; // a line without SV3 is the guide's to report
        if (build) {
            closeAdjudication();
            LocalDate date = line.serviceDate != null ? line.serviceDate : claim.serviceDate;
            claim.lines.add(new ServiceLine(line.number, line.qualifier, line.code, line.modifiers, line.charge,
                    line.pos, line.areas, line.prosthesis, line.quantity, line.teeth, date,
                    line.serviceDate == null && date != null, line.dates, line.lineControl, line.pointers,
                    line.segment, line.sv3Segment, line.adjudications));
        }
        line = null;
    }

    /**
     * Closes the claim being read: its last line and other payer. The loader adds what it found on the claim's
     * last segments, then takes the claim with {@link #takeClaim}.
     */
    void closeClaimLoops() {
        closeLine();
        if (build) {
            closeOtherPayer(); // a claim without lines (the guide reports that)
        }
    }

    /** The claim closed by {@link #closeClaimLoops}, built (null when the loader only checks); none is open after. */
    ClaimUnit takeClaim() {
        ClaimUnit unit = build ? unit() : null;
        claim = null;
        line = null;
        in2320 = false;
        in2430 = false;
        return unit;
    }

    private ClaimUnit unit() {
        // lines without their own date take the claim's, which may have come after them
        List<ServiceLine> lines = claim.lines;
        if (claim.serviceDate != null) {
            for (int i = 0; i < lines.size(); i++) {
                ServiceLine l = lines.get(i);
                if (l.serviceDate() == null) {
                    lines.set(i, new ServiceLine(l.number(), l.codeQualifier(), l.code(), l.modifiers(), l.charge(),
                            l.placeOfService(), l.areas(), l.prosthesis(), l.quantity(), l.teeth(), claim.serviceDate,
                            true, l.dates(), l.lineControlNumber(), l.diagnosisPointers(), l.segment(),
                            l.sv3Segment(), l.adjudications()));
                }
            }
        }
        Claim c = new Claim(claim.id, claim.charge, claim.pos, claim.frequency, claim.serviceDate,
                claim.dates, claim.narratives, claim.attachments, claim.diagnoses,
                claim.payerClaimControl, claim.predetermination, lines, header, provider(), subscriber(),
                patient(), payer, claim.segment,
                claim.segments[claim.count - 1].ordinal(), claim.otherPayers);
        // the model records copy the builder's lists themselves (ModelList); the unit's lists are copied here
        return new ClaimUnit(c, ModelList.copyOf(claim.segments, claim.count), ModelList.copyOf(claim.loops, claim.count),
                ModelList.copyOf(claim.errors), claim.situations.isEmpty() ? List.of() : List.copyOf(claim.situations));
    }

    private BillingProvider provider() {
        if (provider == null && bpSegment != 0) {
            provider = new BillingProvider(bpHl, bpName, "XX".equals(bpName.idQualifier()) ? bpName.id() : "", bpTaxId,
                    bpTaxonomy, bpSegment);
        }
        return provider;
    }

    private Subscriber subscriber() {
        if (subscriber == null && sbSegment != 0) {
            subscriber = new Subscriber(sbHl, sbrPayer, sbrRelationship, sbrGroup, sbrFiling, sbName, sbName.id(), sbBirth, sbGender,
                    sbIsPatient, sbSegment);
        }
        return subscriber;
    }

    private Patient patient() {
        if (!inPatientLevel) {
            return null;
        }
        if (patient == null) {
            patient = new Patient(ptHl, ptRel, ptName, ptBirth, ptGender, ptSegment);
        }
        return patient;
    }

    static final class ClaimBuilder {
        ClaimBuilder reset() {
            count = 0; // the arrays keep the last claim's entries until this one's overwrite them
            errors.clear();
            situations.clear();
            dates.clear();
            narratives.clear();
            attachments.clear();
            diagnoses.clear();
            lines.clear();
            otherPayers.clear();
            opOpen = false;
            opId = "";
            opPaid = null;
            opPaidSegment = 0;
            opSegment = 0;
            opAdjustments.clear();
            lineCount = 0;
            id = "";
            charge = null;
            pos = "";
            frequency = "";
            serviceDate = null;
            payerClaimControl = "";
            predetermination = "";
            segment = 0;
            return this;
        }

        /** The claim's segments and their loops, the first {@link #count} of each. */
        Segment[] segments = new Segment[32];
        LoopMark[] loops = new LoopMark[32];
        int count;

        void add(Segment s, LoopMark mark) {
            if (count == segments.length) {
                segments = java.util.Arrays.copyOf(segments, count * 2);
                loops = java.util.Arrays.copyOf(loops, count * 2);
            }
            segments[count] = s;
            loops[count] = mark;
            count++;
        }

        final List<SyntaxError> errors = new ArrayList<>(0);
        final List<SituationError> situations = new ArrayList<>(0);
        final List<ClaimDate> dates = new ArrayList<>(2);
        final List<Narrative> narratives = new ArrayList<>(0);
        final List<Attachment> attachments = new ArrayList<>(0);
        final List<Diagnosis> diagnoses = new ArrayList<>(0);
        final List<ServiceLine> lines = new ArrayList<>(4);
        /** The 2320 loops closed so far, and the one being read (when {@link #opOpen}). */
        final List<OtherPayer> otherPayers = new ArrayList<>(0);
        boolean opOpen;
        String opId = "";
        BigDecimal opPaid;
        int opPaidSegment;
        int opSegment;
        final List<BigDecimal> opAdjustments = new ArrayList<>(0);
        /** Lines closed so far (also when no ServiceLine is built). */
        int lineCount;
        String id = "";
        /** CLM01 also when no model is built: the 999's CTX names the claim an error is in. */
        String claimId = "";
        BigDecimal charge;
        String pos = "";
        String frequency = "";
        LocalDate serviceDate;
        String payerClaimControl = "";
        String predetermination = "";
        int segment;
    }

    static final class LineBuilder {
        LineBuilder reset() {
            // new lists, not cleared ones: see teeth
            teeth = new ArrayList<>();
            dates = new ArrayList<>();
            adjudications.clear();
            adjOpen = false;
            adjPayer = "";
            adjPaid = null;
            adjSegment = 0;
            adjAmounts.clear();
            number = 0;
            segment = 0;
            position = 0;
            sv3Segment = 0;
            qualifier = "";
            code = "";
            modifiers = List.of();
            charge = null;
            pos = "";
            areas = List.of();
            prosthesis = "";
            quantity = null;
            pointers = List.of();
            serviceDate = null;
            lineControl = "";
            return this;
        }

        /**
         * A line's teeth and dates, new for each line. Lists kept from line to line lived in the old generation,
         * where a collection may put one set worker's beside the other's. In one JVM of three, copying the teeth
         * list was 5% of the scrub's samples (a JFR profile of ./bench's 1M file), against under 1% in the others:
         * most likely the two workers' writes sharing a cache line. A list made for the line is young, in its own
         * thread's allocation buffer.
         */
        List<Tooth> teeth = new ArrayList<>();
        List<ClaimDate> dates = new ArrayList<>();
        /** The 2430 loops closed so far, and the one being read (when {@link #adjOpen}). */
        final List<LineAdjudication> adjudications = new ArrayList<>(0);
        boolean adjOpen;
        String adjPayer = "";
        BigDecimal adjPaid;
        int adjSegment;
        final List<BigDecimal> adjAmounts = new ArrayList<>(0);
        int number;
        int segment;
        int position;
        int sv3Segment;
        String qualifier = "";
        String code = "";
        List<String> modifiers = List.of();
        BigDecimal charge;
        String pos = "";
        List<String> areas = List.of();
        String prosthesis = "";
        BigDecimal quantity;
        List<String> pointers = List.of();
        LocalDate serviceDate;
        String lineControl = "";
    }
}
