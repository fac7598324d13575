package io.toothcomb.model;

/**
 * A 2300 PWK attachment.
 *
 * @param reportType PWK01 (RB radiology films, RR radiology reports, DG diagnostic report, P6 perio chart, OZ …)
 * @param transmission PWK02 (AA available on request, BM by mail, EL electronic, EM e-mail, FT file transfer, FX fax)
 * @param idQualifier PWK05 (AC)
 * @param controlNumber PWK06 attachment control number
 */
public record Attachment(String reportType, String transmission, String idQualifier, String controlNumber,
                         int segment) {
}
