package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.Tooth;
import io.toothcomb.model.ToothDesignation;
import io.toothcomb.rules.Param;
import io.toothcomb.rules.ParamType;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.time.LocalDate;
import java.time.Period;

@RuleInfo(
        id = "TOOTH-AGE",
        summary = "A permanent tooth on a child too young to have it, or a primary tooth on an adult",
        severity = Severity.WARNING,
        category = "A7",
        statusCode = "244",
        source = "American Dental Association eruption charts (MouthHealthy 'Eruption Charts'; JADA 'For the dental "
                + "patient: Tooth eruption, the permanent teeth'): the first permanent teeth, first molars and lower "
                + "central incisors, erupt at 6-7 years; primary teeth are shed between 6 and 12 years; research §1 "
                + "(age = date of service - DMG02)",
        explanation = "The patient's age on the date of service is compared with the tooth's dentition. No permanent "
                + "tooth (1-32) has erupted before about six, so one on a patient younger than `permanent-min-age` "
                + "(default 5, a year of margin) is most likely a primary tooth keyed as a number (tooth 3 for A, "
                + "say) or a wrong birth date. Primary teeth (A-T) are shed by about twelve; a primary tooth on a "
                + "patient older than `primary-max-age` (default 18) is usually a mis-keyed letter. Both are "
                + "warnings: unerupted teeth are sometimes treated, and primary teeth are sometimes retained into "
                + "adult life. Supernumerary teeth and lines without a birth date or date of service are not "
                + "checked; messages never state the birth date or the age.",
        params = {
                @Param(name = "permanent-min-age", type = ParamType.INT, defaultValue = "5", min = 0, max = 21,
                        description = "youngest age, in whole years, at which a permanent tooth is expected"),
                @Param(name = "primary-max-age", type = ParamType.INT, defaultValue = "18", min = 6, max = 130,
                        description = "oldest age, in whole years, at which a primary tooth is expected")})
public final class ToothAge implements Rule {

    @Override
    public void check(Claim claim, RuleContext ctx) {
        LocalDate birth = claim.patientBirthDate();
        if (birth == null) {
            return;
        }
        int minPermanent = ctx.intParam("permanent-min-age", 5);
        int maxPrimary = ctx.intParam("primary-max-age", 18);
        LocalDate agedOn = null;
        int age = 0;
        for (ServiceLine line : claim.lines()) {
            LocalDate dos = line.serviceDate();
            if (dos == null || line.teeth().isEmpty() || dos.isBefore(birth)) {
                continue;
            }
            if (!dos.equals(agedOn)) { // the lines of a claim mostly share one date: one Period per claim
                age = Period.between(birth, dos).getYears();
                agedOn = dos;
            }
            if (age >= minPermanent && age <= maxPrimary) {
                continue;
            }
            for (Tooth t : line.teeth()) {
                ToothDesignation d = t.parsed();
                if (!d.valid() || d.supernumerary()) {
                    continue;
                }
                if (d.kind() == ToothDesignation.Kind.PERMANENT && age < minPermanent) {
                    ctx.report(line, t.segment(), 2, 0, "permanent tooth " + d.text() + " on line " + line.number()
                            + " (" + line.code() + ") is on a patient younger than " + minPermanent + ", before any "
                            + "permanent tooth erupts: check the tooth (a primary tooth is a letter, A-T) and the "
                            + "birth date");
                } else if (d.kind() == ToothDesignation.Kind.PRIMARY && age > maxPrimary) {
                    ctx.report(line, t.segment(), 2, 0, "primary tooth " + d.text() + " on line " + line.number()
                            + " (" + line.code() + ") is on a patient older than " + maxPrimary + ", after primary "
                            + "teeth are normally shed: check the tooth (a permanent tooth is a number, 1-32) and the "
                            + "birth date");
                }
            }
        }
    }
}
