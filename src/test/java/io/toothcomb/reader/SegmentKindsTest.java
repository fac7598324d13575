package io.toothcomb.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentKindsTest {
    private static final Delimiters D = new Delimiters((byte) '*', (byte) ':', (byte) '^', (byte) '~');

    private static int kind(SegmentKinds k, String text) {
        return k.kind(Segment.of(text, D, 1));
    }

    @Test
    void envelopeIdsHaveTheirNumbersCallersIdsTheirsAndTheRestAreOther() {
        SegmentKinds k = new SegmentKinds(Map.of("CLM", SegmentKinds.FIRST_FREE, "SV3", SegmentKinds.FIRST_FREE + 1));
        for (int round = 0; round < 2; round++) { // the second round answers from the remembered numbers
            assertEquals(SegmentKinds.ISA, kind(k, "ISA*00"));
            assertEquals(SegmentKinds.GS, kind(k, "GS*HC"));
            assertEquals(SegmentKinds.ST, kind(k, "ST*837*0001"));
            assertEquals(SegmentKinds.SE, kind(k, "SE*5*0001"));
            assertEquals(SegmentKinds.GE, kind(k, "GE*1*1"));
            assertEquals(SegmentKinds.IEA, kind(k, "IEA*1*000000001"));
            assertEquals(SegmentKinds.FIRST_FREE, kind(k, "CLM*A1*100"));
            assertEquals(SegmentKinds.FIRST_FREE + 1, kind(k, "SV3*AD:D1354*40"));
            assertEquals(SegmentKinds.OTHER, kind(k, "NM1*IL"));
            assertEquals(SegmentKinds.OTHER, kind(k, "CLMX*1"), "an id of four bytes has no key, and is still told apart");
            assertEquals(SegmentKinds.OTHER, kind(k, "S"), "nor is a prefix of a known id taken for it");
        }
    }

    @Test
    void aCallerCannotRenumberTheEnvelopeOrUseTheReservedNumbers() {
        assertThrows(IllegalArgumentException.class, () -> new SegmentKinds(Map.of("ST", SegmentKinds.FIRST_FREE)));
        assertThrows(IllegalArgumentException.class, () -> new SegmentKinds(Map.of("CLM", SegmentKinds.SE)));
        assertThrows(IllegalArgumentException.class, () -> new SegmentKinds(Map.of("CLM", 128)));
    }
}
