package io.toothcomb.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A 2300 claim with the context it was sent in. Immutable; carries PHI through its subscriber and patient.
 *
 * @param id CLM01 patient control number (returned in the 277CA TRN02)
 * @param charge CLM02, null when unreadable
 * @param placeOfService CLM05-1
 * @param frequency CLM05-3 (1 original, 7 replacement, 8 void)
 * @param serviceDate claim DTP*472 start, null when absent
 * @param payerClaimControlNumber REF*F8 (original claim being replaced or voided)
 * @param patient 2000C patient, or null when the subscriber is the patient
 * @param segment ordinal of the CLM segment
 * @param lastSegment ordinal of the claim's last segment
 * @param otherPayers the 2320 loops (coordination of benefits), empty for most claims
 */
public record Claim(String id, BigDecimal charge, String placeOfService, String frequency, LocalDate serviceDate,
                    List<ClaimDate> dates, List<Narrative> narratives, List<Attachment> attachments,
                    List<Diagnosis> diagnoses, String payerClaimControlNumber, String predeterminationId,
                    List<ServiceLine> lines, TransactionHeader transaction, BillingProvider billingProvider,
                    Subscriber subscriber, Patient patient, Payer payer, int segment, int lastSegment,
                    List<OtherPayer> otherPayers) {
    public Claim {
        dates = ModelList.copyOf(dates);
        narratives = ModelList.copyOf(narratives);
        attachments = ModelList.copyOf(attachments);
        diagnoses = ModelList.copyOf(diagnoses);
        lines = ModelList.copyOf(lines);
        otherPayers = ModelList.copyOf(otherPayers);
    }

    /** The patient's birth date: 2010CA DMG02, or the subscriber's when the subscriber is the patient. */
    public LocalDate patientBirthDate() {
        return patient != null ? patient.birthDate() : subscriber == null ? null : subscriber.birthDate();
    }

    /** SBR09 claim filing indicator, empty when unknown. */
    public String filingIndicator() {
        return subscriber == null ? "" : subscriber.filingIndicator();
    }

    /** NM1*PR payer id, empty when unknown. */
    public String payerId() {
        return payer == null ? "" : payer.id();
    }
}
