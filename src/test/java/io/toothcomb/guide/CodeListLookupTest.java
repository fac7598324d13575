package io.toothcomb.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.guide.Guide.Element;
import io.toothcomb.guide.Guide.SegmentUse;
import io.toothcomb.reader.Segment;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The validator's code-list look-up (a hash table for lists of more than eight codes) says of every value what
 * the guide's list says: each of its codes is in, and values one character off, shorter or longer are in only
 * when the list has them too. A wrong answer here would accept a bad code or reject a good one in the 999.
 */
class CodeListLookupTest {

    @Test
    void theLookUpAgreesWithTheListsOfEveryGuide() {
        int lists = 0;
        int longLists = 0;
        for (Guide g : new Guide[] {Guide.dental837(), Guide.ack999(), Guide.ack277()}) {
            for (Guide.Loop loop : g.loops()) {
                for (SegmentUse u : loop.segments()) {
                    for (Element e : u.elements) {
                        if (e == null) {
                            continue;
                        }
                        lists += check(e);
                        longLists += e.codeKeys != null && e.codeKeys.length > 8 ? 1 : 0;
                        for (Element k : e.components) {
                            if (k != null) {
                                lists += check(k);
                                longLists += k.codeKeys != null && k.codeKeys.length > 8 ? 1 : 0;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(lists > 100, "code lists checked: " + lists);
        assertTrue(longLists > 5, "lists of more than eight codes: " + longLists);
    }

    /** Checks one element's list; 1 when it has one of keys, else 0. */
    private static int check(Element e) {
        if (e.codeKeys == null) {
            return 0;
        }
        Set<String> codes = Set.of(e.codes);
        Set<String> tried = new HashSet<>();
        for (String c : e.codes) {
            assertTrue(e.hasKey(Segment.keyOf(c)), e.ref + " " + c);
            tried.add(c + "0");
            tried.add(c.substring(1));
            for (int i = 0; i < c.length(); i++) {
                for (char x : new char[] {'0', '9', 'A', 'Z', 'Q'}) {
                    tried.add(c.substring(0, i) + x + c.substring(i + 1));
                }
            }
        }
        for (String v : tried) {
            if (!v.isEmpty() && v.length() <= 7) {
                assertEquals(codes.contains(v), e.hasKey(Segment.keyOf(v)), e.ref + " " + v);
            }
        }
        return 1;
    }
}
