package io.toothcomb.writers;

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

    /** Loops each loop may sit in; the envelope levels are IC (interchange), FG (group) and TX (transaction). */
    private static final Map<String, Set<String>> PARENTS = Map.ofEntries(
            Map.entry("1000A", Set.of("TX")), Map.entry("1000B", Set.of("TX")), Map.entry("2000A", Set.of("TX")),
            Map.entry("2010AA", Set.of("2000A")), Map.entry("2010AB", Set.of("2000A")),
            Map.entry("2010AC", Set.of("2000A")), Map.entry("2000B", Set.of("2000A")),
            Map.entry("2010BA", Set.of("2000B")), Map.entry("2010BB", Set.of("2000B")),
            Map.entry("2000C", Set.of("2000B")), Map.entry("2010CA", Set.of("2000C")),
            Map.entry("2300", Set.of("2000B", "2000C")),
            Map.entry("2310", Set.of("2300")), Map.entry("2310A", Set.of("2300")), Map.entry("2310B", Set.of("2300")),
            Map.entry("2310C", Set.of("2300")), Map.entry("2310D", Set.of("2300")), Map.entry("2310E", Set.of("2300")),
            Map.entry("2320", Set.of("2300")), Map.entry("2330", Set.of("2320")), Map.entry("2330A", Set.of("2320")),
            Map.entry("2330B", Set.of("2320")), Map.entry("2400", Set.of("2300")),
            Map.entry("2420", Set.of("2400")), Map.entry("2420A", Set.of("2400")), Map.entry("2420B", Set.of("2400")),
            Map.entry("2420C", Set.of("2400")), Map.entry("2420D", Set.of("2400")), Map.entry("2430", Set.of("2400")));

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
        return PARENTS.getOrDefault(loopId, Set.of());
    }
}
