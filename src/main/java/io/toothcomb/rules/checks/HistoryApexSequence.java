package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.rules.Param;
import io.toothcomb.rules.ParamType;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.util.List;

@RuleInfo(
        id = "HISTORY-APEX-SEQUENCE",
        summary = "Apexification out of sequence on a tooth: D3352/D3353 with no earlier D3351, D3351 repeated while "
                + "the sequence is open, or any apexification code after D3353",
        severity = Severity.WARNING,
        history = true,
        category = "A8",
        statusCode = "476",
        source = "seed 001 ('D3351 for initial treatment, D3352 for each medication renewal, and D3353 for final'); "
                + "research R-APEX-002, R-APEX-003, R-APEX-004 (P57: repeating D3351 for a follow-up dressing is a "
                + "coding error), R-APEX-005",
        explanation = "Apexification runs D3351 (first medication) → D3352 (each renewal) → D3353 (final visit) on one "
                + "tooth. The rule follows the sequence across the claim and earlier accepted claims of the same "
                + "patient (claim history: '--history'). Without history it cannot know what came before the claim, "
                + "so it reports only what the claim itself shows out of order. Params initial=, interim=, final= "
                + "name the codes (default D3351, D3352, D3353).",
        params = {
                @Param(name = "initial", type = ParamType.CODE, defaultValue = "D3351",
                        description = "first-visit code"),
                @Param(name = "interim", type = ParamType.CODE, defaultValue = "D3352",
                        description = "interim code"),
                @Param(name = "final", type = ParamType.CODE, defaultValue = "D3353",
                        description = "final-visit code")})
public final class HistoryApexSequence implements Rule {
    private enum State { NONE, OPEN, CLOSED }

    private record Setup(String initial, String interim, String fin, List<String> codes) {
    }

    private static Setup setup(RuleContext ctx) {
        String initial = ctx.param("initial", "D3351");
        String interim = ctx.param("interim", "D3352");
        String fin = ctx.param("final", "D3353");
        return new Setup(initial, interim, fin, List.of(initial, interim, fin));
    }

    @Override
    public void check(Claim claim, RuleContext ctx) {
        if (HistoryTimeline.isVoid(claim)) {
            return;
        }
        Setup setup = ctx.memo(HistoryApexSequence.class, HistoryApexSequence::setup);
        String initial = setup.initial();
        String interim = setup.interim();
        String fin = setup.fin();
        List<String> codes = setup.codes();
        boolean history = ctx.history().available();
        for (ServiceLine line : claim.lines()) {
            if (!codes.contains(line.code()) || line.serviceDate() == null) {
                continue;
            }
            for (String tooth : HistoryTimeline.teeth(line)) {
                List<HistoryTimeline.Event> events = HistoryTimeline.onTooth(claim, ctx, tooth, codes);
                State state = State.NONE;
                boolean laterInitialOnClaim = false;
                boolean before = true;
                for (HistoryTimeline.Event e : events) {
                    if (e.line() == line) {
                        before = false;
                        continue;
                    }
                    if (!before) {
                        laterInitialOnClaim |= !e.fromHistory() && e.code().equals(initial);
                        continue;
                    }
                    if (e.code().equals(initial)) {
                        state = state == State.CLOSED ? State.CLOSED : State.OPEN;
                    } else if (e.code().equals(fin)) {
                        state = State.CLOSED;
                    }
                }
                String what = Lines.describe(line) + ": ";
                if (state == State.CLOSED) {
                    ctx.report(line, line.sv3Segment(), 1, 2, what + "apexification on this tooth was already "
                            + "completed with " + fin + "; a further " + line.code() + " is out of sequence (check the "
                            + "tooth number, or whether another procedure was done)");
                } else if (line.code().equals(initial) && state == State.OPEN) {
                    ctx.report(line, line.sv3Segment(), 1, 2, what + "an apexification sequence started with "
                            + initial + " is still open on this tooth; a follow-up medication is " + interim
                            + " and the final visit " + fin + ", not another " + initial);
                } else if (!line.code().equals(initial) && state == State.NONE && (history || laterInitialOnClaim)) {
                    ctx.report(line, line.sv3Segment(), 1, 2, what + "no earlier " + initial + " on this tooth"
                            + (laterInitialOnClaim ? " (the " + initial + " on this claim is dated after it)" : " in the "
                            + "claim history") + "; apexification starts with " + initial + ": check the tooth and the "
                            + "dates, or send the claim for the first visit");
                }
            }
        }
    }

    @Override
    public List<String> triggers(RuleContext ctx) {
        return setup(ctx).codes();
    }
}
