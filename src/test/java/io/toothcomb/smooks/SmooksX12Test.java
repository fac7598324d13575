package io.toothcomb.smooks;

import org.apache.daffodil.japi.DataProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smooks.Smooks;
import org.smooks.cartridges.dfdl.DataProcessorFactory;
import org.smooks.io.sink.DOMSink;
import org.smooks.io.source.StreamSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 837D mapping and the adapter on hand-made input (independent of edi-samples). */
class SmooksX12Test {
    /** One claim, two lines; {0}=element sep, {1}=component, {2}=repetition, {3}=terminator + line break. */
    static final String TEMPLATE = String.join("\u0003",
            "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261112*1758*^*00501*000000925*0*P*:",
            "GS*HC*SENDER*RECEIVER*20261112*1758*925*X*005010X224A2",
            "ST*837*0001*005010X224A2",
            "BHT*0019*00*B1*20261112*1758*CH",
            "NM1*41*2*SUBMITTER*****46*S1",
            "NM1*40*2*RECEIVER*****46*R1",
            "HL*1**20*1",
            "NM1*85*2*BILLING DENTAL*****XX*1234567893",
            "HL*2*1*22*0",
            "SBR*P*18*******CI",
            "NM1*IL*1*DOE*JANE****MI*M1",
            "NM1*PR*2*PAYER*****PI*64210",
            "CLM*C-100*312.5***11:B:1*Y*A*Y*Y",
            "DTP*472*D8*20261110",
            "HI*ABK:K0252*ABF:K0251",
            "LX*1",
            "SV3*AD:D2392*198****1",
            "TOO*JP*3*M:O:D",
            "LX*2",
            "SV3*AD:D1354*114.5****2",
            "TOO*JP*K",
            "SE*20*0001",
            "GE*1*925",
            "IEA*1*000000925") + "\u0003";

    @TempDir
    Path tmp;

    static String x12(char elem, char comp, char rep, String terminator) {
        StringBuilder sb = new StringBuilder();
        for (char c : TEMPLATE.toCharArray()) {
            switch (c) {
                case '*' -> sb.append(elem);
                case ':' -> sb.append(comp);
                case '^' -> sb.append(rep);
                case '\u0003' -> sb.append(terminator);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    Path write(String name, String content) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, content, StandardCharsets.ISO_8859_1);
        return f;
    }

    static void assertTheClaim(List<SmooksClaim> claims) {
        assertEquals(1, claims.size());
        SmooksClaim c = claims.get(0);
        assertEquals("C-100", c.id());
        assertEquals(0, new BigDecimal("312.5").compareTo(c.charge()));
        assertEquals(2, c.lines().size());
        assertEquals(new SmooksClaim.Line(1, "D2392", new BigDecimal("198"), new BigDecimal("1"),
                List.of(new SmooksClaim.Tooth("3", List.of("M", "O", "D")))), c.lines().get(0));
        assertEquals(new SmooksClaim.Line(2, "D1354", new BigDecimal("114.5"), new BigDecimal("2"),
                List.of(new SmooksClaim.Tooth("K", List.of()))), c.lines().get(1));
    }

    @Test
    void standardDelimitersWithCrLf() throws Exception {
        Path f = write("crlf.edi", x12('*', ':', '^', "~\r\n"));
        List<Document> docs = SmooksX12.parse(f, MappingKind.CLAIM_837D);
        assertEquals(1, docs.size());
        assertTheClaim(SmooksClaim.all(docs.get(0).getDocumentElement()));
        Document d = docs.get(0);
        assertEquals("ABK", SmooksAckValidator.value(d, "//Loop2300/HI/HI01/HI01-01"));
        assertEquals("K0251", SmooksAckValidator.value(d, "//Loop2300/HI/HI02/HI02-02"));
        assertEquals("B", SmooksAckValidator.value(d, "//Loop2300/CLM/CLM05/CLM05-02"));
        assertEquals(0, SmooksAckValidator.values(d, "//CLM/CLM03").size(), "empty elements are omitted");
        assertEquals("1234567893", SmooksAckValidator.value(d,
                "/Interchange/FunctionalGroup/Transaction/Loop2000A/Loop2010AA/NM1/NM109"));
        assertEquals("CI", SmooksAckValidator.value(d, "//Loop2000B/SBR/SBR09"));
        assertEquals("64210", SmooksAckValidator.value(d, "//Loop2000B/Loop2010BB/NM1/NM109"));
        assertEquals(":", SmooksAckValidator.value(d, "/Interchange/ISA/ISA16"));
        assertEquals("000000925", SmooksAckValidator.value(d, "/Interchange/IEA/IEA02"));
    }

    @Test
    void pipeDelimitersWithoutLineBreaks() throws Exception {
        Path f = write("pipe.edi", x12('|', '>', '!', "~"));
        assertTheClaim(SmooksClaim.all(SmooksX12.parseSingle(f, MappingKind.CLAIM_837D).getDocumentElement()));
    }

    @Test
    void unusualDelimitersIncludingDfdlSpecialCharacters() throws Exception {
        // '%' and a bare newline mean something in DFDL delimiter strings; the schema escapes them.
        assertTheClaim(SmooksClaim.all(SmooksX12.parseSingle(write("pct.edi", x12('%', '@', '#', "\n")),
                MappingKind.CLAIM_837D).getDocumentElement()));
        assertTheClaim(SmooksClaim.all(SmooksX12.parseSingle(write("bang.edi", x12('^', '\\', '{', "'\r\n")),
                MappingKind.CLAIM_837D).getDocumentElement()));
    }

    @Test
    void severalInterchangesInOneFile() throws Exception {
        String a = x12('*', ':', '^', "~\n");
        String b = x12('|', '>', '!', "~").replace("C-100", "C-200");
        Path f = write("two.edi", a + "\n" + b + "\r\n");
        List<InterchangeSpan> spans = Interchanges.split(f);
        assertEquals(2, spans.size());
        assertEquals('*', spans.get(0).element());
        assertEquals('|', spans.get(1).element());
        assertEquals('>', spans.get(1).component());
        assertEquals(a.length() + 1, spans.get(1).offset());
        List<Document> docs = SmooksX12.parse(f, MappingKind.CLAIM_837D);
        assertEquals(2, docs.size());
        assertEquals("C-100", SmooksClaim.all(docs.get(0).getDocumentElement()).get(0).id());
        assertEquals("C-200", SmooksClaim.all(docs.get(1).getDocumentElement()).get(0).id());
        List<String> streamed = new ArrayList<>();
        ToothcombSmooks.claims(f, c -> streamed.add(c.id()));
        assertEquals(List.of("C-100", "C-200"), streamed);
    }

    @Test
    void unknownSegmentsLandInTheGenericFallback() throws Exception {
        String text = x12('*', ':', '^', "~\n")
                .replace("DTP*472*D8*20261110~\n", "ZZ1*A**C~\nDTP*472*D8*20261110~\n")
                .replace("SV3*AD:D2392*198****1~\n", "SV3*AD:D2392*198****1~\nQQQ*9~\n");
        Document d = SmooksX12.parseSingle(write("unknown.edi", text), MappingKind.CLAIM_837D);
        assertTheClaim(SmooksClaim.all(d.getDocumentElement()));
        assertEquals(List.of("ZZ1", "QQQ"), SmooksAckValidator.values(d, "//Segment/SegmentId"));
        // positions are kept: the empty second element is present (nil)
        assertEquals(List.of("A", "", "C"), SmooksAckValidator.values(d, "//Segment[SegmentId='ZZ1']/Element"));
        // the known segment after the unknown one is still typed, in its own loop
        assertEquals("20261110", SmooksAckValidator.value(d, "//Loop2300/DTP/DTP03"));
        assertEquals("QQQ", SmooksAckValidator.value(d, "//Loop2400[LX/LX01='1']/Segment/SegmentId"));
    }

    @Test
    void truncatedFileGivesAReadableError() throws Exception {
        String text = x12('*', ':', '^', "~\n");
        Path f = write("cut.edi", text.substring(0, text.indexOf("SV3*AD:D1354") + 9));
        SmooksX12Exception e = assertThrows(SmooksX12Exception.class,
                () -> SmooksX12.parse(f, MappingKind.CLAIM_837D));
        assertTrue(e.getMessage().startsWith("cut.edi: interchange 1 (starting at byte 0), which has no IEA"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void notX12GivesAReadableError() throws Exception {
        SmooksX12Exception e = assertThrows(SmooksX12Exception.class,
                () -> SmooksX12.parse(write("hello.txt", "hello world, this is not an interchange at all"),
                        MappingKind.CLAIM_837D));
        assertTrue(e.getMessage().contains("expected an ISA segment"), e.getMessage());
    }

    @Test
    void shippedSmooksConfigsWorkAsWritten() throws Exception {
        // Loads mappings/*/smooks-*.xml exactly as a Smooks user would (schemaUri relative to the working
        // directory), handing Smooks the already compiled parser so the test needs no second compile and the
        // cartridge's cacheOnDisk never writes .smooks/ into the project.
        Map<MappingKind, Path> samples = Map.of(
                MappingKind.CLAIM_837D, write("cfg.edi", x12('*', ':', '^', "~\n")),
                MappingKind.ACK_277CA, SmooksAckValidatorTest.VALID_277,
                MappingKind.ACK_999, SmooksAckValidatorTest.VALID_999);
        for (MappingKind kind : MappingKind.values()) {
            Path config = Path.of("mappings").resolve(kind.configPath());
            String xml = Files.readString(config);
            String schemaUri = xml.replaceAll("(?s).*schemaUri=\"([^\"]+)\".*", "$1");
            assertEquals("mappings/" + kind.schemaPath(), schemaUri, config + " schemaUri");
            assertTrue(xml.contains("validationMode=\"Off\"") && xml.contains("cacheOnDisk=\"true\""), config.toString());
            assertEquals(Files.readString(Path.of(schemaUri)),
                    Files.readString(CompiledMappings.get(kind).schema()), "cached copy of " + schemaUri);

            try (Smooks smooks = new Smooks()) {
                Map<String, DataProcessor> processors = new ConcurrentHashMap<>();
                processors.put(new File(schemaUri).toURI() + ":Off:true:false", CompiledMappings.get(kind).processor());
                smooks.getApplicationContext().getRegistry().registerObject(DataProcessorFactory.class, processors);
                smooks.addResourceConfigs(Files.newInputStream(config));
                DOMSink sink = new DOMSink();
                try (InputStream in = Files.newInputStream(samples.get(kind))) {
                    smooks.filterSource(smooks.createExecutionContext(), new StreamSource<>(in), sink);
                }
                Node node = sink.getNode();
                Document doc = node instanceof Document dd ? dd : node.getOwnerDocument();
                assertEquals("Interchange", doc.getDocumentElement().getTagName(), config.toString());
                assertNotNull(SmooksAckValidator.value(doc, "/Interchange/FunctionalGroup/Transaction/ST/ST02"));
            }
        }
    }

    @Test
    void pipelineUsersGetClaimsFromTheirOwnSmooks() throws Exception {
        Path f = write("pipeline.edi", x12('*', ':', '^', "~\n"));
        List<SmooksClaim> claims = new ArrayList<>();
        try (Smooks smooks = ToothcombSmooks.newSmooks(MappingKind.CLAIM_837D)) {
            ToothcombSmooks.onClaim(smooks, claims::add);
            try (InputStream in = Files.newInputStream(f)) {
                smooks.filterSource(smooks.createExecutionContext(), new StreamSource<>(in));
            }
        }
        assertTheClaim(claims);
        String config = SmooksX12.config(MappingKind.CLAIM_837D);
        assertTrue(config.contains("<dfdl:parser schemaUri=\"" + CompiledMappings.get(MappingKind.CLAIM_837D).schema()),
                config);
        // the generated config is well-formed XML naming a schema that exists
        Document cfg = javax.xml.parsers.DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)));
        assertEquals("smooks-resource-list", cfg.getDocumentElement().getTagName());
        assertTrue(Files.isRegularFile(CompiledMappings.get(MappingKind.CLAIM_837D).schema()));
    }

    @Test
    void streamingHandsOverCompleteLoop2400Fragments() throws Exception {
        Path f = write("lines.edi", x12('*', ':', '^', "~\n"));
        List<String> codes = new ArrayList<>();
        SmooksX12.stream(f, MappingKind.CLAIM_837D, "Loop2400", (Element e, InterchangeSpan span) ->
                codes.add(span.index() + ":" + SmooksClaim.text(SmooksClaim.child(SmooksClaim.child(e, "SV3"), "SV301"),
                        "SV301-02")));
        assertEquals(List.of("0:D2392", "0:D1354"), codes);
    }
}
