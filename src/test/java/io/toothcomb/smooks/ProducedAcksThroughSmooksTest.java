package io.toothcomb.smooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.result.ScrubOptions;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.scrub.Scrubber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * Every 999 and 277CA toothcomb writes for the bundled samples is read back through the strict Smooks
 * mappings, so they are known to be well formed; and the values a clearinghouse acts on are checked there.
 */
@Tag("slow") // the DFDL 999/277CA mappings compiled and run on every answer; run by .ci/run, excluded from the default mvn verify
class ProducedAcksThroughSmooksTest {
    @TempDir
    static Path out;

    @BeforeAll
    static void scrubSamples() throws IOException {
        Scrubber s = new Scrubber(RuleEngine.load(null),
                ScrubOptions.defaults().withClock(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC)));
        try (Stream<Path> files = Files.list(Path.of("edi-samples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".edi")).sorted().toList()) {
                s.scrub(f, out);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyAckParses() throws IOException {
        List<Path> acks;
        try (Stream<Path> files = Files.list(out)) {
            acks = files.filter(p -> p.toString().endsWith(".999") || p.toString().endsWith(".277")).sorted().toList();
        }
        assertTrue(acks.size() >= 16 + 13, "a 999 for every sample and a 277CA for every readable one: " + acks);
        return acks.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            Document d = p.toString().endsWith(".999") ? SmooksAckValidator.read999(p) : SmooksAckValidator.read277ca(p);
            assertEquals("Interchange", d.getDocumentElement().getLocalName() == null
                    ? d.getDocumentElement().getNodeName() : d.getDocumentElement().getLocalName());
        }));
    }

    @Test
    void d1354QuantityClaimIsRejectedWithUnitsStatusAtClaimAndLine() {
        Document ack = SmooksAckValidator.read277ca(out.resolve("defect-d1354-quantity.277"));
        assertEquals("A7:476", SmooksAckValidator.stc01(ack, "CB26110501"));
        assertEquals("A2:20", SmooksAckValidator.stc01(ack, "CB26110502"));
        List<String> line = SmooksAckValidator.values(ack,
                "//Loop2200D[TRN/TRN02='CB26110501']/Loop2220D/STC/STC01/*");
        assertEquals(List.of("A7", "476"), line);
        assertEquals("U", SmooksAckValidator.value(ack, "//Loop2200D[TRN/TRN02='CB26110501']/Loop2220D/STC/STC03"));
        assertEquals("11050102", SmooksAckValidator.value(ack,
                "//Loop2200D[TRN/TRN02='CB26110501']/Loop2220D/REF[REF01='FJ']/REF02"));
    }

    @Test
    void seCountIsRejectedInThe999AndOnlyTheGoodTransactionIsIn277() {
        Document ack = SmooksAckValidator.read999(out.resolve("broken-se-count.999"));
        assertEquals("A", SmooksAckValidator.value(ack, "//Loop2000[AK2/AK202='0001']/IK5/IK501"));
        assertEquals("R", SmooksAckValidator.value(ack, "//Loop2000[AK2/AK202='0002']/IK5/IK501"));
        assertEquals("4", SmooksAckValidator.value(ack, "//Loop2000[AK2/AK202='0002']/IK5/IK502"));
        assertEquals("P", SmooksAckValidator.value(ack, "//AK9/AK901"));
        Document ca = SmooksAckValidator.read277ca(out.resolve("broken-se-count.277"));
        assertEquals(1, SmooksAckValidator.values(ca, "//Loop2200D").size());
    }

    @Test
    void truncatedFileIsRejectedAndGetsNo277() {
        Document ack = SmooksAckValidator.read999(out.resolve("broken-truncated.999"));
        assertEquals("R", SmooksAckValidator.value(ack, "//AK9/AK901"));
        assertTrue(SmooksAckValidator.values(ack, "//IK5/*").contains("2"), "IK5 says the trailer is missing");
        assertTrue(Files.notExists(out.resolve("broken-truncated.277")));
    }
}
