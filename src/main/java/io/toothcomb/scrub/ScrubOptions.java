package io.toothcomb.scrub;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/**
 * How a file is scrubbed.
 *
 * @param clock the time written into acknowledgments (fixed in tests so outputs are reproducible)
 * @param outputs which files to write
 * @param fix {@code --fix}: mend what can be mended mechanically ({@link io.toothcomb.fix.ClaimFixer}), scrub
 *            the mended claim again, and forward it when it is clean
 */
public record ScrubOptions(Clock clock, Set<Output> outputs, boolean fix) {
    public ScrubOptions {
        outputs = outputs.isEmpty() ? EnumSet.noneOf(Output.class) : EnumSet.copyOf(outputs);
    }

    public ScrubOptions(Clock clock, Set<Output> outputs) {
        this(clock, outputs, false);
    }

    public static ScrubOptions defaults() {
        return new ScrubOptions(Clock.systemDefaultZone(), Output.defaults());
    }

    public ScrubOptions withClock(Clock c) {
        return new ScrubOptions(c, outputs, fix);
    }

    public ScrubOptions withOutputs(Set<Output> o) {
        return new ScrubOptions(clock, o, fix);
    }

    public ScrubOptions withFix(boolean on) {
        return new ScrubOptions(clock, outputs, on);
    }
}
