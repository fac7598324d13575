package io.toothcomb.writers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.GroupAck;
import io.toothcomb.loader.SyntaxError;
import io.toothcomb.loader.SyntaxError.Level;
import io.toothcomb.loader.TransactionAck;
import io.toothcomb.model.FunctionalGroup;
import io.toothcomb.model.Interchange;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.scrub.Scrubber;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our acknowledgments follow their guides whatever the input held: broken inputs (corrupt ISA bytes, a non-ASCII
 * ISA06, empty qualifiers, a corrupt ST, an odd GS) are scrubbed and every 999 and 277CA written is checked by
 * {@link AckShape}; and the 999 writer is fed values no loader should give it.
 */
class AckConformityTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    static final Path CLEAN = Path.of("edi-samples/clean-three-transactions.edi");

    @TempDir
    Path dir;

    /** Named byte edits of the clean three-transaction sample. */
    static final List<Object[]> BROKEN = List.of(
            new Object[] {"non-ascii-isa06", edit(b -> replace(b, "CDL40417 ", "CDL4\u00e90417"))},
            new Object[] {"two-corrupt-isa-bytes", edit(b -> {
                byte[] c = b.clone();
                c[32] = (byte) 0xFF; // ISA05
                c[52] = 0x01; // ISA07
                return c;
            })},
            new Object[] {"empty-isa05-isa07", edit(b -> replace(b, "*ZZ*", "**"))},
            new Object[] {"short-isa06-isa08", edit(b -> replace(replace(b, "CDL40417       ", ""), "NSDCH01        ", "X"))},
            new Object[] {"corrupt-st", edit(b -> replace(b, "ST*837*0001*005010X224A2~",
                    "ST*8\u00e97*00 1*" + "005010X224A2".repeat(4) + "~"))},
            new Object[] {"st-control-too-short", edit(b -> replace(b, "ST*837*0003*005010X224A2~", "ST*837*3*X~"))},
            new Object[] {"st-without-elements", edit(b -> replace(b, "ST*837*0002*005010X224A2~", "ST~"))},
            new Object[] {"gs01-hs-gs06-letters", edit(b -> replace(b, "GS*HC*CDL40417*NSDCH01*20260320*1412*417*",
                    "GS*HS*CDL40417*NSDCH01*20260320*1412*4A7*"))},
            new Object[] {"gs-with-component-ids", edit(b -> replace(b, "GS*HC*CDL40417*NSDCH01*",
                    "GS*HC*:*\u00e9\u00e9\u00e9*"))},
            new Object[] {"payer-id-missing-2010bb", edit(b -> replace(b, "*PI*64210~", "~"))},
            new Object[] {"bad-date-with-delimiter-chars", edit(b -> replace(b, "DTP*472*D8*20260409~",
                    "DTP*472*D8*2026^04:09\u00e9" + "9".repeat(120) + "~"))});

    static UnaryOperator<byte[]> edit(UnaryOperator<byte[]> f) {
        return f;
    }

    static byte[] replace(byte[] b, String from, String to) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        String f = new String(from.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        String t = new String(to.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertTrue(s.contains(f), "the sample holds " + from);
        return s.replaceFirst(java.util.regex.Pattern.quote(f), java.util.regex.Matcher.quoteReplacement(t))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> brokenInputsGetWellFormedAcknowledgments() {
        return BROKEN.stream().map(c -> DynamicTest.dynamicTest((String) c[0], () -> {
            String name = (String) c[0];
            byte[] bytes = ((UnaryOperator<byte[]>) c[1]).apply(Files.readAllBytes(CLEAN));
            Path in = dir.resolve("in").resolve(name + ".edi");
            Files.createDirectories(in.getParent());
            Files.write(in, bytes);
            Path out = dir.resolve("out");
            new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withClock(CLOCK)).scrub(in, out);
            List<String> ack = AckShape.assert999(Files.readAllBytes(out.resolve(name + ".999")), name + ".999");
            Path ca = out.resolve(name + ".277");
            if (Files.exists(ca)) {
                byte[] b = Files.readAllBytes(ca);
                String isa = new String(b, StandardCharsets.ISO_8859_1).split("~\n")[0] + "~";
                assertEquals(106, isa.length(), name + ".277: the ISA is 106 bytes: " + isa);
                assertTrue(new String(b, StandardCharsets.ISO_8859_1).split("~\n")[1].matches(
                        "GS\\*HN\\*[ -~&&[^*:^~]]{2,15}\\*[ -~&&[^*:^~]]{2,15}\\*.*"), name + ".277: GS02/GS03");
            }
            switch (name) {
                case "non-ascii-isa06" -> assertEquals("UNKNOWN        ", ack.get(0).split("\\*")[8],
                        "an ISA06 we cannot copy is answered to a placeholder id");
                case "empty-isa05-isa07" -> {
                    assertEquals("ZZ", ack.get(0).split("\\*")[5]);
                    assertEquals("ZZ", ack.get(0).split("\\*")[7]);
                }
                case "short-isa06-isa08" -> assertEquals("X              ", ack.get(0).split("\\*")[6]);
                case "corrupt-st" -> assertTrue(ack.contains("AK2*837*00 1"),
                        "AK201 replaced, AK202 kept (AN allows a space), AK203 of 48 characters left out: " + ack);
                case "st-control-too-short" -> assertTrue(ack.contains("AK2*837*0000*X"), "AK202 is AN 4/9: " + ack);
                case "gs01-hs-gs06-letters" -> assertTrue(ack.contains("AK1*HS*0*005010X224A2"),
                        "AK101 echoes GS01, AK102 is N0: " + ack);
                case "gs-with-component-ids" -> assertTrue(ack.get(1).startsWith("GS*FA*TOOTHCOMB*UNKNOWN*"),
                        "placeholders for a GS02 and GS03 we cannot copy: " + ack.get(1));
                case "payer-id-missing-2010bb" -> assertTrue(ack.stream().anyMatch(s -> s.matches("IK3\\*NM1\\*\\d+\\*2010\\*8")),
                        "IK303 is 2010 for 2010BB: " + ack);
                default -> {
                }
            }
        }));
    }

    /** The writer keeps to the guide even when what it is given does not. */
    @Test
    void valuesNoLoaderShouldGiveAreKeptOutOfThe999() throws IOException {
        Interchange ic = new Interchange("Z\u00e9", "SEND\u0000ER", "", "", "26O320", "14:2", "12345678901", "00501",
                "X", 1);
        FunctionalGroup g = new FunctionalGroup("H", "~", "ABCDEFGHIJKLMNOPQ", "20260320", "1412", "-17", "", 2);
        List<SyntaxError> errors = List.of(
                new SyntaxError(10, "NM1", 9, "2010BB", "8", 9, 0, "67", "1", "should not be echoed", Level.SEGMENT,
                        "missing"),
                new SyntaxError(10, "NM1", 9, "2010BB", "8", 3, 0, "1035", "ZZ", "A*B", Level.SEGMENT, "bad"),
                new SyntaxError(12, "DTP", 11, "2300", "8", 3, 0, "1251x", "8", "9".repeat(150), Level.SEGMENT, "long"),
                new SyntaxError(13, "CLM", 12, "HEADER", "Q", 0, 0, "", "", "", Level.SEGMENT, "odd code"),
                new SyntaxError(14, "\u00e9X", 13, "2400", "2", 0, 0, "", "", "", Level.SEGMENT, "garbled id"));
        TransactionAck bad = new TransactionAck("8\u00e97", "1", "X".repeat(40), 3, errors, errors.size(),
                List.of("5", "99", "I6"), 1);
        TransactionAck good = new TransactionAck("837", "0002", "005010X224A2", 50, List.of(), 0, List.of(), 1);
        GroupAck group = new GroupAck(g, List.of(bad, good), 2, List.of("5", "77"), List.of());
        FileAck ack = new FileAck("t.edi", List.of(ic), List.of(group), List.of(), 60, 6000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Ack999Writer(bytes, CLOCK, 1, io.toothcomb.control.OurIds.ECHO).write(ack);
        List<String> segs = AckShape.assert999(bytes.toByteArray(), "999");
        assertEquals("ISA*00*          *00*          *ZZ*TOOTHCOMB      *ZZ*UNKNOWN        *261123*1000*^*00501"
                + "*000000001*0*P*:", segs.get(0));
        assertEquals("GS*FA*TOOTHCOMB*UNKNOWN*20261123*1000*1*X*005010X231A1", segs.get(1));
        assertEquals(List.of("AK1*HC*0", "AK2*837*0000", "IK3*NM1*9*2010*8", "IK4*9*67*1", "IK4*3*1035*I12",
                "IK3*DTP*11*2300*8", "IK4*3**8*" + "9".repeat(99), "IK3*CLM*12**2", "IK5*R*5*I6",
                "AK2*837*0002*005010X224A2", "IK5*A", "AK9*R*2*2*0*5"), segs.subList(3, segs.size() - 3));
    }

    @Test
    void ik303IsTheLoopIdCutToFour() {
        assertEquals("2010", Ack999Writer.loopId("2010BB"));
        assertEquals("2300", Ack999Writer.loopId("2300"));
        assertEquals("1000", Ack999Writer.loopId("1000A"));
        assertEquals("", Ack999Writer.loopId("HEADER"));
        assertEquals("", Ack999Writer.loopId(""));
    }

    @Test
    void ik404OnlyWhereAValueCanBeCopied() {
        assertEquals("", Ack999Writer.badValue("1", "x"), "not for a missing element");
        assertEquals("", Ack999Writer.badValue("I9", "x"));
        assertEquals("", Ack999Writer.badValue("7", "A~B"), "not with a delimiter");
        assertEquals("", Ack999Writer.badValue("7", "caf\u00e9"), "not outside ASCII");
        assertEquals("X1", Ack999Writer.badValue("7", " X1 "));
        assertEquals(99, Ack999Writer.badValue("5", "7".repeat(200)).length());
    }
}
