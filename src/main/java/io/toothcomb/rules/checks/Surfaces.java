package io.toothcomb.rules.checks;

import io.toothcomb.model.Tooth;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** TOO03 surface letters. Not a rule. */
final class Surfaces {
    private Surfaces() {
    }

    /** X12 element 1369 / ADA surface codes: mesial, occlusal, incisal, distal, buccal, facial, lingual. */
    static final String VALID = "MOIDBFL";

    static boolean valid(String s) {
        return s.length() == 1 && VALID.indexOf(s.charAt(0)) >= 0;
    }

    /** The distinct valid letters of a tooth, in order. */
    static Set<String> distinctValid(Tooth t) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : t.surfaces()) {
            if (valid(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The number of distinct letters of a tooth when every one of them is a valid surface letter (what
     * {@code distinctValid(t).size()} is then); -1 when some letter is not.
     */
    static int distinctCountIfAllValid(Tooth t) {
        List<String> s = t.surfaces();
        int n = 0;
        for (int i = 0; i < s.size(); i++) {
            String v = s.get(i);
            if (!valid(v)) {
                return -1;
            }
            boolean again = false;
            for (int k = 0; k < i && !again; k++) {
                again = s.get(k).equals(v);
            }
            if (!again) {
                n++;
            }
        }
        return n;
    }

    /** True when TOO03 has at least one non-empty component. */
    static boolean any(Tooth t) {
        for (String s : t.surfaces()) {
            if (!s.isBlank()) {
                return true;
            }
        }
        return false;
    }

    static String list(Set<String> s) {
        return String.join("", s);
    }

    /** Restoration families by surface count (index 0 = one surface ... 3 = four or more). */
    static final List<List<String>> FAMILIES = List.of(
            List.of("D2140", "D2150", "D2160", "D2161"),
            List.of("D2330", "D2331", "D2332", "D2335"),
            List.of("D2391", "D2392", "D2393", "D2394"));

    /** The code of the same family for {@code count} surfaces, or null when the code has no family. */
    static String codeFor(String code, int count) {
        for (List<String> f : FAMILIES) {
            if (f.contains(code)) {
                return f.get(Math.min(count, 4) - 1);
            }
        }
        return null;
    }
}
