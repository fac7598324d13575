package io.toothcomb.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.fix.ClaimFixer;
import io.toothcomb.guide.OwnAcksFollowTheirGuidesTest;
import io.toothcomb.reader.Segment;
import io.toothcomb.result.ClaimResult;
import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubListener;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.rules.Finding;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --fix} on src/test/resources/fix/fixes.edi, one claim per case:
 * FX01SPLIT (D1354, quantity 3, teeth S T A, 100.00: split), FX02QTY4TOO3 (quantity 4, three teeth: not mended),
 * FX03NOTOO (quantity 4, no tooth: not mended), FX04SURF (TOO03 O:M:O: sent as M:O), FX05OTHER (a split that
 * would do, but another line has an invalid tooth: not sent mended, said so), FX06SAMETOOTH (quantity 2, tooth S
 * twice: not mended).
 */
class FixTest {
    static final Path FIXES = Path.of("src/test/resources/fix/fixes.edi");

    @TempDir
    Path tmp;

    private static Map<String, ClaimResult> scrub(boolean fix) throws IOException {
        Map<String, ClaimResult> by = new LinkedHashMap<>();
        new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withFix(fix)).scrub(FIXES,
                List.of(new ScrubListener() {
                    @Override
                    public void claim(ClaimResult r) {
                        by.put(r.claim().id(), r);
                    }
                }));
        return by;
    }

    private static List<Finding> fixes(ClaimResult r) {
        return r.findings().stream().filter(f -> f.rule().startsWith("FIX-")).toList();
    }

    private static List<String> texts(ClaimResult r) {
        List<String> out = new ArrayList<>();
        for (Segment s : r.fixed().segments()) {
            out.add(s.text());
        }
        return out;
    }

    @Test
    void withoutFixNothingIsMended() throws IOException {
        Map<String, ClaimResult> r = scrub(false);
        assertEquals(6, r.size());
        for (ClaimResult c : r.values()) {
            assertTrue(c.rejected(), c.claim().id());
            assertNull(c.fixed());
            assertEquals(List.of(), fixes(c));
        }
    }

    @Test
    void aPerToothLineOfQuantityNWithNTeethBecomesNLines() throws IOException {
        ClaimResult c = scrub(true).get("FX01SPLIT");
        assertFalse(c.rejected(), c.findings().toString());
        assertNotNull(c.fixed());
        assertEquals(List.of(
                "CLM*FX01SPLIT*176.00***11:B:1*Y*A*Y*Y", "DTP*472*D8*20261105",
                "NM1*82*1*OKONKWO-BRANDT*TESSA****XX*1488302658", "PRV*PE*PXC*1223P0221X",
                "LX*1", "SV3*AD:D0120*36.00****1", "DTP*472*D8*20261105", "REF*6R*FX01SPLIT01",
                "LX*2", "SV3*AD:D1354*33.34****1", "TOO*JP*S", "DTP*472*D8*20261105", "REF*6R*FX01SPLIT02",
                "LX*3", "SV3*AD:D1354*33.33****1", "TOO*JP*T", "DTP*472*D8*20261105", "REF*6R*FX01SPLIT02-2",
                "LX*4", "SV3*AD:D1354*33.33****1", "TOO*JP*A", "DTP*472*D8*20261105", "REF*6R*FX01SPLIT02-3",
                "LX*5", "SV3*AD:D0272*40.00****1", "DTP*472*D8*20261105", "REF*6R*FX01SPLIT03"), texts(c));
        List<Finding> f = fixes(c);
        assertEquals(1, f.size(), f.toString());
        Finding split = f.get(0);
        assertEquals(ClaimFixer.SPLIT, split.rule());
        assertEquals(Severity.INFO, split.severity());
        assertEquals(30, split.segment(), "points at the SV3 as received");
        assertEquals(6, split.element());
        assertEquals(2, split.line());
        assertTrue(split.message().contains("lines 2-4") && split.message().contains("33.34 on the first")
                && split.message().contains("CLM02 unchanged"), split.message());
        assertTrue(c.findings().stream().noneMatch(Finding::rejects), "clean once mended");
    }

    @Test
    void repeatedSurfaceLettersAreSentOnceInOrder() throws IOException {
        ClaimResult c = scrub(true).get("FX04SURF");
        assertFalse(c.rejected(), c.findings().toString());
        assertTrue(texts(c).contains("TOO*JP*J*M:O"), texts(c).toString());
        List<Finding> f = fixes(c);
        assertEquals(1, f.size());
        assertEquals(ClaimFixer.SURFACES, f.get(0).rule());
        assertEquals(73, f.get(0).segment());
        assertTrue(f.get(0).message().contains("was O:M:O") && f.get(0).message().contains("sent as M:O"),
                f.get(0).message());
    }

    @Test
    void nearMissesAreLeftToAPerson() throws IOException {
        Map<String, ClaimResult> r = scrub(true);
        for (String id : List.of("FX02QTY4TOO3", "FX03NOTOO", "FX06SAMETOOTH")) {
            ClaimResult c = r.get(id);
            assertTrue(c.rejected(), id);
            assertNull(c.fixed(), id);
            assertEquals(List.of(), fixes(c), id + ": quantity and teeth disagree, or a tooth is missing or twice");
            assertTrue(c.findings().stream().anyMatch(f -> f.rule().equals("D1354-PER-TOOTH")), id);
        }
    }

    @Test
    void aMendThatLeavesOtherErrorsIsNotSentButSaid() throws IOException {
        ClaimResult c = scrub(true).get("FX05OTHER");
        assertTrue(c.rejected());
        assertNull(c.fixed(), "goes on as received");
        assertTrue(c.findings().stream().anyMatch(f -> f.rule().equals("TOOTH-VALID")));
        assertTrue(c.findings().stream().anyMatch(f -> f.rule().equals("D1354-PER-TOOTH")),
                "the original findings stay");
        List<Finding> f = fixes(c);
        assertEquals(1, f.size());
        assertTrue(f.get(0).message().contains("not sent mended") && f.get(0).message().contains("TOOTH-VALID"),
                f.get(0).message());
    }

    /** The mended claims go to accepted.837 as mended, which scrubs clean; the listing and XML say so. */
    @Test
    void mendedClaimsAreForwardedAndScrubCleanAgain() throws IOException {
        ScrubOptions all = ScrubOptions.defaults().withClock(GoldenOutputsTest.CLOCK).withOutputs(Output.all())
                .withFix(true);
        Path out = Files.createDirectories(tmp.resolve("one"));
        ScrubSummary s = new Scrubber(RuleEngine.load(null), all).scrub(FIXES, out);
        assertEquals(2, s.accepted());
        Path accepted = out.resolve("fixes.accepted.837");
        String text = Files.readString(accepted);
        assertTrue(text.contains("SV3*AD:D1354*33.34****1~\nTOO*JP*S~") && text.contains("TOO*JP*J*M:O~"), text);
        assertFalse(text.contains("FX02QTY4TOO3"));
        Path again = Files.createDirectories(tmp.resolve("again"));
        ScrubSummary t = new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withClock(GoldenOutputsTest.CLOCK)
                .withOutputs(EnumSet.of(Output.ACK_999))).scrub(accepted, again);
        assertEquals(2, t.claims());
        assertEquals(2, t.accepted());
        assertFalse(t.envelopeRejected());
        assertEquals(List.of(), OwnAcksFollowTheirGuidesTest.problems(again.resolve("fixes.accepted.999")));
        String rejected = Files.readString(out.resolve("fixes.rejected.837"));
        assertTrue(rejected.contains("SV3*AD:D1354*90.00****2~\nTOO*JP*S~\nTOO*JP*T~"),
                "a claim not sent mended goes on as received");
        assertTrue(Files.readString(out.resolve("fixes.annotated.txt")).contains("accepted as mended by --fix"));
        assertTrue(Files.readString(out.resolve("fixes.annotated.xml")).contains("mended=\"true\""));
    }

    /** Mending on the workers of a split scrub gives what the whole scrub gives. */
    @Test
    void mendingApartIsTheSameAsWhole() throws IOException {
        // every answer numbered 1: the two scrubs are compared file for file
        ScrubOptions all = ScrubOptions.defaults().withClock(GoldenOutputsTest.CLOCK).withOutputs(Output.all())
                .withFix(true).withControls(ScrubModesTest.SAME_NUMBER);
        Path apart = Files.createDirectories(tmp.resolve("apart"));
        Path whole = Files.createDirectories(tmp.resolve("whole"));
        Scrubber split = new Scrubber(RuleEngine.load(null), all).split(true);
        split.scrub(FIXES, apart);
        new Scrubber(RuleEngine.load(null), all).split(false).optimistic(false).scrub(FIXES, whole);
        assertEquals(1, split.splits());
        List<Path> files;
        try (Stream<Path> l = Files.list(whole)) {
            files = l.sorted().toList();
        }
        assertTrue(files.size() >= 7, files.toString());
        for (Path p : files) {
            assertEquals(Files.readString(p), Files.readString(apart.resolve(p.getFileName())), p.getFileName().toString());
        }
    }
}
