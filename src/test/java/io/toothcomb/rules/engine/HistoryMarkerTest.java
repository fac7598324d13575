package io.toothcomb.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.toothcomb.codes.CodeSet;
import io.toothcomb.model.Claim;
import io.toothcomb.rules.ClaimHistory;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.checks.HistoryApexSequence;
import io.toothcomb.rules.checks.ToothRequired;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code @RuleInfo(history = true)} marks the history rules: they alone are shown the claim history. */
class HistoryMarkerTest {
    private static final ClaimHistory SOME = new ClaimHistory() {
        @Override
        public boolean available() {
            return true;
        }

        @Override
        public List<Line> toothHistory(Claim claim, String tooth) {
            return List.of();
        }
    };

    @Test
    void theRegistryNamesTheHistoryRules() {
        assertEquals(Set.of("HISTORY-APEX-SEQUENCE", "HISTORY-D1354-FREQUENCY"), RuleRegistry.bundled().historyRules());
    }

    @Test
    void onlyAHistoryRuleSeesTheHistory() {
        BoundContext history = context(HistoryApexSequence.class.getAnnotation(RuleInfo.class));
        BoundContext other = context(ToothRequired.class.getAnnotation(RuleInfo.class));
        history.history(SOME);
        other.history(SOME);
        assertSame(SOME, history.history());
        assertSame(ClaimHistory.NONE, other.history());
        history.history(null);
        assertSame(ClaimHistory.NONE, history.history());
    }

    private static BoundContext context(RuleInfo info) {
        return new BoundContext(info, info.severity(), Map.of(), CodeSet.bundled());
    }
}
