package io.toothcomb.writers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.toothcomb.guide.Guide;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The loop-parent table of the annotated XML comes from the implementation guide's tables. */
class XmlNamesTest {

    @Test
    void dentalLoopsSitWhereTheGuideNestsThem() {
        assertEquals(Set.of("TX"), XmlNames.parents("1000A"));
        assertEquals(Set.of("TX"), XmlNames.parents("2000A"));
        assertEquals(Set.of("2000A"), XmlNames.parents("2000B"));
        assertEquals(Set.of("2000B"), XmlNames.parents("2000C"));
        assertEquals(Set.of("2000C"), XmlNames.parents("2010CA"));
        assertEquals(Set.of("2000B", "2000C"), XmlNames.parents("2300"));
        assertEquals(Set.of("2300"), XmlNames.parents("2310E"));
        assertEquals(Set.of("2320"), XmlNames.parents("2330H"));
        assertEquals(Set.of("2400"), XmlNames.parents("2430"));
        assertEquals(Set.of(), XmlNames.parents("HEADER"));
        assertEquals(Set.of(), XmlNames.parents("TRAILER"));
        assertEquals(Set.of(), XmlNames.parents("9999"));
        // every loop of the guide but the heading and trailer has an entry
        assertEquals(Guide.dental837().loops().size() - 2, XmlNames.parents(Guide.dental837()).size());
    }

    @Test
    void aPseudoLoopBelongsToTheLoopItContinues() {
        Map<String, Set<String>> p = XmlNames.parents(Guide.ack999());
        assertEquals(Map.of("2000", Set.of("TX"), "2100", Set.of("2000"), "2110", Set.of("2100")), p);
    }
}
