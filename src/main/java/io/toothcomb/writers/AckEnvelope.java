package io.toothcomb.writers;

import io.toothcomb.control.OurIds;
import io.toothcomb.model.FunctionalGroup;
import io.toothcomb.model.Interchange;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * The envelope of every acknowledgment toothcomb writes (999, 277CA, TA1), addressed back to the sender of the
 * interchange it answers, and the checks that keep what is copied from the input within the X12 syntax.
 *
 * <p>Whatever the input held, our ISA is exactly 106 bytes with every element at its fixed width, and nothing we
 * copy carries a delimiter, a control character or a byte outside ASCII. A value that cannot be copied as it is
 * (a corrupt ISA, a non-ASCII byte in an id, an id left empty) is not mended character by character, which would
 * address someone else: it is replaced as a whole by a safe value (qualifier {@code ZZ}, mutually defined; the
 * placeholder ids {@value #OUR_ID} and {@value #UNKNOWN}), so the answer still parses and says plainly that the
 * sender could not be read.
 */
public final class AckEnvelope {
    /** Our id when the input's receiver id cannot be echoed as our sender id. */
    public static final String OUR_ID = "TOOTHCOMB";
    /** The partner's id when the input's sender id cannot be echoed. */
    public static final String UNKNOWN = "UNKNOWN";
    /** ISA05 and ISA07 (I05) codes of the 5010 HIPAA guides. */
    private static final Set<String> QUALIFIERS = Set.of("01", "14", "20", "27", "28", "29", "30", "33", "ZZ");
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    private AckEnvelope() {
    }

    /**
     * Writes our ISA answering {@code ic} (null: an input without a readable ISA). Every element is checked and
     * padded to its fixed width; {@code control} is our ISA13, nine digits, from our own sequence. The ids and
     * qualifiers are those {@code ours} sets; the others are echoed from the input, reversed.
     */
    public static void isa(X12Writer w, Interchange ic, ZonedDateTime now, String control, OurIds ours)
            throws IOException {
        // we answer the sender: our sender is the input's receiver and the other way round
        String senderQualifier = ours.senderQualifier() != null ? ours.senderQualifier()
                : qualifier(ic == null ? null : ic.receiverQualifier());
        String sender = ours.senderId() != null ? X12Writer.pad(ours.senderId(), 15)
                : fixedId(ic == null ? null : ic.receiverId(), OUR_ID);
        String receiverQualifier = ours.receiverQualifier() != null ? ours.receiverQualifier()
                : qualifier(ic == null ? null : ic.senderQualifier());
        String receiver = ours.receiverId() != null ? X12Writer.pad(ours.receiverId(), 15)
                : fixedId(ic == null ? null : ic.senderId(), UNKNOWN);
        String usage = ic != null && ("T".equals(ic.usage()) || "P".equals(ic.usage())) ? ic.usage() : "P";
        w.segment("ISA", "00", X12Writer.pad("", 10), "00", X12Writer.pad("", 10), senderQualifier, sender,
                receiverQualifier, receiver, now.format(YYMMDD), now.format(HHMM), String.valueOf(X12Writer.REPETITION),
                "00501", digits9(control), "0", usage, String.valueOf(X12Writer.COMPONENT));
    }

    /**
     * Writes a TA1 interchange acknowledgment of {@code ic}: TA101-TA103 echo its ISA13, ISA09 and ISA10 (each
     * replaced by a valid value when the input's cannot be copied: control number 1, the date and time of
     * {@code now}), TA104 is {@code A}, {@code E} or {@code R}, TA105 the note code (I18, three digits).
     */
    public static void ta1(X12Writer w, Interchange ic, ZonedDateTime now, String ack, String code)
            throws IOException {
        String date = ic != null && digits(ic.date(), 6, 6) ? ic.date() : now.format(YYMMDD);
        String time = ic != null && digits(ic.time(), 4, 4) ? ic.time() : now.format(HHMM);
        w.segment("TA1", acknowledged(ic), date, time, ack, digits(code, 3, 3) ? code : "000");
    }

    /** TA101: the ISA13 of the interchange acknowledged when it is one to nine digits, else 1; nine digits. */
    private static String acknowledged(Interchange ic) {
        return isa13(controlNumber(ic == null ? null : ic.controlNumber(), 1));
    }

    /** ISA13/IEA02 {@code n}: nine digits, zero padded. */
    public static String isa13(long n) {
        return X12Writer.zeros(n, 9);
    }

    /** {@code s} as a number when it is one to nine ASCII digits (N0 1/9, GS06 and ISA13), else {@code fallback}. */
    public static long controlNumber(String s, long fallback) {
        String t = s == null ? "" : s.trim();
        if (t.isEmpty() || t.length() > 9) {
            return fallback;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return fallback;
            }
        }
        return Long.parseLong(t);
    }

    /** Our GS02: {@code ours}' when set, else the input group's GS03 when it is a valid application code (AN 2/15), else {@value #OUR_ID}. */
    public static String gsSender(FunctionalGroup g, OurIds ours) {
        return ours.groupSender() != null ? ours.groupSender() : an(g == null ? null : g.receiverCode(), 2, 15, OUR_ID);
    }

    /** Our GS03: {@code ours}' when set, else the input group's GS02 when it is a valid application code (AN 2/15), else {@value #UNKNOWN}. */
    public static String gsReceiver(FunctionalGroup g, OurIds ours) {
        return ours.groupReceiver() != null ? ours.groupReceiver() : an(g == null ? null : g.senderCode(), 2, 15, UNKNOWN);
    }

    /** True when {@code q} is an ISA05/ISA07 qualifier of the guide's list (I05). */
    public static boolean isQualifier(String q) {
        return q != null && QUALIFIERS.contains(q);
    }

    /** A qualifier of the guide's list, else ZZ (mutually defined). */
    static String qualifier(String q) {
        String t = q == null ? "" : q.trim();
        return QUALIFIERS.contains(t) ? t : "ZZ";
    }

    /** An ISA id (AN 15, fixed width): the value padded to 15 when it can be copied, else {@code fallback}. */
    static String fixedId(String id, String fallback) {
        return X12Writer.pad(an(id, 1, 15, fallback), 15);
    }

    /**
     * {@code v} trimmed when it is an X12 AN value of {@code min} to {@code max} characters that we can copy: only
     * printable ASCII (the basic and extended character sets), none of our delimiters; else {@code fallback}.
     */
    public static String an(String v, int min, int max, String fallback) {
        String t = v == null ? "" : v.trim();
        return t.length() >= min && t.length() <= max && copyable(t) ? t : fallback;
    }

    /** True when every character of {@code v} is printable ASCII and none is one of our four delimiters. */
    public static boolean copyable(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c > 0x7E || c == X12Writer.ELEMENT || c == X12Writer.COMPONENT
                    || c == X12Writer.REPETITION || c == X12Writer.TERMINATOR) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code v} is {@code min} to {@code max} ASCII digits. */
    public static boolean digits(String v, int min, int max) {
        if (v == null || v.length() < min || v.length() > max) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** True when {@code v} is {@code min} to {@code max} ASCII upper-case letters or digits (an ID value). */
    public static boolean code(String v, int min, int max) {
        if (v == null || v.length() < min || v.length() > max) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    private static String digits9(String control) {
        return digits(control, 9, 9) ? control : X12Writer.zeros(controlNumber(control, 1), 9);
    }
}
