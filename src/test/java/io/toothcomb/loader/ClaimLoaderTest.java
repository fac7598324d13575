package io.toothcomb.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimLoaderTest {

    static final String HEAD = String.join("~\n",
            "ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *250101*1200*^*00501*000000007*0*T*:",
            "GS*HC*SUBMITTER*RECEIVER*20250101*1200*7*X*005010X224A2",
            "ST*837*0001*005010X224A2",
            "BHT*0019*00*BATCH1*20250101*1200*CH",
            "NM1*41*2*SUBMITTER INC*****46*SUB1",
            "PER*IC*BILLING*TE*5035550100",
            "NM1*40*2*RECEIVER INC*****46*RCV1",
            "HL*1**20*1",
            "NM1*85*2*SMILE DENTAL*****XX*1234567893",
            "N3*1 MAIN ST",
            "N4*PORTLAND*OR*97201",
            "REF*EI*987654321",
            "HL*2*1*22*1",
            "SBR*P**GRP1******MC",
            "NM1*IL*1*ROE*RICHARD****MI*M123",
            "DMG*D8*19800101*M",
            "NM1*PR*2*STATE MEDICAID*****PI*SMD01",
            "HL*3*2*23*0",
            "PAT*19",
            "NM1*QC*1*ROE*RILEY",
            "N3*1 MAIN ST",
            "N4*PORTLAND*OR*97201",
            "DMG*D8*20190615*F") + "~\n";

    static String claimPart() {
        return String.join("~\n",
                "CLM*PCN-1*200***11:B:1*Y*A*Y*Y",
                "DTP*472*D8*20250310",
                "PWK*RB*EL***AC*ATT123",
                "NTE*ADD*HIGH CARIES RISK",
                "HI*ABK:K0252*ABF:Z91842",
                "LX*1",
                "SV3*AD:D1354*40****1",
                "TOO*JP*A*O:B",
                "REF*6R*LINE1",
                "LX*2",
                "SV3*AD:D2391*160*11*01:02**1",
                "TOO*JP*3*O",
                "DTP*472*D8*20250311") + "~\n";
    }

    static String tail(int seCount) {
        return "SE*" + seCount + "*0001~\nGE*1*7~\nIEA*1*000000007~\n";
    }

    static int segmentsInTransaction(String text) {
        String tx = text.substring(text.indexOf("ST*837"));
        return (int) tx.chars().filter(c -> c == '~').count() + 1;
    }

    record Result(FileAck ack, List<ClaimUnit> claims) {
    }

    static Result load(String text) throws Exception {
        List<ClaimUnit> claims = new ArrayList<>();
        FileAck ack = ClaimLoader.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.edi",
                new LoadHandler() {
                    @Override
                    public void claim(ClaimUnit unit) {
                        claims.add(unit);
                    }
                });
        return new Result(ack, claims);
    }

    @Test
    void readsTheClaimModel() throws Exception {
        String body = HEAD + claimPart();
        Result r = load(body + tail(segmentsInTransaction(body)));
        assertTrue(r.ack().groups().get(0).transactions().get(0).accepted(), r.ack().toString());
        assertEquals("A", r.ack().groups().get(0).status());
        Claim c = r.claims().get(0).claim();
        assertEquals("PCN-1", c.id());
        assertEquals(new BigDecimal("200"), c.charge());
        assertEquals("11", c.placeOfService());
        assertEquals("1", c.frequency());
        assertEquals(LocalDate.of(2025, 3, 10), c.serviceDate());
        assertEquals("MC", c.filingIndicator());
        assertEquals("SMD01", c.payerId());
        assertEquals("BATCH1", c.transaction().bhtReference());
        assertEquals("1234567893", c.billingProvider().npi());
        assertEquals("987654321", c.billingProvider().taxId());
        assertEquals("M123", c.subscriber().memberId());
        assertFalse(c.subscriber().isPatient());
        assertEquals(LocalDate.of(2019, 6, 15), c.patientBirthDate(), "dependent's DMG, not the subscriber's");
        assertEquals("HIGH CARIES RISK", c.narratives().get(0).text());
        assertEquals("ATT123", c.attachments().get(0).controlNumber());
        assertEquals("Z91842", c.diagnoses().get(1).code());
        ServiceLine l1 = c.lines().get(0);
        assertEquals("D1354", l1.code());
        assertEquals("A", l1.teeth().get(0).designation());
        assertEquals(List.of("O", "B"), l1.teeth().get(0).surfaces());
        assertEquals("LINE1", l1.lineControlNumber());
        assertEquals(LocalDate.of(2025, 3, 10), l1.serviceDate());
        assertTrue(l1.serviceDateFromClaim());
        ServiceLine l2 = c.lines().get(1);
        assertEquals(List.of("01", "02"), l2.areas());
        assertEquals("11", l2.placeOfService());
        assertEquals(LocalDate.of(2025, 3, 11), l2.serviceDate());
        assertFalse(l2.serviceDateFromClaim());
        assertEquals(13, r.claims().get(0).segments().size());
        assertEquals("2300", r.claims().get(0).loops().get(0).loop());
        assertEquals("2400", r.claims().get(0).loops().get(5).loop());
    }

    @Test
    void subscriberIsPatient() throws Exception {
        String head = HEAD.substring(0, HEAD.indexOf("HL*3*2*23*0")).replace("HL*2*1*22*1", "HL*2*1*22*0")
                .replace("SBR*P**", "SBR*P*18*");
        String body = head + claimPart();
        Result r = load(body + tail(segmentsInTransaction(body)));
        Claim c = r.claims().get(0).claim();
        assertNull(c.patient());
        assertTrue(c.subscriber().isPatient());
        assertEquals(LocalDate.of(1980, 1, 1), c.patientBirthDate());
    }

    @Test
    void wrongSegmentCountRejectsTheTransaction() throws Exception {
        String body = HEAD + claimPart();
        Result r = load(body + tail(segmentsInTransaction(body) + 2));
        TransactionAck t = r.ack().groups().get(0).transactions().get(0);
        assertFalse(t.accepted());
        assertEquals(List.of("4"), t.ik5Codes());
        assertEquals("R", r.ack().groups().get(0).status());
        assertTrue(r.ack().rejectedAtEnvelope());
    }

    @Test
    void truncatedFileIsRejectedWithTrailerMissing() throws Exception {
        String body = HEAD + claimPart();
        Result r = load(body.substring(0, body.length() - 12));
        TransactionAck t = r.ack().groups().get(0).transactions().get(0);
        assertTrue(t.ik5Codes().contains("2"), t.toString());
        assertEquals(List.of("3"), r.ack().groups().get(0).ak9Codes());
        assertTrue(r.ack().fileErrors().stream().anyMatch(e -> e.message().contains("truncated")));
        assertEquals(1, r.claims().size(), "the claim read so far is still handed on");
    }

    @Test
    void claimWithoutIdOrLinesIsASyntaxError() throws Exception {
        String body = HEAD + "CLM**100***11:B:1*Y*A*Y*Y~\nDTP*472*D8*20250310~\n";
        Result r = load(body + tail(segmentsInTransaction(body)));
        TransactionAck t = r.ack().groups().get(0).transactions().get(0);
        assertFalse(t.accepted());
        List<SyntaxError> errs = r.claims().get(0).errors();
        assertEquals("1028", errs.get(0).dataElementRef());
        assertEquals(1, errs.get(0).element());
        // the claim's required loop 2400 is missing: IK3 3 for its LX, found when SE closes the claim
        assertEquals("3", errs.get(1).segmentErrorCode());
        assertEquals("LX", errs.get(1).segmentId());
    }

    @Test
    void wrongVersionIsNotSupported() throws Exception {
        String body = HEAD.replace("005010X224A2", "005010X222A1") + claimPart();
        Result r = load(body + tail(segmentsInTransaction(body)));
        GroupAck g = r.ack().groups().get(0);
        assertTrue(g.ak9Codes().contains("2"));
        assertTrue(g.transactions().get(0).ik5Codes().contains("I6"));
    }

    @Test
    void badDateIsAnElementError() throws Exception {
        String body = HEAD + claimPart().replace("DTP*472*D8*20250311", "DTP*472*D8*20250231");
        Result r = load(body + tail(segmentsInTransaction(body)));
        SyntaxError e = r.claims().get(0).errors().get(0);
        assertEquals("DTP", e.segmentId());
        assertEquals("8", e.elementErrorCode());
        assertEquals(3, e.element());
    }

    @Test
    void everySegmentIsHandedOnExactlyOnce() throws Exception {
        String body = HEAD + claimPart() + claimPart().replace("PCN-1", "PCN-2");
        String text = body + tail(segmentsInTransaction(body));
        List<Integer> seen = new ArrayList<>();
        ClaimLoader.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t", new LoadHandler() {
            @Override
            public void segment(io.toothcomb.reader.Segment s, LoopMark loop, List<SyntaxError> errors) {
                seen.add(s.ordinal());
            }

            @Override
            public void claim(ClaimUnit u) {
                u.segments().forEach(s -> seen.add(s.ordinal()));
            }
        });
        int total = (int) text.chars().filter(c -> c == '~').count();
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= total; i++) {
            expected.add(i);
        }
        assertEquals(expected, seen);
    }

    /** A loader that only checks, or only marks loops, must find the same acknowledgments as one that builds claims. */
    @Test
    void checkingWithoutBuildingFindsTheSameErrors() throws Exception {
        List<java.nio.file.Path> files;
        try (var list = java.nio.file.Files.list(java.nio.file.Path.of("edi-samples"))) {
            files = list.filter(f -> f.toString().endsWith(".edi")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (java.nio.file.Path f : files) {
            List<TransactionAck> built = new ArrayList<>();
            FileAck full = ClaimLoader.load(f, LoadMode.CLAIMS, new LoadHandler() {
                @Override
                public void claim(ClaimUnit unit) {
                }

                @Override
                public void transactionEnd(TransactionAck ack) {
                    built.add(ack);
                }
            });
            List<TransactionAck> checked = new ArrayList<>();
            FileAck bare = ClaimLoader.load(f, LoadMode.CHECK, new LoadHandler() {
                @Override
                public void transactionEnd(TransactionAck ack) {
                    checked.add(ack);
                }
            });
            assertEquals(full, bare, f.toString());
            assertEquals(built, checked, f.toString());
            List<TransactionAck> marked = new ArrayList<>();
            FileAck segments = ClaimLoader.load(f, LoadMode.SEGMENTS, new LoadHandler() {
                @Override
                public void transactionEnd(TransactionAck ack) {
                    marked.add(ack);
                }
            });
            assertEquals(full, segments, f.toString());
            assertEquals(built, marked, f.toString());
        }
    }
}
