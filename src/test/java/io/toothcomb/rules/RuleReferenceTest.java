package io.toothcomb.rules;

import io.toothcomb.cli.RuleReference;
import io.toothcomb.rules.engine.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleReferenceTest {

    /** docs/rules.md must be regenerated whenever a rule, its @RuleInfo or a bundled pack changes. */
    @Test
    void docsAreUpToDate() throws IOException {
        String expected = RuleReference.markdown(RuleRegistry.bundled());
        assertTrue(Files.exists(RuleReference.DEFAULT_OUTPUT), "docs/rules.md is missing: run "
                + "java -cp <classes> io.toothcomb.cli.RuleReference");
        String actual = Files.readString(RuleReference.DEFAULT_OUTPUT, StandardCharsets.UTF_8);
        assertEquals(expected, actual, "docs/rules.md is stale: regenerate it with "
                + "java -cp <classes> io.toothcomb.cli.RuleReference");
    }

    @Test
    void everyRuleIsInTheTableAndHasASection() {
        String md = RuleReference.markdown(RuleRegistry.bundled());
        String table = RuleReference.table(RuleRegistry.bundled());
        for (String id : RuleRegistry.bundled().rules().keySet()) {
            assertTrue(table.contains("| [" + id + "](#" + id.toLowerCase() + ")"), id + " missing from the table");
            assertTrue(md.contains("\n## " + id + "\n"), id + " has no section");
        }
    }

    /** The findings that come from the X12 guides are listed too, X12-SITUATION with every situation line's status. */
    @Test
    void guideFindingsAreListedWithEverySituationLine() {
        String md = RuleReference.markdown(RuleRegistry.bundled());
        assertTrue(md.contains("| [X12-999](#x12-999) | error | `A3:684` |"), "X12-999 in the table");
        assertTrue(md.contains("\n## X12-999\n") && md.contains("\n## X12-SITUATION\n"), "sections");
        for (io.toothcomb.guide.Guide.Situation t : io.toothcomb.guide.Guide.dental837().situations()) {
            assertTrue(!t.status().isEmpty(), "every 837D situation line names its status: " + t);
            assertTrue(md.contains("`" + t.condition() + "` | `" + t.status() + "` |"), t + " listed");
        }
    }

    /** What the reference and the 277CA writer rely on: every annotation is complete and well-formed. */
    @Test
    void everyRuleInfoIsComplete() {
        List<String> problems = new ArrayList<>();
        for (Class<? extends Rule> type : RuleRegistry.bundled().rules().values()) {
            RuleInfo i = RuleRegistry.info(type);
            if (!i.id().matches("[A-Z0-9]+(-[A-Z0-9]+)*")) {
                problems.add(i.id() + ": id is not UPPER-KEBAB");
            }
            if (!List.of("A6", "A7", "A8").contains(i.category())) {
                problems.add(i.id() + ": category " + i.category() + " is not A6, A7 or A8");
            }
            if (!i.statusCode().matches("\\d{1,4}(:[A-Z0-9]{2,3})?")) {
                problems.add(i.id() + ": status code '" + i.statusCode() + "' is not NNN or NNN:ENTITY");
            }
            if (i.summary().isBlank() || i.source().isBlank() || i.explanation().isBlank()) {
                problems.add(i.id() + ": summary, source and explanation are all required");
            }
            if (i.summary().endsWith(".")) {
                problems.add(i.id() + ": summary should not end with a full stop");
            }
        }
        assertEquals(List.of(), problems);
    }
}
