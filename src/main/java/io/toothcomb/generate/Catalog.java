package io.toothcomb.generate;

import java.util.SplittableRandom;

/**
 * CDT procedures, tooth sets and surfaces used by the synthetic generator. Everything here is clean data: the defects
 * are injected by {@link SyntheticBatch}.
 */
final class Catalog {

    private Catalog() {
    }

    /** How a procedure designates its area of the mouth. */
    enum Area { NONE, TOOTH, QUADRANT }

    /** Tooth sets (Universal/National numbering). */
    enum TeethSet {
        /** Permanent molars without third molars: 2, 3, 14, 15, 18, 19, 30, 31. */
        PERM_MOLAR("2", "3", "14", "15", "18", "19", "30", "31"),
        PERM_PREMOLAR("4", "5", "12", "13", "20", "21", "28", "29"),
        PERM_ANTERIOR("6", "7", "8", "9", "10", "11", "22", "23", "24", "25", "26", "27"),
        PERM_POSTERIOR("2", "3", "4", "5", "12", "13", "14", "15", "18", "19", "20", "21", "28", "29", "30", "31"),
        PERM_ANY("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
                "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32"),
        PRIMARY_POSTERIOR("A", "B", "I", "J", "K", "L", "S", "T"),
        PRIMARY_ANY("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T");

        final byte[][] teeth;
        final boolean[] anterior;

        /** A set of permanent teeth (none of which has erupted before about six: ADA eruption charts). */
        boolean permanent() {
            return name().startsWith("PERM");
        }

        TeethSet(String... t) {
            teeth = new byte[t.length][];
            anterior = new boolean[t.length];
            for (int i = 0; i < t.length; i++) {
                teeth[i] = EdiSink.ascii(t[i]);
                anterior[i] = isAnterior(t[i]);
            }
        }

        int size() {
            return teeth.length;
        }
    }

    /** Anterior teeth: permanent 6-11 and 22-27, primary C-H and M-R. */
    static boolean isAnterior(String tooth) {
        char c = tooth.charAt(0);
        if (c >= 'A' && c <= 'T') {
            return (c >= 'C' && c <= 'H') || (c >= 'M' && c <= 'R');
        }
        int n = Integer.parseInt(tooth);
        return (n >= 6 && n <= 11) || (n >= 22 && n <= 27);
    }

    /** A procedure: code, base fee in whole dollars, area kind, tooth set, surface count range, prosthesis flag. */
    record Proc(String name, byte[] code, int feeDollars, Area area, TeethSet teeth, int minSurfaces,
                int maxSurfaces, boolean prosthesis, int group) {

        boolean toothSpecific() {
            return area == Area.TOOTH;
        }
    }

    /** Same-visit groups; {@link #conflicts(int)} says which groups a claim may not combine. */
    static final int G_NONE = 0;
    static final int G_EXAM = 1;          // D0120 / D0150: one evaluation per visit
    static final int G_PROPHY = 2;        // D1110 / D1120: once per visit, not with scaling and root planing
    static final int G_SRP = 3;           // D4341 / D4342: one line per quadrant (checked separately)
    static final int G_BWX = 4;
    static final int G_FLUORIDE = 5;      // D1206 / D1208: once per visit

    /** Bit mask of the groups already on a claim that rule out another procedure of {@code group}. */
    static int conflicts(int group) {
        return switch (group) {
            case G_NONE -> 0;
            case G_PROPHY -> (1 << G_PROPHY) | (1 << G_SRP);
            case G_SRP -> 1 << G_PROPHY;
            default -> 1 << group;
        };
    }

    private static Proc p(String code, int fee, Area area, TeethSet teeth, int minS, int maxS, boolean pros, int group) {
        return new Proc(code, EdiSink.ascii(code), fee, area, teeth, minS, maxS, pros, group);
    }

    static final Proc D0120 = p("D0120", 58, Area.NONE, null, 0, 0, false, G_EXAM);
    static final Proc D0150 = p("D0150", 95, Area.NONE, null, 0, 0, false, G_EXAM);
    static final Proc D0274 = p("D0274", 72, Area.NONE, null, 0, 0, false, G_BWX);
    static final Proc D1110 = p("D1110", 118, Area.NONE, null, 0, 0, false, G_PROPHY);
    static final Proc D1120 = p("D1120", 82, Area.NONE, null, 0, 0, false, G_PROPHY);
    static final Proc D1206 = p("D1206", 44, Area.NONE, null, 0, 0, false, G_FLUORIDE);
    static final Proc D1208 = p("D1208", 39, Area.NONE, null, 0, 0, false, G_FLUORIDE);
    static final Proc D1351 = p("D1351", 52, Area.TOOTH, TeethSet.PERM_MOLAR, 1, 1, false, G_NONE);
    static final Proc D1354_PRIMARY = p("D1354", 32, Area.TOOTH, TeethSet.PRIMARY_ANY, 0, 0, false, G_NONE);
    static final Proc D1354_PERM = p("D1354", 32, Area.TOOTH, TeethSet.PERM_ANY, 0, 0, false, G_NONE);
    static final Proc D2140 = p("D2140", 135, Area.TOOTH, TeethSet.PERM_POSTERIOR, 1, 1, false, G_NONE);
    static final Proc D2150 = p("D2150", 168, Area.TOOTH, TeethSet.PERM_POSTERIOR, 2, 2, false, G_NONE);
    static final Proc D2160 = p("D2160", 176, Area.TOOTH, TeethSet.PERM_POSTERIOR, 3, 3, false, G_NONE);
    static final Proc D2161 = p("D2161", 205, Area.TOOTH, TeethSet.PERM_POSTERIOR, 4, 5, false, G_NONE);
    static final Proc D2140_PRIMARY = p("D2140", 128, Area.TOOTH, TeethSet.PRIMARY_POSTERIOR, 1, 1, false, G_NONE);
    static final Proc D2150_PRIMARY = p("D2150", 160, Area.TOOTH, TeethSet.PRIMARY_POSTERIOR, 2, 2, false, G_NONE);
    static final Proc D2330 = p("D2330", 165, Area.TOOTH, TeethSet.PERM_ANTERIOR, 1, 1, false, G_NONE);
    static final Proc D2331 = p("D2331", 205, Area.TOOTH, TeethSet.PERM_ANTERIOR, 2, 2, false, G_NONE);
    static final Proc D2332 = p("D2332", 248, Area.TOOTH, TeethSet.PERM_ANTERIOR, 3, 3, false, G_NONE);
    static final Proc D2335 = p("D2335", 310, Area.TOOTH, TeethSet.PERM_ANTERIOR, 4, 5, false, G_NONE);
    static final Proc D2391 = p("D2391", 168, Area.TOOTH, TeethSet.PERM_POSTERIOR, 1, 1, false, G_NONE);
    static final Proc D2392 = p("D2392", 215, Area.TOOTH, TeethSet.PERM_POSTERIOR, 2, 2, false, G_NONE);
    static final Proc D2393 = p("D2393", 262, Area.TOOTH, TeethSet.PERM_POSTERIOR, 3, 3, false, G_NONE);
    static final Proc D2394 = p("D2394", 298, Area.TOOTH, TeethSet.PERM_POSTERIOR, 4, 5, false, G_NONE);
    static final Proc D2391_PRIMARY = p("D2391", 150, Area.TOOTH, TeethSet.PRIMARY_POSTERIOR, 1, 1, false, G_NONE);
    static final Proc D2392_PRIMARY = p("D2392", 190, Area.TOOTH, TeethSet.PRIMARY_POSTERIOR, 2, 2, false, G_NONE);
    static final Proc D2740 = p("D2740", 1295, Area.TOOTH, TeethSet.PERM_ANY, 0, 0, true, G_NONE);
    static final Proc D2930 = p("D2930", 185, Area.TOOTH, TeethSet.PRIMARY_POSTERIOR, 0, 0, false, G_NONE);
    static final Proc D3310 = p("D3310", 760, Area.TOOTH, TeethSet.PERM_ANTERIOR, 0, 0, false, G_NONE);
    static final Proc D3320 = p("D3320", 890, Area.TOOTH, TeethSet.PERM_PREMOLAR, 0, 0, false, G_NONE);
    static final Proc D3330 = p("D3330", 1085, Area.TOOTH, TeethSet.PERM_MOLAR, 0, 0, false, G_NONE);
    static final Proc D4341 = p("D4341", 265, Area.QUADRANT, null, 0, 0, false, G_SRP);
    static final Proc D4342 = p("D4342", 190, Area.QUADRANT, null, 0, 0, false, G_SRP);
    static final Proc D7140 = p("D7140", 165, Area.TOOTH, TeethSet.PERM_ANY, 0, 0, false, G_NONE);
    static final Proc D7140_PRIMARY = p("D7140", 95, Area.TOOTH, TeethSet.PRIMARY_ANY, 0, 0, false, G_NONE);

    /** Weighted table sampled with one random int. */
    static final class Table {
        final Proc[] slots;

        Table(Object... procAndWeight) {
            int total = 0;
            for (int i = 1; i < procAndWeight.length; i += 2) {
                total += (Integer) procAndWeight[i];
            }
            slots = new Proc[total];
            int k = 0;
            for (int i = 0; i < procAndWeight.length; i += 2) {
                for (int w = 0; w < (Integer) procAndWeight[i + 1]; w++) {
                    slots[k++] = (Proc) procAndWeight[i];
                }
            }
        }

        Proc pick(SplittableRandom rng) {
            return slots[rng.nextInt(slots.length)];
        }
    }

    /** Adults and teenagers (13+). */
    static final Table ADULT = new Table(
            D0120, 14, D0150, 4, D0274, 8, D1110, 14, D1206, 2, D1208, 1, D1351, 1, D1354_PERM, 1,
            D2140, 2, D2150, 3, D2160, 1, D2161, 1, D2330, 2, D2331, 2, D2332, 1, D2335, 1,
            D2391, 8, D2392, 7, D2393, 4, D2394, 2, D2740, 4, D3310, 1, D3320, 1, D3330, 2,
            D4341, 4, D4342, 2, D7140, 4);

    /** Children under 13: primary teeth for restorations, D1354 and extractions; sealants on permanent molars. */
    static final Table CHILD = new Table(
            D0120, 14, D0150, 3, D1120, 14, D1206, 8, D1208, 2, D1351, 8, D1354_PRIMARY, 6,
            D2140_PRIMARY, 2, D2150_PRIMARY, 2, D2391_PRIMARY, 4, D2392_PRIMARY, 3, D2930, 3, D7140_PRIMARY, 3);

    /** Tooth-specific procedures used when a defect needs one. */
    static final Proc[] MISSING_TOOTH_TARGETS = {D2391, D2392, D1354_PERM, D3330, D7140, D2740, D1351};
    static final Proc[] MISSING_TOOTH_TARGETS_CHILD = {D1354_PRIMARY, D2391_PRIMARY, D7140_PRIMARY, D2930, D1351};
    static final Proc[] INVALID_TOOTH_TARGETS = {D7140, D1354_PERM, D2740, D3330, D2391};

    /** Tooth values that are not valid Universal/National designations. */
    static final byte[][] INVALID_TEETH = {
            EdiSink.ascii("33"), EdiSink.ascii("05"), EdiSink.ascii("U"), EdiSink.ascii("83"),
            EdiSink.ascii("00"), EdiSink.ascii("99"), EdiSink.ascii("0"), EdiSink.ascii("AT"), EdiSink.ascii("V")};

    /** Valid supernumerary designations, used now and then for extractions. */
    static final byte[][] SUPERNUMERARY_PERM = {
            EdiSink.ascii("51"), EdiSink.ascii("66"), EdiSink.ascii("67"), EdiSink.ascii("82"), EdiSink.ascii("58")};
    static final byte[][] SUPERNUMERARY_PRIMARY = {
            EdiSink.ascii("AS"), EdiSink.ascii("JS"), EdiSink.ascii("KS"), EdiSink.ascii("TS")};

    static final byte[][] QUADRANTS = {
            EdiSink.ascii("10"), EdiSink.ascii("20"), EdiSink.ascii("30"), EdiSink.ascii("40")};

    /** Surface letters by position for posterior (M O D B L) and anterior (M I D F L) teeth, in emission order. */
    static final byte[] POSTERIOR_SURFACES = {'M', 'O', 'D', 'B', 'L'};
    static final byte[] ANTERIOR_SURFACES = {'M', 'I', 'D', 'F', 'L'};

    /**
     * A bit mask of {@code n} distinct surface positions (0..4). Bit 1 is O on posterior teeth and I on anterior
     * teeth; it is favoured for one-surface restorations on posterior teeth, as it is in practice.
     */
    static int surfaceMask(SplittableRandom rng, int n, boolean anterior) {
        int mask = 0;
        int count = 0;
        if (!anterior && rng.nextInt(10) < 7) {
            mask = 1 << 1;
            count = 1;
        }
        while (count < n) {
            int bit = 1 << rng.nextInt(5);
            if ((mask & bit) == 0) {
                mask |= bit;
                count++;
            }
        }
        return mask;
    }
}
