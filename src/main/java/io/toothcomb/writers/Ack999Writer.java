package io.toothcomb.writers;

import io.toothcomb.loader.ClaimLoader;
import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.GroupAck;
import io.toothcomb.loader.SyntaxError;
import io.toothcomb.loader.TransactionAck;
import io.toothcomb.model.Interchange;
import io.toothcomb.scrub.Fragment;
import io.toothcomb.scrub.ScrubSummary;
import io.toothcomb.scrub.SetWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the 999 implementation acknowledgment (005010X231A1) of one file: one ST per functional group of
 * the 837 (AK1), one AK2 per transaction set with IK3/IK4 for segment and element errors and IK5 for its
 * verdict, and AK9 for the group. A file with no readable group still gets a 999 that rejects it (AK1 group
 * control number 0, AK9 R).
 */
public final class Ack999Writer implements SetWriter {
    public static final String IMPLEMENTATION = "005010X231A1";
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    private final OutputStream out;
    private final Clock clock;

    public Ack999Writer(OutputStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
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

    @Override
    public void join(Part part, Fragment bytes) {
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
        String control = ic == null ? "000000001" : X12Writer.zeros(digits(ic.controlNumber(), 1), 9);
        // we answer the sender: our sender is the 837's receiver and the other way round
        w.segment("ISA", "00", X12Writer.pad("", 10), "00", X12Writer.pad("", 10),
                X12Writer.pad(ic == null ? "ZZ" : ic.receiverQualifier(), 2),
                X12Writer.pad(ic == null ? "TOOTHCOMB" : ic.receiverId(), 15),
                X12Writer.pad(ic == null ? "ZZ" : ic.senderQualifier(), 2),
                X12Writer.pad(ic == null ? "UNKNOWN" : ic.senderId(), 15),
                now.format(YYMMDD), now.format(HHMM), String.valueOf(X12Writer.REPETITION), "00501", control, "0",
                ic == null || ic.usage().isEmpty() ? "P" : ic.usage(), String.valueOf(X12Writer.COMPONENT));
        String gsSender = ack.groups().isEmpty() ? "TOOTHCOMB" : ack.groups().get(0).group().receiverCode();
        String gsReceiver = ack.groups().isEmpty() ? "UNKNOWN" : ack.groups().get(0).group().senderCode();
        String gsControl = Long.toString(digits(ack.groups().isEmpty() ? "" : ack.groups().get(0).group().controlNumber(), 1));
        w.segment("GS", "FA", X12Writer.clean(gsSender), X12Writer.clean(gsReceiver), now.format(CCYYMMDD),
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
            w.segment("AK1", "HC", X12Writer.clean(g.group().controlNumber()),
                    X12Writer.clean(g.group().version()));
            for (TransactionAck t : g.transactions()) {
                transaction(w, t);
            }
            List<String> ak9 = new ArrayList<>();
            ak9.add(g.status());
            ak9.add(String.valueOf(g.declaredTransactions()));
            ak9.add(String.valueOf(g.transactions().size()));
            ak9.add(String.valueOf(g.acceptedCount()));
            for (int i = 0; i < Math.min(5, g.ak9Codes().size()); i++) {
                ak9.add(g.ak9Codes().get(i));
            }
            w.segment("AK9", ak9.toArray(String[]::new));
            w.segment("SE", String.valueOf(w.count() + 1), stc);
        }
        w.segment("GE", String.valueOf(st), gsControl);
        w.segment("IEA", "1", control);
    }

    private void transaction(X12Writer w, TransactionAck t) throws IOException {
        w.segment("AK2", X12Writer.clean(t.transactionId()), X12Writer.clean(t.controlNumber()),
                X12Writer.clean(t.implementation()));
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
            String code = elementErrors ? "8" : first.segmentErrorCode();
            w.segment("IK3", X12Writer.clean(first.segmentId()), String.valueOf(first.positionInTransaction()),
                    X12Writer.clean(first.loopId()), code);
            for (SyntaxError e : errs) {
                if (e.element() > 0) {
                    String pos = e.component() > 0 ? X12Writer.composite(String.valueOf(e.element()),
                            String.valueOf(e.component())) : String.valueOf(e.element());
                    w.segment("IK4", pos, e.dataElementRef(), e.elementErrorCode(), X12Writer.text(e.badValue(), 99));
                }
            }
        }
        List<String> ik5 = new ArrayList<>();
        if (t.accepted()) {
            ik5.add("A");
        } else {
            ik5.add("R");
            List<String> codes = new ArrayList<>(t.ik5Codes());
            if (!bySegment.isEmpty() || (codes.isEmpty() && t.errorCount() > 0)) {
                codes.add("5");
            }
            for (int i = 0; i < Math.min(5, codes.size()); i++) {
                ik5.add(codes.get(i));
            }
        }
        w.segment("IK5", ik5.toArray(String[]::new));
    }

    private static long digits(String s, long fallback) {
        if (s == null || s.isBlank()) {
            return fallback;
        }
        String t = s.trim();
        for (int i = 0; i < t.length(); i++) {
            if (!Character.isDigit(t.charAt(i))) {
                return fallback;
            }
        }
        try {
            return Long.parseLong(t.length() > 9 ? t.substring(t.length() - 9) : t);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static long controlDigits(String s) {
        return digits(s, 1);
    }
}
