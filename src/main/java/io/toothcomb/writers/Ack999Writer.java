package io.toothcomb.writers;

import io.toothcomb.control.OurIds;
import io.toothcomb.loader.ClaimLoader;
import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.GroupAck;
import io.toothcomb.loader.InterchangeAck;
import io.toothcomb.loader.SyntaxError;
import io.toothcomb.loader.TransactionAck;
import io.toothcomb.model.FunctionalGroup;
import io.toothcomb.model.Interchange;
import io.toothcomb.result.Fragment;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.result.SetWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the 999 implementation acknowledgment (005010X231A1) of one file: one ST per functional group of
 * the 837 (AK1), one AK2 per transaction set with IK3/IK4 for segment and element errors and IK5 for its
 * verdict, and AK9 for the group. A file with no readable group still gets a 999 that rejects it (AK1 group
 * control number 0, AK9 R).
 */
public final class Ack999Writer extends SetJoiner<SetWriter.Part> {
    public static final String IMPLEMENTATION = "005010X231A1";
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    private final OutputStream out;
    private final Clock clock;
    private final long number;
    private final OurIds ours;

    /**
     * Writes to {@code out}; {@code number} is this answer's own ISA13 and GS06 (from our control-number sequence,
     * never the input's), and {@code ours} says whom it is from and to.
     */
    public Ack999Writer(OutputStream out, Clock clock, long number, OurIds ours) {
        this.out = out;
        this.clock = clock;
        this.number = number;
        this.ours = ours;
    }

    /** The 999 is written from the file's verdict at the end: segments are not part of this output. */
    @Override
    public boolean wantsCleanSegments() {
        return false;
    }

    /** The 999 is written from the whole file's verdict at the end: a set's part writes nothing. */
    @Override
    public Part forSet(OutputStream partOut) {
        return NOTHING;
    }

    /** Wants no segment, so that a split scrub does not call it for each one. */
    private static final Part NOTHING = new Part() {
        @Override
        public boolean wantsCleanSegments() {
            return false;
        }

        @Override
        public void finish() {
        }
    };

    /** Its parts write nothing. */
    @Override
    void place(Fragment bytes) {
    }

    @Override
    public void end(FileAck ack, ScrubSummary summary) throws IOException {
        write(ack);
        out.flush();
    }

    /** Writes the whole 999 for a file's envelope and syntax verdict. */
    public void write(FileAck ack) throws IOException {
        ZonedDateTime now = ZonedDateTime.now(clock);
        X12Writer w = new X12Writer(out);
        Interchange ic = ack.interchanges().isEmpty() ? null : ack.interchanges().get(0);
        // our own numbers: ISA13 = GS06 from our sequence, ST02 counting our sets; AK1/AK2 below still name the
        // input's GS06 and ST02, which are what this answers
        String control = AckEnvelope.isa13(number);
        AckEnvelope.isa(w, ic, now, control, ours);
        // an interchange rejected at its envelope (ISA/IEA, or a segment outside its group) gets a TA1, which
        // X12 places between our ISA and our GS; its groups are then rejected in the 999 below (AK9 R, none
        // accepted), so that no part of the answer accepts what the TA1 rejects
        for (InterchangeAck i : ack.interchangeAcks()) {
            if (i.rejected()) {
                AckEnvelope.ta1(w, i.interchange(), now, "R", i.code());
            }
        }
        FunctionalGroup first = ack.groups().isEmpty() ? null : ack.groups().get(0).group();
        String gsControl = Long.toString(number);
        w.segment("GS", "FA", AckEnvelope.gsSender(first, ours), AckEnvelope.gsReceiver(first, ours), now.format(CCYYMMDD),
                now.format(HHMM), gsControl, "X", IMPLEMENTATION);
        int st = 0;
        if (ack.groups().isEmpty()) {
            st++;
            w.resetCount();
            String stc = X12Writer.zeros(st, 4);
            w.segment("ST", "999", stc, IMPLEMENTATION);
            w.segment("AK1", "HC", "0", ClaimLoader.IMPLEMENTATION);
            w.segment("AK9", "R", "0", "0", "0");
            w.segment("SE", String.valueOf(w.count() + 1), stc);
        }
        for (GroupAck g : ack.groups()) {
            st++;
            w.resetCount();
            String stc = X12Writer.zeros(st, 4);
            w.segment("ST", "999", stc, IMPLEMENTATION);
            FunctionalGroup fg = g.group();
            // AK101 echoes GS01 (HC, HS, HP, FA...) when it is a functional identifier code at all; AK102 the
            // GS06 when it is N0 1/9; AK103 the GS08 when it can be copied (situational, else left out)
            w.segment("AK1", AckEnvelope.code(fg.functionalId(), 2, 2) ? fg.functionalId() : "HC",
                    AckEnvelope.digits(fg.controlNumber(), 1, 9) ? fg.controlNumber() : "0",
                    AckEnvelope.an(fg.version(), 1, 12, ""));
            for (TransactionAck t : g.transactions()) {
                transaction(w, t);
            }
            List<String> ak9 = new ArrayList<>();
            // a group rejected as a whole (its own GS/GE, or its interchange) accepts none of its sets, whatever
            // their own IK5 says: IK5 reports each set's syntax, AK904 what goes on to be processed
            ak9.add(ack.status(g));
            ak9.add(String.valueOf(g.declaredTransactions()));
            ak9.add(String.valueOf(g.transactions().size()));
            ak9.add(String.valueOf(ack.acceptedCount(g)));
            for (String code : g.ak9Codes()) {
                if (ak9.size() < 9 && AK9_CODES.contains(code) && !ak9.subList(4, ak9.size()).contains(code)) {
                    ak9.add(code);
                }
            }
            w.segment("AK9", ak9.toArray(String[]::new));
            w.segment("SE", String.valueOf(w.count() + 1), stc);
        }
        w.segment("GE", String.valueOf(st), gsControl);
        w.segment("IEA", "1", control);
    }

    /** IK304, segment syntax error codes (code list 620). */
    static final Set<String> IK304_CODES = Set.of("1", "2", "3", "4", "5", "6", "7", "8", "I4", "I6", "I7", "I8", "I9");
    /** IK403, element syntax error codes (code list 621). */
    static final Set<String> IK403_CODES = Set.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "12", "13",
            "I6", "I9", "I10", "I11", "I12", "I13");
    /** IK502-IK506, transaction set syntax error codes (code list 618). */
    static final Set<String> IK5_CODES = Set.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13",
            "15", "16", "17", "18", "19", "23", "24", "25", "26", "27", "I5", "I6");
    /** AK905-AK909, functional group syntax error codes (code list 716). */
    static final Set<String> AK9_CODES = Set.of("1", "2", "3", "4", "5", "6", "10", "11", "12", "13", "14", "15",
            "16", "17", "18", "19", "23", "24", "25", "26");
    /** IK403 codes that say the element is missing: there is no value to copy into IK404. */
    private static final Set<String> MISSING = Set.of("1", "2", "I9");

    private void transaction(X12Writer w, TransactionAck t) throws IOException {
        // AK2 copies ST01-ST03, which a corrupt ST may not hold: AK201 (ID 3) and AK202 (AN 4/9) are required,
        // so an invalid one is replaced (837, what a GS*HC group carries; 0000, no control number); AK203
        // (AN 1/35) is situational and left out
        w.segment("AK2", AckEnvelope.code(t.transactionId(), 3, 3) ? t.transactionId() : "837",
                AckEnvelope.an(t.controlNumber(), 4, 9, "0000"), AckEnvelope.an(t.implementation(), 1, 35, ""));
        // IK3 once per segment in error, its IK4s beneath
        Map<String, List<SyntaxError>> bySegment = new LinkedHashMap<>();
        for (SyntaxError e : t.errors()) {
            if (e.level() == SyntaxError.Level.SEGMENT) {
                bySegment.computeIfAbsent(e.segment() + ":" + e.segmentId(), k -> new ArrayList<>()).add(e);
            }
        }
        for (List<SyntaxError> errs : bySegment.values()) {
            SyntaxError first = errs.get(0);
            boolean elementErrors = errs.stream().anyMatch(e -> e.element() > 0);
            // IK304 from code list 620 only; a code outside it becomes the closest general one
            String code = elementErrors ? "8" : IK304_CODES.contains(first.segmentErrorCode())
                    ? first.segmentErrorCode() : "2";
            if (!AckEnvelope.code(first.segmentId(), 2, 3)) {
                continue; // IK301 (ID 2/3) cannot echo a garbled segment id; IK5 still says 5
            }
            w.segment("IK3", first.segmentId(), String.valueOf(first.positionInTransaction()),
                    loopId(first.loopId()), code);
            // CTX business unit identifier: the claim (CLM01) the error is in, where it can be copied (C998-02 is
            // AN 1/35 and may not hold our delimiters)
            String claimId = AckEnvelope.an(first.claimId(), 1, 35, "");
            if (!claimId.isEmpty()) {
                w.segment("CTX", X12Writer.composite("CLM01", claimId));
            }
            for (SyntaxError e : errs) {
                if (e.element() > 0) {
                    String pos = e.component() > 0 ? X12Writer.composite(String.valueOf(e.element()),
                            String.valueOf(e.component())) : String.valueOf(e.element());
                    String ik403 = IK403_CODES.contains(e.elementErrorCode()) ? e.elementErrorCode() : "I12";
                    w.segment("IK4", pos, AckEnvelope.digits(e.dataElementRef(), 1, 4) ? e.dataElementRef() : "",
                            ik403, badValue(ik403, e.badValue()));
                }
            }
        }
        List<String> ik5 = new ArrayList<>();
        if (t.syntaxAccepted()) {
            ik5.add("A");
        } else {
            ik5.add("R");
            List<String> codes = new ArrayList<>();
            for (String c : t.ik5Codes()) {
                if (IK5_CODES.contains(c) && !codes.contains(c)) {
                    codes.add(c);
                }
            }
            if ((!bySegment.isEmpty() || codes.isEmpty()) && !codes.contains("5")) {
                codes.add("5");
            }
            ik5.addAll(codes.subList(0, Math.min(5, codes.size())));
        }
        w.segment("IK5", ik5.toArray(String[]::new));
    }

    /**
     * IK303 (element 447, AN 1/4): the loop id cut to its first four characters (2010 for 2010BB), as the guide
     * asks; left out for a segment outside any numbered loop (the header), where there is no loop id to give.
     */
    static String loopId(String loop) {
        if (loop == null || loop.length() < 4 || !AckEnvelope.digits(loop.substring(0, 4), 4, 4)) {
            return "";
        }
        return loop.substring(0, 4);
    }

    /**
     * IK404 (AN 1/99), the copy of the bad value: only where X12 allows one (not for a missing element, IK403 1, 2
     * or I9) and only when it can be copied as it is (no delimiter, nothing outside printable ASCII); at most 99
     * characters.
     */
    static String badValue(String ik403, String bad) {
        if (bad == null || MISSING.contains(ik403)) {
            return "";
        }
        String v = bad.trim();
        if (!AckEnvelope.copyable(v)) {
            return "";
        }
        return v.length() > 99 ? v.substring(0, 99).trim() : v;
    }

    static long controlDigits(String s) {
        return AckEnvelope.controlNumber(s, 1);
    }
}
