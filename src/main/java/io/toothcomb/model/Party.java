package io.toothcomb.model;

/**
 * A name from an NM1 segment. Holds PHI for people (subscriber, patient): never log it.
 *
 * @param entityCode NM101, e.g. 85 billing provider, IL subscriber, QC patient, PR payer
 * @param entityType NM102, 1 person or 2 non-person
 * @param lastOrOrganization NM103
 * @param first NM104
 * @param idQualifier NM108, e.g. XX (NPI), MI (member id), PI (payer id), 46 (ETIN)
 * @param id NM109
 * @param segment ordinal of the NM1 segment
 */
public record Party(String entityCode, String entityType, String lastOrOrganization, String first,
                    String idQualifier, String id, int segment) {

    public static final Party NONE = new Party("", "", "", "", "", "", 0);
}
