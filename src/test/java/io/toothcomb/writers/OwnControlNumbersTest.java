package io.toothcomb.writers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.control.ControlSequence;
import io.toothcomb.control.FileControlSequence;
import io.toothcomb.control.OurIds;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.scrub.Scrubber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our 999 and 277CA carry our own control numbers (ISA13/IEA02, GS06/GE02), never the input's, each answer its own;
 * what they acknowledge (AK1, AK2, the 277CA's TRNs) still names the input's. Our ids come from the configuration.
 */
class OwnControlNumbersTest {
    static final Path CLEAN = Path.of("edi-samples/clean-three-transactions.edi");

    @TempDir
    Path tmp;

    @Test
    void eachAnswerHasItsOwnNumberAndStillAcknowledgesTheInputs() throws IOException {
        new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withClock(AckConformityTest.CLOCK)
                .withControls(ControlSequence.startingAt(41))).scrub(CLEAN, tmp);
        List<String[]> ack = segments(tmp.resolve("clean-three-transactions.999"));
        List<String[]> ca = segments(tmp.resolve("clean-three-transactions.277"));
        String inputIsa13 = segments(CLEAN).get(0)[13];
        String inputGs06 = segments(CLEAN).get(1)[6];
        assertEquals("000000041", ack.get(0)[13], "the 999's ISA13 is ours");
        assertEquals("41", find(ack, "GS")[6]);
        assertEquals("41", find(ack, "GE")[2]);
        assertEquals("000000041", find(ack, "IEA")[2]);
        assertEquals("000000042", ca.get(0)[13], "the 277CA has a number of its own");
        assertEquals("42", find(ca, "GS")[6]);
        assertEquals("000000042", find(ca, "IEA")[2]);
        assertNotEquals(inputIsa13, ack.get(0)[13]);
        assertEquals(inputGs06, find(ack, "AK1")[2], "AK102 still names the group it acknowledges");
        assertEquals("0001", find(ack, "AK2")[2], "AK202 the input's ST02");
        assertTrue(Arrays.stream(find(ca, "TRN")).anyMatch(e -> e.startsWith(inputIsa13 + "-")),
                "the 277CA's trace names the input's ISA13: " + String.join("*", find(ca, "TRN")));
    }

    @Test
    void twoRunsIntoDifferentFoldersNeverRepeatANumber() throws IOException {
        ControlSequence shared = new FileControlSequence(tmp.resolve("state/control-number"));
        for (String dir : List.of("a", "b")) {
            new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withControls(shared))
                    .scrub(CLEAN, Files.createDirectories(tmp.resolve(dir)));
        }
        List<String> numbers = List.of(
                isa13(tmp.resolve("a/clean-three-transactions.999")), isa13(tmp.resolve("a/clean-three-transactions.277")),
                isa13(tmp.resolve("b/clean-three-transactions.999")), isa13(tmp.resolve("b/clean-three-transactions.277")));
        assertEquals(4, numbers.stream().distinct().count(), "four answers, four numbers: " + numbers);
    }

    @Test
    void ourIdsFromTheConfigurationReplaceTheEchoedOnes() throws IOException {
        OurIds ours = new OurIds("30", "123456789", "ZZ", "PARTNER1", "TCAPP", "PARTNERAPP");
        new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withControls(ControlSequence.startingAt(1))
                .withOurs(ours)).scrub(CLEAN, tmp);
        for (String kind : List.of("999", "277")) {
            List<String[]> s = segments(tmp.resolve("clean-three-transactions." + kind));
            String[] isa = s.get(0);
            assertEquals("30", isa[5], kind);
            assertEquals("123456789      ", isa[6], kind);
            assertEquals("ZZ", isa[7], kind);
            assertEquals("PARTNER1       ", isa[8], kind);
            assertEquals("TCAPP", find(s, "GS")[2], kind);
            assertEquals("PARTNERAPP", find(s, "GS")[3], kind);
            assertEquals(106, Files.readString(tmp.resolve("clean-three-transactions." + kind)).indexOf('~') + 1,
                    "the ISA is still 106 bytes");
        }
    }

    private static String isa13(Path f) throws IOException {
        return segments(f).get(0)[13];
    }

    private static String[] find(List<String[]> segments, String id) {
        return segments.stream().filter(s -> s[0].equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
    }

    private static List<String[]> segments(Path f) throws IOException {
        return Arrays.stream(Files.readString(f).split("~\\s*")).filter(s -> !s.isBlank()).map(s -> s.split("\\*", -1))
                .toList();
    }
}
