package io.toothcomb.model;

/**
 * The heading of one 837D transaction set (ST, BHT, 1000A submitter, 1000B receiver).
 *
 * @param bhtReference BHT03, echoed in the 277CA 2200B TRN02
 * @param claimOrEncounter BHT06: CH chargeable, RP reporting
 */
public record TransactionHeader(Interchange interchange, FunctionalGroup group, String controlNumber,
                                String implementation, String bhtPurpose, String bhtReference, String bhtDate,
                                String bhtTime, String claimOrEncounter, Party submitter, Party receiver,
                                int segment) {
}
