package io.toothcomb.loader;

import io.toothcomb.guide.GuideValidator;
import io.toothcomb.loader.SyntaxError.Level;
import io.toothcomb.model.Interchange;
import io.toothcomb.reader.Segment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The envelope's bookkeeping for the 999 and the TA1s: the interchanges read and each one's TA1 verdict, the
 * groups' and transaction sets' errors and codes (AK9, IK5) as {@link ClaimLoader} finds them, and the checks of
 * the ISA's fixed elements. Errors found on the segment being read also go to the loader's list for it
 * ({@code current}), which hands them on with the segment.
 */
final class AckBook {
    /** The loader's errors on the segment being read. */
    private final List<SyntaxError> current;

    // file
    final List<Interchange> interchanges = new ArrayList<>();
    final List<GroupAck> groupAcks = new ArrayList<>();
    final List<SyntaxError> fileErrors = new ArrayList<>();
    /** TA105 code and first problem of each interchange read, in the order of {@link #interchanges} (code "": sound). */
    final List<String[]> interchangeVerdicts = new ArrayList<>();
    final List<SyntaxError> warnings = new ArrayList<>(0);

    // group
    List<TransactionAck> txAcks;
    Set<String> stControls;
    List<String> ak9Codes;
    List<SyntaxError> groupErrors;

    // transaction
    List<SyntaxError> txErrors;
    int txErrorCount;
    List<String> ik5;
    int txClaims;

    AckBook(List<SyntaxError> current) {
        this.current = current;
    }

    /** A GS: the group's lists, empty. */
    void startGroup() {
        txAcks = new ArrayList<>();
        stControls = new HashSet<>();
        ak9Codes = new ArrayList<>(2);
        groupErrors = new ArrayList<>(2);
    }

    /** An ST: the set's lists, empty. */
    void startTransaction() {
        txErrors = new ArrayList<>();
        txErrorCount = 0;
        ik5 = new ArrayList<>(2);
        txClaims = 0;
    }

    void addGroupError(Segment s, int element, String ref, String ak9Code, String message) {
        if (!ak9Codes.contains(ak9Code)) {
            ak9Codes.add(ak9Code);
        }
        SyntaxError e = new SyntaxError(s.ordinal(), s.id(), 0, "", "", element, 0, ref, "", "", Level.GROUP, message);
        groupErrors.add(e);
        current.add(e);
    }

    /** An IK5 code of the set being read; {@code s} null: at the set's end, where its SE is missing. */
    void addIk5(String code, Segment s, int position, String loop, String message) {
        if (!ik5.contains(code)) {
            ik5.add(code);
        }
        SyntaxError e = new SyntaxError(s == null ? 0 : s.ordinal(), s == null ? "SE" : s.id(),
                s == null ? 0 : position, loop, "", 0, 0, "", "", "", Level.TRANSACTION, message);
        txErrorCount++;
        if (txErrors.size() < ClaimLoader.MAX_ERRORS_PER_TRANSACTION) {
            txErrors.add(e);
        }
        if (s != null) {
            current.add(e);
        }
    }

    /** An error of the set being read, kept up to the most a 999 reports. */
    void countError(SyntaxError e) {
        txErrorCount++;
        if (txErrors.size() < ClaimLoader.MAX_ERRORS_PER_TRANSACTION) {
            txErrors.add(e);
        }
    }

    /** TA105 023: improper (premature) end of file: no IEA, a truncated segment. */
    static final String TA1_END_OF_FILE = "023";
    /** TA105 022: invalid control structure: an ISA or IEA out of place or unreadable. */
    static final String TA1_STRUCTURE = "022";
    /** TA105 024: invalid interchange content: a GS, ST, SE, GE or other segment outside its envelope. */
    static final String TA1_CONTENT = "024";
    /** ISA05/ISA07 codes of the 5010 HIPAA guides (I05). */
    private static final Set<String> QUALIFIERS = Set.of("01", "14", "20", "27", "28", "29", "30", "33", "ZZ");

    /** An error that rejects the interchange it is in (or, between interchanges, the one before it) with a TA1. */
    void interchangeError(SyntaxError e, String ta1Code) {
        fileErrors.add(e);
        rejectInterchange(ta1Code, e.message());
    }

    /** Rejects the interchange being read, or the last one read; the first problem found gives the TA1 code. */
    void rejectInterchange(String ta1Code, String message) {
        if (interchangeVerdicts.isEmpty()) {
            return; // no ISA was read: nothing a TA1 could answer; the 999 rejects the file (AK1*HC*0)
        }
        String[] v = interchangeVerdicts.get(interchangeVerdicts.size() - 1);
        if (v[0].isEmpty()) {
            v[0] = ta1Code;
            v[1] = message;
        }
    }

    /**
     * The ISA's fixed elements, as a clearinghouse checks them before it opens the interchange (SNIP type 1):
     * a value it cannot route or answer (a qualifier not in the guide's list, an id that is empty or not printable
     * ASCII, a date, time, version, control number or indicator out of its format) rejects the interchange with the
     * TA1 note code for that element.
     */
    void checkIsa(Segment s) {
        String[][] checks = {
            {"5", "005", QUALIFIERS.contains(s.trimmed(5)) ? "" : "ISA05 sender id qualifier '" + s.trimmed(5)
                    + "' is not one of " + new java.util.TreeSet<>(QUALIFIERS)},
            {"6", "006", printableId(s.trimmed(6)) ? "" : "ISA06 sender id is empty or holds characters outside ASCII"},
            {"7", "007", QUALIFIERS.contains(s.trimmed(7)) ? "" : "ISA07 receiver id qualifier '" + s.trimmed(7)
                    + "' is not one of " + new java.util.TreeSet<>(QUALIFIERS)},
            {"8", "008", printableId(s.trimmed(8)) ? "" : "ISA08 receiver id is empty or holds characters outside ASCII"},
            {"9", "014", dateTime(s.element(9), "yyMMdd") ? "" : "ISA09 interchange date is not a YYMMDD date"},
            {"10", "015", dateTime(s.element(10), "HHmm") ? "" : "ISA10 interchange time is not an HHMM time"},
            {"12", "017", s.elementIs(12, "00501") ? "" : "ISA12 version is not 00501"},
            {"13", "018", s.element(13).matches("[0-9]{9}") ? "" : "ISA13 control number is not nine digits"},
            {"14", "019", s.elementIs(14, "0") || s.elementIs(14, "1") ? "" : "ISA14 is neither 0 nor 1"},
            {"15", "020", s.elementIs(15, "P") || s.elementIs(15, "T") ? "" : "ISA15 usage indicator is neither P nor T"},
        };
        for (String[] c : checks) {
            if (!c[2].isEmpty()) {
                SyntaxError e = new SyntaxError(s.ordinal(), s.id(), 0, "", "", Integer.parseInt(c[0]), 0, "", "", "",
                        Level.INTERCHANGE, c[2]);
                interchangeError(e, c[1]);
                current.add(e);
            }
        }
    }

    private static boolean printableId(String v) {
        if (v.isEmpty()) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < 0x20 || v.charAt(i) > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static boolean dateTime(String v, String pattern) {
        if (!v.matches("[0-9]{" + pattern.length() + "}")) {
            return false;
        }
        int a = Integer.parseInt(v.substring(0, 2));
        int b = Integer.parseInt(v.substring(2, 4));
        if (pattern.equals("HHmm")) {
            return a < 24 && b < 60;
        }
        int d = Integer.parseInt(v.substring(4, 6));
        return b >= 1 && b <= 12 && d >= 1 && d <= GuideValidator.daysInMonth(2000 + a, b);
    }

    static SyntaxError fileError(Segment s, String message) {
        return new SyntaxError(s.ordinal(), s.id(), 0, "", "", 0, 0, "", "", "", Level.INTERCHANGE, message);
    }

    static int parseCount(String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
