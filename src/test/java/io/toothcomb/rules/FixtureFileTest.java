package io.toothcomb.rules;

import io.toothcomb.rules.engine.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "# expect" syntax with element and message text, and what the runner says when a fixture is wrong. */
class FixtureFileTest {
    @TempDir
    Path dir;

    private Path fixture(String rule, String expect) throws IOException {
        Path p = dir.resolve(rule).resolve("f.claim");
        Files.createDirectories(p.getParent());
        Files.writeString(p, String.join("\n",
                "#! dob=19851120",
                "CLM*TA003*180***11:B:1*Y*A*Y*Y~",
                "DTP*472*D8*20260310~",
                "LX*1~",
                "SV3*AD:D2391*180~",
                "TOO*JP*T*O~   # expect " + expect, ""));
        return p;
    }

    @Test
    void readsRuleElementComponentAndText() throws IOException {
        FixtureFile f = FixtureFile.read(fixture("TOOTH-AGE", "TOOTH-AGE TOO02 \"shed\", SURFACE-TOOTH TOO03-1"));
        List<FixtureFile.Expectation> es = f.expectationsBySegment().values().iterator().next();
        assertEquals(List.of(new FixtureFile.Expectation("TOOTH-AGE", "TOO02", 2, 0, "shed"),
                new FixtureFile.Expectation("SURFACE-TOOTH", "TOO03-1", 3, 1, null)), es);
    }

    @Test
    void anElementOfAnotherSegmentIsRefused() throws IOException {
        Path p = fixture("TOOTH-AGE", "TOOTH-AGE SV301");
        var e = assertThrows(IllegalArgumentException.class, () -> FixtureFile.read(p));
        assertEquals(p + ":6: the expectation names element SV301 but the segment is TOO", e.getMessage());
    }

    @Test
    void theWrongElementFailsTheFixture() throws IOException {
        Path p = fixture("TOOTH-AGE", "TOOTH-AGE TOO03");
        AssertionError e = assertThrows(AssertionError.class, () -> FixtureRunner.check(p, RuleRegistry.bundled()));
        assertTrue(e.getMessage().contains("no finding on 'TOO*JP*T*O' meets 'TOOTH-AGE TOO03'"), e.getMessage());
    }
}
