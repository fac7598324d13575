package io.toothcomb.codes;

import java.time.LocalDate;
import java.util.Set;

/**
 * What toothcomb knows about one CDT code for one span of dates. Written in our own words; no ADA descriptor
 * is reproduced.
 *
 * @param code e.g. D1354
 * @param from first date of service the code is in force
 * @param to last date of service the code is in force, or null while it is current
 * @param tooth whether a tooth number (TOO) is required, forbidden or optional
 * @param perTooth one tooth per line, quantity 1
 * @param dentition which teeth the code is for
 * @param surfaces surface count the code implies: 0 none, 1..3 exactly, 4 four or more, -1 not checked
 * @param area oral-cavity designation (SV304) the code requires
 * @param toothClass anatomical class the tooth must belong to, or ANY
 * @param label short label in our words
 * @param replacement what to report instead once the code is out of force (empty when nothing)
 */
public record CodeInfo(String code, LocalDate from, LocalDate to, ToothUse tooth, boolean perTooth,
                       Dentition dentition, int surfaces, Area area, ToothClassReq toothClass, String label,
                       String replacement, Set<String> flags) {

    public enum ToothUse { REQUIRED, NONE, OPTIONAL }

    public enum Dentition { ANY, PERMANENT, PRIMARY }

    public enum Area { NONE, QUADRANT, ARCH, OPTIONAL }

    public enum ToothClassReq { ANY, ANTERIOR, POSTERIOR, PREMOLAR, MOLAR }

    public boolean inForce(LocalDate date) {
        return !date.isBefore(from) && (to == null || !date.isAfter(to));
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }
}
