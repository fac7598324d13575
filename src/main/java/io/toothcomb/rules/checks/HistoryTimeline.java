package io.toothcomb.rules.checks;

import io.toothcomb.rules.ClaimHistory;
import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.Tooth;
import io.toothcomb.rules.RuleContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the history rules share: the services on one tooth, from earlier accepted claims and from this claim, in
 * date order. Not a rule (no {@code RuleInfo}).
 */
final class HistoryTimeline {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryTimeline.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private HistoryTimeline() {
    }

    /** A service on a tooth: {@code line} is null when it comes from the history. */
    record Event(String code, LocalDate date, ServiceLine line) {
        boolean fromHistory() {
            return line == null;
        }
    }

    /** Sorts by date, history before this claim on the same date, then by line number. */
    static final Comparator<Event> ORDER = Comparator.comparing(Event::date)
            .thenComparingInt(e -> e.line() == null ? -1 : e.line().number());

    /** The distinct non-empty teeth of a line. */
    static List<String> teeth(ServiceLine line) {
        List<String> out = new ArrayList<>();
        for (Tooth t : line.teeth()) {
            if (!t.designation().isEmpty() && !out.contains(t.designation())) {
                out.add(t.designation());
            }
        }
        return out;
    }

    /**
     * Dated services with one of {@code codes} on {@code tooth}: the history's (when configured) and this
     * claim's, sorted by {@link #ORDER}.
     */
    static List<Event> onTooth(Claim claim, RuleContext ctx, String tooth, Collection<String> codes) {
        List<Event> out = new ArrayList<>();
        ClaimHistory h = ctx.history();
        if (h.available()) {
            for (ClaimHistory.Line l : h.toothHistory(claim, tooth)) {
                if (l.serviceDate() != null && codes.contains(l.code())) {
                    out.add(new Event(l.code(), l.serviceDate(), null));
                }
            }
        } else if (WARNED.add(ctx.id())) {
            LOG.info("rule " + ctx.id() + " runs without claim history (no --history): it compares the "
                    + "lines of each claim with each other only");
        }
        for (ServiceLine l : claim.lines()) {
            if (l.serviceDate() != null && codes.contains(l.code()) && teeth(l).contains(tooth)) {
                out.add(new Event(l.code(), l.serviceDate(), l));
            }
        }
        out.sort(ORDER);
        return out;
    }

    /** A void claim (CLM05-3 = 8) removes services; nothing on it is checked against the history. */
    static boolean isVoid(Claim claim) {
        return "8".equals(claim.frequency());
    }

    /** "1st", "2nd", "3rd", "4th" … */
    static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }
}
