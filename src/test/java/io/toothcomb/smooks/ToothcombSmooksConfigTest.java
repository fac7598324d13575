package io.toothcomb.smooks;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.smooks.Smooks;
import org.smooks.api.ExecutionContext;
import org.smooks.api.resource.visitor.sax.ng.AfterVisitor;
import org.smooks.io.sink.StringSink;
import org.smooks.io.source.StreamSource;
import org.w3c.dom.Element;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example config mappings/smooks/toothcomb-smooks.xml, run on a sample: each claim's verdict reaches a visitor
 * of the config's own inside Loop2300, the result XML carries it, and the 999 and 277CA are written.
 */
@Tag("slow") // Smooks with the DFDL cartridge started for the comparison; run by .ci/run, excluded from the default mvn verify
class ToothcombSmooksConfigTest {

    @Test
    void exampleConfigScrubsASample() throws Exception {
        Path acks = Path.of("target/smooks-acks"); // the example config's acks folder, relative to the project
        for (String f : List.of("smooks-input.999", "smooks-input.277")) {
            Files.deleteIfExists(acks.resolve(f));
        }
        List<ClaimVerdict> seen = new ArrayList<>();
        String xml;
        try (InputStream config = Files.newInputStream(Path.of("mappings/smooks/toothcomb-smooks.xml"));
             Smooks smooks = new Smooks(config)) {
            // a visitor of the config's own, on the same loop: it reads the verdict from the execution context
            smooks.addVisitor((AfterVisitor) (Element e, ExecutionContext ec) -> seen.add(ec.get(ScrubVisitor.VERDICT)),
                    "Loop2300");
            StringSink out = new StringSink();
            try (InputStream in = Files.newInputStream(Path.of("edi-samples/defect-d1354-quantity.edi"))) {
                smooks.filterSource(new StreamSource<>(in), out);
            }
            xml = out.getResult();
        }
        assertEquals(2, seen.size(), "two claims in the sample");
        assertTrue(seen.stream().allMatch(java.util.Objects::nonNull), "every claim has its verdict");
        ClaimVerdict v = seen.stream().filter(x -> x.claimId().equals("CB26110501")).findFirst().orElseThrow();
        assertEquals("rejected", v.status());
        ClaimVerdict.Issue d1354 = v.findings().stream().filter(i -> i.rule().equals("D1354-PER-TOOTH")).findFirst()
                .orElseThrow();
        assertEquals("A7:476", d1354.status());
        assertEquals("SV306", d1354.element());
        assertEquals(2, d1354.line());

        assertTrue(xml.contains("toothcomb:status=\"rejected\""), xml.substring(0, Math.min(xml.length(), 2000)));
        assertTrue(xml.contains("rule=\"D1354-PER-TOOTH\""), "findings in the result XML");
        assertTrue(xml.contains("<SV306>4</SV306>"), "the segments are still there");

        String ack999 = Files.readString(acks.resolve("smooks-input.999"), StandardCharsets.ISO_8859_1);
        String ack277 = Files.readString(acks.resolve("smooks-input.277"), StandardCharsets.ISO_8859_1);
        assertTrue(ack999.contains("IK5*A"), ack999);
        assertTrue(ack277.contains("TRN*2*CB26110501"), ack277);
        assertTrue(ack277.contains("STC*A7:476"), ack277);
    }

    /** A config's own visitor (here ToothcombSmooks' claim visitor) sees the same claims after the swap. */
    @Test
    void swappingTheReaderKeepsTheVisitors() throws Exception {
        Path sample = Path.of("edi-samples/dependents.edi");
        List<SmooksClaim> viaDfdl = new ArrayList<>();
        try (Smooks dfdl = SmooksX12.newSmooks(MappingKind.CLAIM_837D)) {
            ToothcombSmooks.onClaim(dfdl, viaDfdl::add);
            try (InputStream in = Files.newInputStream(sample)) {
                dfdl.filterSource(new StreamSource<>(in));
            }
        }
        List<SmooksClaim> viaReader = new ArrayList<>();
        try (Smooks ours = ToothcombReaderTest.readerSmooks()) {
            ToothcombSmooks.onClaim(ours, viaReader::add);
            try (InputStream in = Files.newInputStream(sample)) {
                ours.filterSource(new StreamSource<>(in));
            }
        }
        assertTrue(viaDfdl.size() > 1, "the sample has several claims");
        assertEquals(viaDfdl, viaReader);
    }

    /** The scrub visitor without the toothcomb reader says what is missing. */
    @Test
    void scrubWithTheDfdlParserIsAClearError() throws Exception {
        String config = new String(CompiledMappings.mappingFile(MappingKind.CLAIM_837D.configPath()),
                StandardCharsets.UTF_8).replace("</smooks-resource-list>",
                "<toothcomb:scrub xmlns:toothcomb=\"https://toothcomb.io/xsd/smooks/toothcomb-1.0.xsd\"/>"
                        + "</smooks-resource-list>");
        try (Smooks smooks = SmooksX12.newSmooks(MappingKind.CLAIM_837D)) {
            smooks.addResourceConfigs(new java.io.ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)));
            Exception e = assertThrows(Exception.class, () -> smooks.filterSource(new StreamSource<>(
                    Files.newInputStream(Path.of("edi-samples/defect-d1354-quantity.edi")))));
            Throwable c = e;
            while (c.getCause() != null && !String.valueOf(c.getMessage()).contains("toothcomb:reader")) {
                c = c.getCause();
            }
            assertTrue(String.valueOf(c.getMessage()).contains("needs <toothcomb:reader/>"), String.valueOf(e));
        }
    }
}
