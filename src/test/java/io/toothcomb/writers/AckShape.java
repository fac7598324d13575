package io.toothcomb.writers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that an acknowledgment interchange toothcomb wrote (999, TA1, 277CA) is well formed, on its own: a
 * 106-byte ISA with every element at its width, only printable ASCII, only the segments the guide has, each with
 * the number of elements it allows, element values of the right type and length, codes from the guide's lists,
 * and every count right (SE01, GE01, IEA01) and every control number matched.
 */
public final class AckShape {
    /** Segment id to {min, max} elements (not counting the id). */
    private static final Map<String, int[]> ELEMENTS = Map.ofEntries(
            Map.entry("ISA", new int[] {16, 16}), Map.entry("TA1", new int[] {5, 5}), Map.entry("GS", new int[] {8, 8}),
            Map.entry("ST", new int[] {2, 3}), Map.entry("AK1", new int[] {2, 3}), Map.entry("AK2", new int[] {2, 3}),
            Map.entry("IK3", new int[] {4, 4}), Map.entry("CTX", new int[] {1, 6}), Map.entry("IK4", new int[] {3, 4}),
            Map.entry("IK5", new int[] {1, 6}), Map.entry("AK9", new int[] {4, 9}), Map.entry("SE", new int[] {2, 2}),
            Map.entry("GE", new int[] {2, 2}), Map.entry("IEA", new int[] {2, 2}));
    private static final Set<String> IK304 = Set.of("1", "2", "3", "4", "5", "6", "7", "8", "I4", "I6", "I7", "I8", "I9");
    private static final Set<String> IK403 = Set.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "12", "13",
            "I6", "I9", "I10", "I11", "I12", "I13");
    private static final Set<String> IK5 = Set.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13",
            "15", "16", "17", "18", "19", "23", "24", "25", "26", "27", "I5", "I6");
    private static final Set<String> AK9 = Set.of("1", "2", "3", "4", "5", "6", "10", "11", "12", "13", "14", "15",
            "16", "17", "18", "19", "23", "24", "25", "26");
    private static final Set<String> QUALIFIERS = Set.of("01", "14", "20", "27", "28", "29", "30", "33", "ZZ");

    private AckShape() {
    }

    /** The segments of an acknowledgment as written ({@code ~} and a newline after each), without terminators. */
    public static List<String> segments(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        assertTrue(text.endsWith("~\n"), "ends with a terminator and a newline");
        return Arrays.asList(text.substring(0, text.length() - 2).split("~\n", -1));
    }

    /** Asserts that {@code bytes} is one well-formed 999 interchange (a TA1 may come before its group). */
    public static List<String> assert999(byte[] bytes, String what) {
        return assertInterchange(bytes, what, true);
    }

    /** Asserts that {@code bytes} is one well-formed interchange holding TA1 segments only. */
    public static List<String> assertTa1(byte[] bytes, String what) {
        return assertInterchange(bytes, what, false);
    }

    private static List<String> assertInterchange(byte[] bytes, String what, boolean groups) {
        for (byte b : bytes) {
            if (b != '\n' && (b < 0x20 || b > 0x7E)) {
                fail(what + ": byte " + (b & 0xff) + " is not printable ASCII");
            }
        }
        List<String> segs = segments(bytes);
        String isa = segs.get(0) + "~";
        assertEquals(106, isa.length(), what + ": the ISA is 106 bytes: " + isa);
        String[] e = isa.substring(0, 105).split("\\*", -1);
        int[] widths = {3, 2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1};
        assertEquals(17, e.length, what + ": ISA has 16 elements");
        for (int i = 0; i < widths.length; i++) {
            assertEquals(widths[i], e[i].length(), what + ": ISA" + i + " '" + e[i] + "' is " + widths[i] + " wide");
        }
        assertTrue(QUALIFIERS.contains(e[5]) && QUALIFIERS.contains(e[7]), what + ": ISA05/07 are qualifiers");
        assertTrue(!e[6].isBlank() && !e[8].isBlank(), what + ": ISA06/08 are not blank");
        assertTrue(e[13].matches("[0-9]{9}"), what + ": ISA13 nine digits");
        assertTrue(e[15].matches("[PT]"), what + ": ISA15 P or T");
        assertEquals("IEA", id(segs.get(segs.size() - 1)), what + ": ends with IEA");
        String[] iea = elements(segs.get(segs.size() - 1));
        assertEquals(e[13], iea[2], what + ": IEA02 = ISA13");
        int gs = 0;
        int st = 0;
        int inSet = 0;
        String stControl = null;
        String gsControl = null;
        int ta1 = 0;
        for (int i = 1; i < segs.size() - 1; i++) {
            String s = segs.get(i);
            String id = id(s);
            String[] v = elements(s);
            int[] range = ELEMENTS.get(id);
            assertTrue(range != null, what + ": no segment " + id + " in a 999 or TA1: " + s);
            int n = v.length - 1;
            assertTrue(n >= range[0] && n <= range[1], what + ": " + s + " has " + n + " elements, " + range[0]
                    + "-" + range[1] + " allowed");
            if (inSet > 0) {
                inSet++;
            }
            switch (id) {
                case "TA1" -> {
                    assertTrue(gs == 0, what + ": a TA1 comes before the first GS");
                    assertTrue(v[1].matches("[0-9]{9}") && v[2].matches("[0-9]{6}") && v[3].matches("[0-9]{4}")
                            && v[4].matches("[AER]") && v[5].matches("[0-9]{3}"), what + ": " + s);
                    ta1++;
                }
                case "GS" -> {
                    assertTrue(groups && gs == 0 && gsControl == null, what + ": one GS: " + s);
                    gs++;
                    st = 0;
                    gsControl = v[6];
                    assertEquals("FA", v[1], what);
                    assertTrue(v[2].length() >= 2 && v[2].length() <= 15 && v[3].length() >= 2
                            && v[3].length() <= 15, what + ": GS02/03 AN 2/15: " + s);
                    assertTrue(v[6].matches("[0-9]{1,9}"), what + ": GS06 N0 1/9: " + s);
                }
                case "ST" -> {
                    assertTrue(gsControl != null && inSet == 0, what + ": ST inside a group: " + s);
                    st++;
                    inSet = 1;
                    stControl = v[2];
                    assertEquals("999", v[1], what);
                }
                case "SE" -> {
                    assertEquals(String.valueOf(inSet), v[1], what + ": SE01 counts ST through SE");
                    assertEquals(stControl, v[2], what + ": SE02 = ST02");
                    inSet = 0;
                }
                case "GE" -> {
                    assertEquals(String.valueOf(st), v[1], what + ": GE01 counts the sets");
                    assertEquals(gsControl, v[2], what + ": GE02 = GS06");
                    gsControl = null;
                }
                case "AK1" -> {
                    assertTrue(v[1].matches("[A-Z0-9]{2}"), what + ": AK101 ID 2: " + s);
                    assertTrue(v[2].matches("[0-9]{1,9}"), what + ": AK102 N0 1/9: " + s);
                    assertTrue(n < 3 || (v[3].length() >= 1 && v[3].length() <= 12), what + ": AK103 AN 1/12: " + s);
                }
                case "AK2" -> {
                    assertTrue(v[1].matches("[A-Z0-9]{3}"), what + ": AK201 ID 3: " + s);
                    assertTrue(v[2].length() >= 4 && v[2].length() <= 9, what + ": AK202 AN 4/9: " + s);
                    assertTrue(n < 3 || (v[3].length() >= 1 && v[3].length() <= 35), what + ": AK203 AN 1/35: " + s);
                }
                case "IK3" -> {
                    assertTrue(v[1].matches("[A-Z0-9]{2,3}"), what + ": IK301 ID 2/3: " + s);
                    assertTrue(v[2].matches("[0-9]{1,6}"), what + ": IK302 N0 1/6: " + s);
                    assertTrue(v[3].length() <= 4, what + ": IK303 AN 1/4: " + s);
                    assertTrue(IK304.contains(v[4]), what + ": IK304 from list 620: " + s);
                }
                case "IK4" -> {
                    assertTrue(v[1].matches("[0-9]{1,2}(:[0-9]{1,2}(:[0-9]{1,4})?)?"), what + ": IK401: " + s);
                    assertTrue(v[2].isEmpty() || v[2].matches("[0-9]{1,4}"), what + ": IK402 N0 1/4: " + s);
                    assertTrue(IK403.contains(v[3]), what + ": IK403 from list 621: " + s);
                    assertTrue(n < 4 || (v[4].length() <= 99 && !Set.of("1", "2", "I9").contains(v[3])),
                            what + ": IK404 only for a value present, at most 99: " + s);
                }
                case "IK5" -> {
                    assertTrue(v[1].matches("[AEMRWX]"), what + ": IK501: " + s);
                    for (int k = 2; k < v.length; k++) {
                        assertTrue(IK5.contains(v[k]), what + ": IK5 code from list 618: " + s);
                    }
                    assertTrue(v[1].equals("A") == (n == 1), what + ": IK502 exactly when rejected: " + s);
                }
                case "AK9" -> {
                    assertTrue(v[1].matches("[AEMPRWX]"), what + ": AK901: " + s);
                    for (int k = 2; k <= 4; k++) {
                        assertTrue(v[k].matches("[0-9]{1,6}"), what + ": AK90" + k + " N0: " + s);
                    }
                    assertTrue(Integer.parseInt(v[4]) <= Integer.parseInt(v[3]), what + ": accepted <= received");
                    assertTrue(!v[1].equals("A") || v[3].equals(v[4]), what + ": AK9 A accepts every set: " + s);
                    assertTrue(!v[1].equals("R") || v[4].equals("0"), what + ": AK9 R accepts no set: " + s);
                    for (int k = 5; k < v.length; k++) {
                        assertTrue(AK9.contains(v[k]), what + ": AK9 code from list 716: " + s);
                    }
                }
                default -> {
                }
            }
        }
        assertEquals(inSet, 0, what + ": every ST has its SE");
        assertTrue(gsControl == null, what + ": the GS has its GE");
        assertEquals(String.valueOf(gs), iea[1], what + ": IEA01 counts the groups");
        if (groups) {
            assertEquals(1, gs, what + ": a 999 has one group");
        } else {
            assertEquals(0, gs, what + ": a TA1 alone has no group");
            assertTrue(ta1 > 0, what + ": a TA1");
        }
        return new ArrayList<>(segs);
    }

    private static String id(String segment) {
        int star = segment.indexOf('*');
        return star < 0 ? segment : segment.substring(0, star);
    }

    private static String[] elements(String segment) {
        return segment.split("\\*", -1);
    }
}
