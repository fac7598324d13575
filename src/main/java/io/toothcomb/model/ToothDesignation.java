package io.toothcomb.model;

/**
 * What a tooth designation (TOO02, Universal/National system) means: 1-32 permanent, A-T primary,
 * 51-82 supernumerary permanent (adjacent tooth + 50), AS-TS supernumerary primary (adjacent letter + S).
 * No leading zeros. Anything else is {@link Kind#INVALID}.
 */
public record ToothDesignation(String text, Kind kind, int permanentNumber, char primaryLetter) {

    public enum Kind { PERMANENT, PRIMARY, SUPERNUMERARY_PERMANENT, SUPERNUMERARY_PRIMARY, INVALID }

    public enum ToothClass { INCISOR, CANINE, PREMOLAR, MOLAR }

    /** The 104 valid designations, made once: a claim file names the same few teeth over and over. */
    private static final ToothDesignation[] PERMANENT = new ToothDesignation[83];
    private static final ToothDesignation[] PRIMARY = new ToothDesignation[20];
    private static final ToothDesignation[] SUPERNUMERARY_PRIMARY_TEETH = new ToothDesignation[20];

    static {
        for (int n = 1; n <= 32; n++) {
            PERMANENT[n] = new ToothDesignation(Integer.toString(n), Kind.PERMANENT, n, (char) 0);
            PERMANENT[n + 50] = new ToothDesignation(Integer.toString(n + 50), Kind.SUPERNUMERARY_PERMANENT, n,
                    (char) 0);
        }
        for (char c = 'A'; c <= 'T'; c++) {
            PRIMARY[c - 'A'] = new ToothDesignation(String.valueOf(c), Kind.PRIMARY, 0, c);
            SUPERNUMERARY_PRIMARY_TEETH[c - 'A'] = new ToothDesignation(c + "S", Kind.SUPERNUMERARY_PRIMARY, 0, c);
        }
    }

    /** What {@code s} designates; a valid designation comes from a table (equal to a freshly made one). */
    public static ToothDesignation parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 2) {
            return invalid(s);
        }
        char c0 = s.charAt(0);
        if (c0 >= '1' && c0 <= '9') {
            int n;
            if (s.length() == 1) {
                n = c0 - '0';
            } else {
                char c1 = s.charAt(1);
                if (c1 < '0' || c1 > '9') {
                    return invalid(s);
                }
                n = (c0 - '0') * 10 + (c1 - '0');
            }
            if ((n >= 1 && n <= 32) || (n >= 51 && n <= 82)) {
                return PERMANENT[n];
            }
            return invalid(s);
        }
        if (c0 >= 'A' && c0 <= 'T') {
            if (s.length() == 1) {
                return PRIMARY[c0 - 'A'];
            }
            if (s.charAt(1) == 'S') {
                return SUPERNUMERARY_PRIMARY_TEETH[c0 - 'A'];
            }
        }
        return invalid(s);
    }

    private static ToothDesignation invalid(String s) {
        return new ToothDesignation(s == null ? "" : s, Kind.INVALID, 0, (char) 0);
    }

    public boolean valid() {
        return kind != Kind.INVALID;
    }

    /** Primary dentition (A-T, AS-TS). */
    public boolean primary() {
        return kind == Kind.PRIMARY || kind == Kind.SUPERNUMERARY_PRIMARY;
    }

    /** Permanent dentition (1-32, 51-82). */
    public boolean permanent() {
        return kind == Kind.PERMANENT || kind == Kind.SUPERNUMERARY_PERMANENT;
    }

    public boolean supernumerary() {
        return kind == Kind.SUPERNUMERARY_PERMANENT || kind == Kind.SUPERNUMERARY_PRIMARY;
    }

    /** The class of the tooth (a supernumerary tooth is judged by its neighbour), or null when invalid. */
    public ToothClass toothClass() {
        if (permanent()) {
            int n = permanentNumber;
            int q = (n - 1) % 8; // 0 = third molar side ... 7 = central incisor within a quadrant walk
            int inQuadrant = (n <= 8 || (n >= 17 && n <= 24)) ? q : 7 - q;
            // inQuadrant: 0,1,2 molars; 3,4 premolars; 5 canine; 6,7 incisors (counted from the back)
            if (inQuadrant <= 2) {
                return ToothClass.MOLAR;
            }
            if (inQuadrant <= 4) {
                return ToothClass.PREMOLAR;
            }
            return inQuadrant == 5 ? ToothClass.CANINE : ToothClass.INCISOR;
        }
        if (primary()) {
            int i = primaryLetter - 'A'; // 0..19
            int q = i % 10;
            int fromBack = q < 5 ? q : 9 - q; // A,B molars; C canine; D,E incisors (upper right walk)
            if (fromBack <= 1) {
                return ToothClass.MOLAR;
            }
            return fromBack == 2 ? ToothClass.CANINE : ToothClass.INCISOR;
        }
        return null;
    }

    public boolean anterior() {
        ToothClass c = toothClass();
        return c == ToothClass.INCISOR || c == ToothClass.CANINE;
    }

    public boolean posterior() {
        ToothClass c = toothClass();
        return c == ToothClass.PREMOLAR || c == ToothClass.MOLAR;
    }

    /** Oral-cavity quadrant code (10 UR, 20 UL, 30 LL, 40 LR), or null when invalid. */
    public String quadrant() {
        if (permanent()) {
            int n = permanentNumber;
            return n <= 8 ? "10" : n <= 16 ? "20" : n <= 24 ? "30" : "40";
        }
        if (primary()) {
            int i = primaryLetter - 'A';
            return i <= 4 ? "10" : i <= 9 ? "20" : i <= 14 ? "30" : "40";
        }
        return null;
    }

    /** Arch code (01 maxillary, 02 mandibular), or null when invalid. */
    public String arch() {
        String q = quadrant();
        if (q == null) {
            return null;
        }
        return q.equals("10") || q.equals("20") ? "01" : "02";
    }
}
