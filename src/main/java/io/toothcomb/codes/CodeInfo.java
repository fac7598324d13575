package io.toothcomb.codes;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What toothcomb knows about one CDT code for one span of dates. Written in our own words; no ADA descriptor
 * is reproduced.
 *
 * @param code e.g. D1354
 * @param from first date of service the code is in force, or null when it was already in force on
 *             {@link CodeSet#TRACKED_FROM} and its earlier history is not tracked (written {@code -})
 * @param to last date of service the code is in force, or null while it is current
 * @param tooth whether a tooth number (TOO) is required, forbidden or optional
 * @param perTooth one tooth per line
 * @param dentition which teeth the code is for
 * @param surfaces surface count the code implies: 0 none, 1..3 exactly, 4 four or more, -1 not checked
 * @param area oral-cavity designation (SV304) the code wants
 * @param toothClass anatomical class the tooth must belong to, or ANY
 * @param quantity what a quantity (SV306) above one means for the code
 * @param label short label in our words
 * @param replacement what to report instead once the code is out of force (empty when nothing)
 * @param sources ids of the sources the row's facts come from (defined in the file's {@code # source} lines)
 * @param file where the row was read (file name and line), for messages and the {@code codes} command
 */
public record CodeInfo(String code, LocalDate from, LocalDate to, ToothUse tooth, boolean perTooth,
                       Dentition dentition, int surfaces, Area area, ToothClassReq toothClass, Quantity quantity,
                       String label, String replacement, Set<String> flags, List<String> sources, String file) {

    public enum ToothUse { REQUIRED, NONE, OPTIONAL }

    public enum Dentition { ANY, PERMANENT, PRIMARY }

    /**
     * SV304: NONE no area; QUADRANT 10/20/30/40; ARCH 01/02; SEXTANT (the X224A2 guide has no sextant codes, so
     * nothing is required); OPTIONAL any area may be sent; UPPER/LOWER the code itself names the arch (a complete
     * upper denture), so no SV304 is needed.
     */
    public enum Area { NONE, QUADRANT, ARCH, SEXTANT, OPTIONAL, UPPER, LOWER }

    public enum ToothClassReq { ANY, ANTERIOR, POSTERIOR, PREMOLAR, MOLAR }

    /** ONE: a quantity above 1 on one line is an error; UNITS: the quantity counts units; ANY: not checked. */
    public enum Quantity { ONE, UNITS, ANY }

    public boolean inForce(LocalDate date) {
        return (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    /** The from column as written: a date, or {@code -} for "in force before toothcomb's first tracked date". */
    public String fromText() {
        return from == null ? "-" : from.toString();
    }
}
