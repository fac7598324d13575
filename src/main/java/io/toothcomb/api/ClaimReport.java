package io.toothcomb.api;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One scrubbed claim, without names, member ids or birth dates.
 *
 * @param claimId CLM01
 * @param ordinal the claim's position in its file, from 0
 * @param setControl ST02 of its transaction set
 * @param patientKey the patient as a salted SHA-256 hash, the claim history's key
 * @param rejected true when a finding has error severity (the envelope's included)
 * @param pack the rule pack applied
 * @param frequency CLM05-3 (1 original, 7 replacement, 8 void)
 * @param payerClaimControlNumber REF*F8, the claim a replacement or void refers to; null when absent
 * @param firstService earliest date of service on the claim or its lines; null when none
 * @param lastService latest date of service
 * @param charge CLM02
 * @param lineCharges the sum of SV302
 */
public record ClaimReport(String claimId, int ordinal, String setControl, String patientKey, boolean rejected,
                          String pack, String payerId, String frequency, String payerClaimControlNumber,
                          LocalDate firstService, LocalDate lastService, BigDecimal charge, BigDecimal lineCharges,
                          List<Line> lines, List<FindingReport> findings) implements Serializable {
    public ClaimReport {
        lines = List.copyOf(lines);
        findings = List.copyOf(findings);
    }

    /** "rejected" or "accepted". */
    public String status() {
        return rejected ? "rejected" : "accepted";
    }

    /** This claim with other findings (and the verdict they give). */
    public ClaimReport withFindings(List<FindingReport> f) {
        boolean rej = f.stream().anyMatch(FindingReport::rejects);
        return new ClaimReport(claimId, ordinal, setControl, patientKey, rej, pack, payerId, frequency,
                payerClaimControlNumber, firstService, lastService, charge, lineCharges, lines, f);
    }

    /**
     * A service line.
     *
     * @param number LX
     * @param teeth TOO02 designations in order (empty ones left out)
     * @param surfaces TOO03 surfaces of each tooth, joined, in the order of {@code teeth}
     * @param areas SV304 oral cavity designations
     * @param quantity SV306; null when absent
     * @param sv3Segment ordinal of the SV3 segment in the file
     */
    public record Line(int number, String code, List<String> teeth, List<String> surfaces, List<String> areas,
                       BigDecimal quantity, BigDecimal charge, LocalDate serviceDate, int sv3Segment)
            implements Serializable {
        public Line {
            teeth = List.copyOf(teeth);
            surfaces = List.copyOf(surfaces);
            areas = List.copyOf(areas);
        }
    }
}
