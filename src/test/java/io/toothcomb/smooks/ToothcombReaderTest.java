package io.toothcomb.smooks;

import io.toothcomb.rules.FixtureFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smooks.Smooks;
import org.smooks.io.sink.DOMSink;
import org.smooks.io.source.StreamSource;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code <toothcomb:reader/>} gives the XML the DFDL 837D mapping gives: XMLUnit-identical on every interchange of
 * every edi-sample, golden input and rule fixture the DFDL mapping can parse. Prints
 * {@code SMOOKS-READER-EQUAL n of m ...}.
 */
@Tag("slow") // every fixture parsed by the DFDL mapping too: about a minute; run by .ci/run, excluded from the default mvn verify
class ToothcombReaderTest {
    static final String READER_CONFIG = """
            <smooks-resource-list xmlns="https://www.smooks.org/xsd/smooks-2.0.xsd"
                                  xmlns:toothcomb="https://toothcomb.io/xsd/smooks/toothcomb-1.0.xsd">
                <toothcomb:reader/>
            </smooks-resource-list>
            """;

    @TempDir
    Path tmp;

    static Smooks readerSmooks() throws Exception {
        return new Smooks(new ByteArrayInputStream(READER_CONFIG.getBytes(StandardCharsets.UTF_8)));
    }

    static Document read(Smooks smooks, byte[] x12) {
        DOMSink sink = new DOMSink();
        smooks.filterSource(new StreamSource<>(new ByteArrayInputStream(x12)), sink);
        Node n = sink.getNode();
        return n instanceof Document d ? d : n.getOwnerDocument();
    }

    /** The inputs: edi-samples, golden test inputs and every rule fixture written as X12. */
    private List<Path> inputs() throws Exception {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(Path.of("edi-samples"), Path.of("src/test/resources/golden"))) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".edi")).sorted().forEach(files::add);
            }
        }
        try (Stream<Path> s = Files.walk(Path.of("src/test/resources/rules"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".claim")).sorted().toList()) {
                Path x = tmp.resolve(f.getParent().getFileName() + "-" + f.getFileName() + ".edi");
                Files.writeString(x, FixtureFile.read(f).toX12(), StandardCharsets.UTF_8);
                files.add(x);
            }
        }
        return files;
    }

    @Test
    void sameXmlAsTheDfdlMappingOnEverySampleAndFixture() throws Exception {
        List<Path> files = inputs();
        assertTrue(files.size() > 50, "expected the samples and the rule fixtures, found " + files.size());
        int equal = 0;
        int dfdlFails = 0;
        int interchanges = 0;
        List<String> differences = new ArrayList<>();
        try (Smooks smooks = readerSmooks()) {
            for (Path file : files) {
                List<Document> reference;
                try {
                    reference = SmooksX12.parse(file, MappingKind.CLAIM_837D);
                } catch (SmooksX12Exception e) {
                    dfdlFails++;
                    continue;
                }
                byte[] all = Files.readAllBytes(file);
                List<InterchangeSpan> spans = Interchanges.split(file);
                boolean same = true;
                for (int i = 0; i < spans.size(); i++) {
                    InterchangeSpan span = spans.get(i);
                    byte[] part = Arrays.copyOfRange(all, (int) span.offset(), (int) (span.offset() + span.length()));
                    Document ours = read(smooks, part);
                    Diff diff = DiffBuilder.compare(reference.get(i)).withTest(ours).checkForIdentical().build();
                    interchanges++;
                    if (diff.hasDifferences()) {
                        same = false;
                        differences.add(file.getFileName() + " interchange " + (i + 1) + ": "
                                + diff.getDifferences().iterator().next());
                    }
                }
                if (same) {
                    equal++;
                }
            }
        }
        int parsed = files.size() - dfdlFails;
        System.out.printf("SMOOKS-READER-EQUAL %d of %d files (%d interchanges) where the DFDL mapping parses;"
                + " %d of %d files the DFDL mapping cannot parse%n", equal, parsed, interchanges, dfdlFails,
                files.size());
        assertEquals(List.of(), differences);
        assertEquals(parsed, equal);
        assertTrue(parsed >= files.size() - 6, "the DFDL mapping failed on " + dfdlFails + " files");
    }

    /** The comparison can fail: a changed tooth number is a difference. */
    @Test
    void aChangedValueIsADifference() throws Exception {
        Path file = Path.of("edi-samples/defect-invalid-tooth.edi");
        Document reference = SmooksX12.parseSingle(file, MappingKind.CLAIM_837D);
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        int too = text.indexOf("TOO*JP*");
        String changed = text.substring(0, too + 7) + "Z" + text.substring(too + 7);
        try (Smooks smooks = readerSmooks()) {
            Document ours = read(smooks, changed.getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(DiffBuilder.compare(reference).withTest(ours).checkForIdentical().build().hasDifferences());
        }
    }

    /** A segment the layout cannot place stops the parse with its number, id and line, as the DFDL parse stops. */
    @Test
    void aMisplacedSegmentIsNamed() throws Exception {
        String text = Files.readString(Path.of("edi-samples/defect-invalid-tooth.edi"), StandardCharsets.ISO_8859_1);
        int st = text.indexOf("ST*837");
        String broken = text.substring(0, st) + "CLM*X*1~" + text.substring(st);
        try (Smooks smooks = readerSmooks()) {
            Exception e = assertThrows(Exception.class, () -> read(smooks, broken.getBytes(StandardCharsets.ISO_8859_1)));
            Throwable c = e;
            while (c.getCause() != null) {
                c = c.getCause();
            }
            String msg = c.getMessage();
            assertTrue(msg.contains("(CLM, line"), msg);
            assertFalse(msg.contains("Exception"), msg);
        }
    }
}
