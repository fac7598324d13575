package io.toothcomb.smooks;

import io.toothcomb.loader.ClaimLoader;
import io.toothcomb.loader.ClaimUnit;
import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.LoadHandler;
import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.Tooth;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fast reader and the Smooks reference mapping must see the same claims in every sample the fast reader takes
 * without envelope errors: CLM01, CLM02 and, per line, LX01, SV301-02, SV302, SV306, TOO02 and TOO03.
 */
@Tag("slow") // every fixture parsed by the DFDL mapping too; run by .ci/run, excluded from the default mvn verify
class SmooksCrossCheckTest {

    static List<Path> samples() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(Path.of("edi-samples"), Path.of("src/test/resources/fixtures"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.walk(dir, dir.endsWith("edi-samples") ? 1 : Integer.MAX_VALUE)) {
                    s.filter(p -> p.getFileName().toString().endsWith(".edi") && Files.isRegularFile(p))
                            .sorted().forEach(files::add);
                }
            }
        }
        return files;
    }

    @Test
    void thereAreSamplesToCheck() throws IOException {
        assertFalse(samples().isEmpty(), "no edi-samples/*.edi found (run from the project directory)");
    }

    @TestFactory
    Stream<DynamicTest> smooksSeesTheSameClaimsAsTheFastReader() throws IOException {
        return samples().stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> crossCheck(file)));
    }

    /** The comparison itself must be able to fail: claims of one file never match those of another. */
    @Test
    void comparisonDetectsDifferentClaims() throws Exception {
        List<Path> files = samples().stream().filter(p -> p.getFileName().toString().startsWith("defect-")).toList();
        assumeTrue(files.size() >= 2, "needs two defect-* samples");
        List<Claim> fast = ClaimLoader.readClaims(files.get(0));
        List<SmooksClaim> other = new ArrayList<>();
        ToothcombSmooks.claims(files.get(1), other::add);
        assertFalse(fast.isEmpty() || other.isEmpty());
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> {
            assertEquals(ids(fast), other.stream().map(SmooksClaim::id).toList());
            for (int i = 0; i < fast.size(); i++) {
                compare(files.get(0), fast.get(i), other.get(i));
            }
        });
        // and a changed tooth on an otherwise identical claim is caught
        List<SmooksClaim> same = new ArrayList<>();
        ToothcombSmooks.claims(files.get(0), same::add);
        SmooksClaim c = same.stream().filter(x -> x.lines().stream().anyMatch(l -> !l.teeth().isEmpty()))
                .findFirst().orElseThrow();
        int idx = same.indexOf(c);
        List<SmooksClaim.Line> lines = new ArrayList<>();
        for (SmooksClaim.Line l : c.lines()) {
            lines.add(l.teeth().isEmpty() ? l : new SmooksClaim.Line(l.number(), l.code(), l.charge(), l.quantity(),
                    List.of(new SmooksClaim.Tooth("99", List.of()))));
        }
        SmooksClaim changed = new SmooksClaim(c.id(), c.charge(), lines);
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> compare(files.get(0), fast.get(idx), changed));
        compare(files.get(0), fast.get(idx), c);
    }

    private static void crossCheck(Path file) throws Exception {
        List<Claim> fast = new ArrayList<>();
        FileAck ack = ClaimLoader.load(file, new LoadHandler() {
            @Override
            public void claim(ClaimUnit unit) {
                fast.add(unit.claim());
            }
        });
        assumeTrue(ack.fileErrors().isEmpty(), () -> file + ": skipped, the fast reader reports envelope errors: "
                + ack.fileErrors().get(0).describe());

        List<SmooksClaim> viaDom = new ArrayList<>();
        for (Document doc : SmooksX12.parse(file, MappingKind.CLAIM_837D)) {
            viaDom.addAll(SmooksClaim.all(doc.getDocumentElement()));
        }
        List<SmooksClaim> viaStream = new ArrayList<>();
        ToothcombSmooks.claims(file, viaStream::add);
        assertEquals(viaDom, viaStream, file + ": streamed and DOM Smooks results differ");

        assertEquals(ids(fast), viaDom.stream().map(SmooksClaim::id).toList(), file + ": claim ids (CLM01)");
        for (int i = 0; i < fast.size(); i++) {
            compare(file, fast.get(i), viaDom.get(i));
        }
    }

    private static List<String> ids(List<Claim> claims) {
        return claims.stream().map(Claim::id).toList();
    }

    private static void compare(Path file, Claim fast, SmooksClaim smooks) {
        String where = file.getFileName() + " claim " + fast.id();
        assertSameAmount(fast.charge(), smooks.charge(), where + " CLM02");
        assertEquals(fast.lines().size(), smooks.lines().size(), where + ": number of service lines");
        for (int j = 0; j < fast.lines().size(); j++) {
            ServiceLine f = fast.lines().get(j);
            SmooksClaim.Line s = smooks.lines().get(j);
            String at = where + " line " + (j + 1);
            assertEquals(f.number(), s.number(), at + " LX01");
            assertEquals(emptyToNull(f.code()), emptyToNull(s.code()), at + " SV301-02");
            assertSameAmount(f.charge(), s.charge(), at + " SV302");
            assertSameAmount(f.quantity(), s.quantity(), at + " SV306");
            assertEquals(f.teeth().size(), s.teeth().size(), at + ": number of TOO segments");
            for (int k = 0; k < f.teeth().size(); k++) {
                Tooth ft = f.teeth().get(k);
                SmooksClaim.Tooth st = s.teeth().get(k);
                assertEquals(ft.designation(), st.designation(), at + " TOO02 #" + (k + 1));
                assertEquals(ft.surfaces(), st.surfaces(), at + " TOO03 #" + (k + 1));
            }
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static void assertSameAmount(BigDecimal expected, BigDecimal actual, String what) {
        if (expected == null || actual == null) {
            assertEquals(expected, actual, what);
        } else {
            assertTrue(expected.compareTo(actual) == 0, what + ": fast reader " + expected + ", Smooks " + actual);
        }
    }
}
