package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.rules.Param;
import io.toothcomb.rules.ParamType;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.function.Predicate;

@RuleInfo(
        id = "PATIENT-AGE",
        summary = "The patient's age on the date of service is outside the payer's age limits for the code",
        severity = Severity.ERROR,
        category = "A7",
        statusCode = "475:QC",
        source = "pack configuration; research R-D1354-009 and §5. Defaults codes=D1354 min=0 max=20: NY Medicaid "
                + "D1354 policy via EmblemHealth (ages 0-20, eff. 2020-10-01) and Alabama Medicaid D1354 alert (ages "
                + "0-20); Texas THSteps covers D1354 at age 6 and under",
        explanation = "Payers limit some codes by age: state Medicaid programs cover silver diamine fluoride (D1354) "
                + "for children and young adults only, some plans cover sealants only up to a set age. The pack gives "
                + "codes (codes or flag:NAME entries), min and max (whole years on the date of service, inclusive). "
                + "The age comes from the patient's birth date (2010CA DMG02, or 2010BA when the subscriber is the "
                + "patient); lines without a birth date or a date of service are not checked. Check the birth date "
                + "and the code; if both are right, the service is not covered for this patient. Messages never "
                + "state the birth date or the age.",
        params = {
                @Param(name = "codes", type = ParamType.CODES, defaultValue = "D1354",
                        description = "codes (or flag:NAME) with an age limit"),
                @Param(name = "min", type = ParamType.INT, defaultValue = "0", min = 0, max = 130,
                        description = "youngest covered age, whole years on the date of service"),
                @Param(name = "max", type = ParamType.INT, defaultValue = "20", min = 0, max = 130,
                        description = "oldest covered age, whole years on the date of service")})
public final class PatientAge implements Rule {
    private static final List<String> DEFAULT_CODES = List.of("D1354");

    private record Setup(Predicate<ServiceLine> codes, int min, int max) {
    }

    private static Setup setup(RuleContext ctx) {
        Predicate<ServiceLine> codes = Lines.matcher(ctx, ctx.listParam("codes", DEFAULT_CODES));
        return new Setup(codes, ctx.intParam("min", 0), ctx.intParam("max", 20));
    }

    @Override
    public void check(Claim claim, RuleContext ctx) {
        LocalDate birth = claim.patientBirthDate();
        if (birth == null) {
            return;
        }
        Setup setup = ctx.memo(PatientAge.class, PatientAge::setup);
        Predicate<ServiceLine> codes = setup.codes();
        int min = setup.min();
        int max = setup.max();
        for (ServiceLine line : claim.lines()) {
            LocalDate dos = line.serviceDate();
            if (dos == null || dos.isBefore(birth) || !codes.test(line)) {
                continue;
            }
            int age = Period.between(birth, dos).getYears();
            if (age >= min && age <= max) {
                continue;
            }
            String side = age < min ? "younger than " + min : "older than " + max;
            ctx.report(line, line.sv3Segment(), 1, 2, line.code() + " on " + Lines.describe(line) + " is covered for "
                    + "ages " + min + "-" + max + " only, and the patient is " + side + " on the date of service: "
                    + "check the patient's birth date (DMG02) and the code");
        }
    }

    @Override
    public List<String> triggers(RuleContext ctx) {
        return ctx.listParam("codes", DEFAULT_CODES);
    }
}
