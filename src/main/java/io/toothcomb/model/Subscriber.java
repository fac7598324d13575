package io.toothcomb.model;

import java.time.LocalDate;

/**
 * 2000B/2010BA subscriber. PHI: never log names, member ids or birth dates.
 *
 * @param payerResponsibility SBR01 (P primary, S secondary, T tertiary …)
 * @param relationship SBR02 (18 self when the subscriber is the patient)
 * @param groupNumber SBR03
 * @param filingIndicator SBR09 (CI commercial, MC Medicaid, BL Blue Cross, 17 dental maintenance organisation …)
 * @param birthDate DMG02, or null when absent
 * @param isPatient true when HL04 = 0 and no 2000C follows: the subscriber is the patient
 */
public record Subscriber(String hlId, String payerResponsibility, String relationship, String groupNumber,
                         String filingIndicator, Party name, String memberId, LocalDate birthDate, String gender,
                         boolean isPatient, int segment) {
}
