package io.toothcomb.scrub;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/**
 * How a file is scrubbed.
 *
 * @param clock the time written into acknowledgments (fixed in tests so outputs are reproducible)
 * @param outputs which files to write
 */
public record ScrubOptions(Clock clock, Set<Output> outputs) {
    public ScrubOptions {
        outputs = outputs.isEmpty() ? EnumSet.noneOf(Output.class) : EnumSet.copyOf(outputs);
    }

    public static ScrubOptions defaults() {
        return new ScrubOptions(Clock.systemDefaultZone(), Output.defaults());
    }

    public ScrubOptions withClock(Clock c) {
        return new ScrubOptions(c, outputs);
    }

    public ScrubOptions withOutputs(Set<Output> o) {
        return new ScrubOptions(clock, o);
    }
}
