package io.toothcomb.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.reader.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The validator's short way for a segment with nothing missing or unwanted ({@code GuideValidator.shortWay}) must
 * report exactly what the long way does: every element of every segment of each guide's sample set is replaced in
 * turn by values that break a length, a code list, a form, the character set, a repetition or a component, by
 * its own value grown or cut, or emptied, or a value is put past the last element; each variant set goes through a validator that takes the short
 * way where it can and through one that never does, and the two must report the same errors, in the same order,
 * with the same words. Each kind keeps one validator for all the variants, as a reader does for a file's sets, so
 * that the composites the short way remembers as clean are met again, broken or not.
 */
class GuideShortWayTest {

    private static final String[] VALUES = {"", "Z", "1", "ZZ", "123456789", "Z".repeat(90), "1".repeat(40),
            "A:B", "A^B", "A:B:C:D:E:F:G:H", "\u00e9", "20251301", "2525", "-1.5", "1.2.3", "X1", "D8", "RD8"};

    @Test
    void dental837() {
        assertSame(Guide.dental837());
    }

    @Test
    void ack999() {
        assertSame(Guide.ack999());
    }

    @Test
    void ack277() {
        assertSame(Guide.ack277());
    }

    private static void assertSame(Guide guide) {
        List<String> base = GuideSample.render(GuideSample.build(guide));
        int variants = 0;
        int differing = 0;
        int withErrors = 0;
        List<String> first = new ArrayList<>();
        // one validator of each kind for every variant, as a reader keeps one for a file's sets: what the short
        // way remembers of clean composites carries from set to set
        GuideValidator longValidator = new GuideValidator(guide, false);
        GuideValidator shortValidator = new GuideValidator(guide, true);
        for (int i = 0; i < base.size(); i++) {
            String[] els = base.get(i).split("\\*", -1);
            for (int p = 1; p <= els.length + 1; p++) {
                String orig = p < els.length ? els[p] : "";
                List<String> values = new ArrayList<>(List.of(VALUES));
                // the value as it was, grown or cut: a composite that starts like a clean one met before
                values.addAll(List.of(orig + "Z", orig + "ZZZZZZZZZ", orig + ":", orig + ":ZZ", orig + "::Z",
                        orig.isEmpty() ? "Z" : orig.substring(0, orig.length() - 1), "Z" + orig));
                for (String v : values) {
                    List<String> set = new ArrayList<>(base);
                    set.set(i, with(els, p, v));
                    List<String> longWay = run(longValidator, set);
                    List<String> shortWay = run(shortValidator, set);
                    variants++;
                    if (!longWay.isEmpty()) {
                        withErrors++;
                    }
                    if (!longWay.equals(shortWay)) {
                        differing++;
                        if (first.size() < 10) {
                            first.add(set.get(i) + "\n  long:  " + longWay + "\n  short: " + shortWay);
                        }
                    }
                }
            }
        }
        System.out.println("GUIDE-SHORT-WAY " + guide.transaction() + " " + variants + " variants, " + withErrors
                + " with errors, " + differing + " differing");
        assertTrue(withErrors > variants / 4, "the variants should break the guide often: " + withErrors);
        assertEquals(List.of(), first, differing + " of " + variants + " variants differ");
    }

    private static String with(String[] els, int p, String v) {
        String[] out = Arrays.copyOf(els, Math.max(els.length, p + 1));
        for (int k = 0; k < out.length; k++) {
            if (out[k] == null) {
                out[k] = "";
            }
        }
        out[p] = v;
        return String.join("*", out);
    }

    private static List<String> run(GuideValidator v, List<String> segments) {
        List<String> found = new ArrayList<>();
        GuideReport report = new GuideReport() {
            @Override
            public void segmentError(Segment at, String segmentId, String loopId, String code, String message) {
                found.add("IK3 " + at.ordinal() + " " + segmentId + " " + loopId + " " + code + " " + message);
            }

            @Override
            public void elementError(Segment s, String loopId, int element, int component, String ref, String code,
                                     String bad, String message) {
                found.add("IK4 " + s.ordinal() + " " + loopId + " " + element + "-" + component + " " + ref + " "
                        + code + " [" + bad + "] " + message);
            }
        };
        GuideSample.check(v, segments, report);
        return found;
    }
}
