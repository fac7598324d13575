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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

@RuleInfo(
        id = "HISTORY-D1354-FREQUENCY",
        summary = "D1354 on a tooth more often than the payer allows (per 12 months, per lifetime, minimum interval), "
                + "counting earlier accepted claims",
        severity = Severity.WARNING,
        history = true,
        category = "A8",
        statusCode = "476",
        source = "research R-D1354-003 and R-D1354-013, §5: NY Medicaid (EmblemHealth, 2020-10-01) 2 per tooth per "
                + "12 months and 4 per tooth lifetime; DentaQuest TX at least 30 days between applications",
        explanation = "Silver diamine fluoride (D1354) is limited per tooth. The pack sets the limits: per-12-months=N "
                + "(rolling 12 months), lifetime=N and min-interval-days=N; codes=... changes the codes counted "
                + "(default D1354). Applications on earlier accepted claims of the same patient (claim history: "
                + "'--history') and earlier lines of the claim count; a replacement or re-sent claim does not count "
                + "against itself. Without history only the claim's own lines are compared. A limit the pack does not "
                + "set is not checked.",
        params = {
                @Param(name = "codes", type = ParamType.CODES, defaultValue = "D1354",
                        description = "codes counted per tooth"),
                @Param(name = "per-12-months", type = ParamType.INT, defaultValue = "0", min = 0, max = 1000,
                        description = "most per tooth in any 12 months (0: no limit)"),
                @Param(name = "lifetime", type = ParamType.INT, defaultValue = "0", min = 0, max = 1000,
                        description = "most per tooth per lifetime (0: no limit)"),
                @Param(name = "min-interval-days", type = ParamType.INT, defaultValue = "0", min = 0, max = 36500,
                        description = "fewest days between two on one tooth (0: no limit)")})
public final class HistoryD1354Frequency implements Rule {
    private static final List<String> DEFAULT_CODES = List.of("D1354");

    @Override
    public void check(Claim claim, RuleContext ctx) {
        int per12 = ctx.intParam("per-12-months", 0);
        int lifetime = ctx.intParam("lifetime", 0);
        int minDays = ctx.intParam("min-interval-days", 0);
        if ((per12 <= 0 && lifetime <= 0 && minDays <= 0) || HistoryTimeline.isVoid(claim)) {
            return;
        }
        List<String> codes = ctx.listParam("codes", DEFAULT_CODES);
        for (ServiceLine line : claim.lines()) {
            if (!codes.contains(line.code()) || line.serviceDate() == null) {
                continue;
            }
            for (String tooth : HistoryTimeline.teeth(line)) {
                List<HistoryTimeline.Event> earlier = new ArrayList<>();
                for (HistoryTimeline.Event e : HistoryTimeline.onTooth(claim, ctx, tooth, codes)) {
                    // the history, and lines before this one on the claim; later lines are judged in their turn
                    if (e.fromHistory() || e.line().number() < line.number()) {
                        earlier.add(e);
                    }
                }
                String problem = problem(line.serviceDate(), earlier, per12, lifetime, minDays);
                if (problem != null) {
                    int fromHistory = (int) earlier.stream().filter(HistoryTimeline.Event::fromHistory).count();
                    ctx.report(line, line.sv3Segment(), 1, 2, Lines.describe(line) + ": " + problem + " ("
                            + fromHistory + " on earlier accepted claims, " + (earlier.size() - fromHistory)
                            + " earlier on this claim); the payer will deny it: check the tooth and the dates, or "
                            + "send documentation for an exception");
                }
            }
        }
    }

    private static String problem(LocalDate date, List<HistoryTimeline.Event> earlier, int per12, int lifetime,
                                  int minDays) {
        if (lifetime > 0 && earlier.size() + 1 > lifetime) {
            return "this is the " + HistoryTimeline.ordinal(earlier.size() + 1) + " application on this tooth; the "
                    + "pack allows " + lifetime + " per tooth per lifetime";
        }
        if (per12 > 0) {
            int worst = worstWindow(date, earlier);
            if (worst + 1 > per12) {
                return (worst + 1) + " applications on this tooth within 12 months; the pack allows " + per12;
            }
        }
        if (minDays > 0) {
            for (HistoryTimeline.Event e : earlier) {
                long days = Math.abs(ChronoUnit.DAYS.between(e.date(), date));
                if (days < minDays) {
                    return "only " + days + " days from another application on this tooth; the pack requires at "
                            + "least " + minDays;
                }
            }
        }
        return null;
    }

    /** Most earlier events in any 12-month window that also holds {@code date}. */
    private static int worstWindow(LocalDate date, List<HistoryTimeline.Event> earlier) {
        List<LocalDate> starts = new ArrayList<>();
        starts.add(date.minusMonths(12).plusDays(1));
        for (HistoryTimeline.Event e : earlier) {
            if (e.date().isAfter(date.minusMonths(12)) && !e.date().isAfter(date)) {
                starts.add(e.date());
            }
        }
        int worst = 0;
        for (LocalDate s : starts) {
            LocalDate end = s.plusMonths(12); // exclusive
            int n = 0;
            for (HistoryTimeline.Event e : earlier) {
                if (!e.date().isBefore(s) && e.date().isBefore(end)) {
                    n++;
                }
            }
            worst = Math.max(worst, n);
        }
        return worst;
    }

    @Override
    public List<String> triggers(RuleContext ctx) {
        return ctx.listParam("codes", DEFAULT_CODES);
    }
}
