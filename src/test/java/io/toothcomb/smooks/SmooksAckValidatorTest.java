package io.toothcomb.smooks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmooksAckValidatorTest {
    static final Path VALID_277 = Path.of("src/test/resources/smooks/valid-277ca.277");
    static final Path VALID_999 = Path.of("src/test/resources/smooks/valid-999.999");

    @TempDir
    Path tmp;

    @Test
    void reads277caLoopsAndStatusCodes() {
        Document doc = SmooksAckValidator.read277ca(VALID_277);
        assertEquals("Interchange", doc.getDocumentElement().getTagName());
        assertEquals("005010X214", SmooksAckValidator.value(doc, "/Interchange/FunctionalGroup/GS/GS08"));
        assertEquals(List.of("20"), SmooksAckValidator.values(doc, "//Transaction/Loop2000A/HL/HL03"));
        assertEquals("TC000000925", SmooksAckValidator.value(doc, "//Loop2000A/Loop2200A/TRN/TRN02"));
        assertEquals("21", SmooksAckValidator.value(doc, "//Loop2000A/Loop2000B/HL/HL03"));
        assertEquals(List.of("1", "1"), SmooksAckValidator.values(doc, "//Loop2200B/QTY/QTY02"));
        assertEquals("19", SmooksAckValidator.value(doc, "//Loop2000B/Loop2000C/HL/HL03"));
        assertEquals(List.of("PT", "PT"), SmooksAckValidator.values(doc, "//Loop2000C/Loop2000D/HL/HL03"));
        assertEquals("A2:20", SmooksAckValidator.stc01(doc, "MR26111001"));
        assertEquals("A7:244", SmooksAckValidator.stc01(doc, "MR26111002"));
        assertNull(SmooksAckValidator.stc01(doc, "NOSUCHCLAIM"));
        assertEquals("U", SmooksAckValidator.value(doc, "//Loop2200D[TRN/TRN02='MR26111002']/STC/STC03"));
        // STC10 is a composite: category, status, entity
        assertEquals(List.of("A7", "476", "QC"),
                SmooksAckValidator.values(doc, "//Loop2200D[TRN/TRN02='MR26111002']/STC/STC10/*"));
        // line level: SVC01 composite and the 2220D STC
        assertEquals("D2391", SmooksAckValidator.value(doc, "//Loop2220D/SVC/SVC01/SVC01-02"));
        assertEquals("11100201", SmooksAckValidator.value(doc, "//Loop2220D/REF[REF01='FJ']/REF02"));
        assertEquals("244", SmooksAckValidator.value(doc, "//Loop2220D/STC/STC01/STC01-02"));
        // empty elements are omitted (STC05..09 are empty in the file)
        assertEquals(0, SmooksAckValidator.values(doc, "//STC/STC05").size());
        assertEquals("40", SmooksAckValidator.value(doc, "//Transaction/SE/SE01"));
    }

    @Test
    void reads999WithPipeDelimitersAndCtx() {
        Document doc = SmooksAckValidator.read999(VALID_999);
        assertEquals("005010X231A1", SmooksAckValidator.value(doc, "//GS/GS08"));
        assertEquals("925", SmooksAckValidator.value(doc, "//Transaction/AK1/AK102"));
        assertEquals(List.of("A", "R"), SmooksAckValidator.values(doc, "//Loop2000/IK5/IK501"));
        assertEquals("R", SmooksAckValidator.value(doc, "//Loop2000[AK2/AK202='0002']/IK5/IK501"));
        assertEquals("CLM", SmooksAckValidator.value(doc, "//Loop2000/Loop2100/IK3/IK301"));
        assertEquals(List.of("CLM01", "MR26111002"),
                SmooksAckValidator.values(doc, "//Loop2100/CTX/CTX01/*"));
        assertEquals("2", SmooksAckValidator.value(doc, "//Loop2110/IK4/IK401/IK401-01"));
        assertEquals("SITUATIONAL TRIGGER", SmooksAckValidator.value(doc, "//Loop2110/CTX/CTX01/CTX01-01"));
        assertEquals("P", SmooksAckValidator.value(doc, "//Transaction/AK9/AK901"));
    }

    @Test
    void rejects277caWithClaimOutsidePatientLoop() throws IOException {
        // 2200D TRN moved in front of the patient HL: the claim no longer sits in a 2000D loop.
        String text = Files.readString(VALID_277, StandardCharsets.ISO_8859_1)
                .replace("HL*4*3*PT~\nNM1*QC*1*RIVERA*ANA****MI*SDM44120871~\n", "");
        Path bad = tmp.resolve("bad.277");
        Files.writeString(bad, text, StandardCharsets.ISO_8859_1);
        AssertionError e = assertThrows(AssertionError.class, () -> SmooksAckValidator.read277ca(bad));
        assertTrue(e.getMessage().contains("bad.277") && e.getMessage().contains("interchange 1"), e.getMessage());
        assertTrue(!e.getMessage().contains("\tat "), "no stack trace in the message");
    }

    @Test
    void rejects277caWithMissingInformationReceiver() throws IOException {
        String text = Files.readString(VALID_277, StandardCharsets.ISO_8859_1)
                .replace("NM1*41*2*CEDARLINE PRACTICE SYSTEMS*****46*CDL40417~\n", "");
        Path bad = tmp.resolve("no-2100b.277");
        Files.writeString(bad, text, StandardCharsets.ISO_8859_1);
        assertThrows(AssertionError.class, () -> SmooksAckValidator.read277ca(bad));
    }

    @Test
    void rejects999WithoutIk5() throws IOException {
        String text = Files.readString(VALID_999, StandardCharsets.ISO_8859_1).replace("IK5|R|5!", "");
        Path bad = tmp.resolve("no-ik5.999");
        Files.writeString(bad, text, StandardCharsets.ISO_8859_1);
        assertThrows(AssertionError.class, () -> SmooksAckValidator.read999(bad));
    }

    @Test
    void rejects999ReadAs277ca() {
        assertThrows(AssertionError.class, () -> SmooksAckValidator.read277ca(VALID_999));
    }
}
