package io.toothcomb.writers;

import io.toothcomb.guide.Guide;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The XML naming shared by the annotated XML and the DFDL schemas in mappings/: loops are
 * {@code Loop2300}, elements are segment id plus two-digit position ({@code CLM01}), and components of the
 * composite elements listed here are {@code SV301-01}, {@code SV301-02} …
 */
public final class XmlNames {
    private XmlNames() {
    }

    private static final Set<String> COMPOSITES = Set.of(
            "CLM05", "CLM11", "SV301", "SV304", "SV311", "TOO03",
            "HI01", "HI02", "HI03", "HI04", "HI05", "HI06", "HI07", "HI08", "HI09", "HI10", "HI11", "HI12",
            "STC01", "STC10", "STC11", "SVC01", "IK401", "CTX01", "CTX02");

    /**
     * Loops each 837D loop may sit in, from the implementation guide's table ({@link Guide#dental837()}): a loop's
     * {@link Guide.Loop#parents() parents}, by {@link Guide.Loop#reportedId() reported id}, the heading being TX. The
     * envelope levels are IC (interchange), FG (group) and TX (transaction). Read on first use.
     */
    private static final class Parents {
        static final Map<String, Set<String>> TABLE = parents(Guide.dental837());
    }

    /** Each loop's parents, walking the guide's tree from its heading so that every declaration of a loop counts. */
    static Map<String, Set<String>> parents(Guide guide) {
        Map<String, Set<String>> out = new HashMap<>();
        Deque<Guide.Loop> todo = new ArrayDeque<>(List.of(guide.root()));
        Set<Guide.Loop> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!todo.isEmpty()) {
            for (Guide.Loop child : todo.pop().children()) {
                if (!seen.add(child)) {
                    continue;
                }
                todo.push(child);
                if (!child.id().equals(child.reportedId())) {
                    continue; // a pseudo-loop (999 2000-IK5) is part of the loop it continues, not a loop of its own
                }
                Set<String> ps = out.computeIfAbsent(child.reportedId(), k -> new HashSet<>());
                for (Guide.Loop p : child.parents()) {
                    ps.add(Guide.HEADER.equals(p.id()) ? "TX" : p.reportedId());
                }
            }
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        out.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        return Map.copyOf(frozen);
    }

    public static boolean composite(String elementName) {
        return COMPOSITES.contains(elementName);
    }

    public static String element(String segmentId, int position) {
        return segmentId + (position < 10 ? "0" : "") + position;
    }

    public static String component(String elementName, int position) {
        return elementName + "-" + (position < 10 ? "0" : "") + position;
    }

    public static String loop(String loopId) {
        return "Loop" + loopId;
    }

    /** Loops (or TX) a loop may be nested in; empty for an unknown loop. */
    public static Set<String> parents(String loopId) {
        return Parents.TABLE.getOrDefault(loopId, Set.of());
    }
}
