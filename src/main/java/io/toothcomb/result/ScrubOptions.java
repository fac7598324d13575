package io.toothcomb.result;

import io.toothcomb.control.ControlSequence;
import io.toothcomb.control.FileControlSequence;
import io.toothcomb.control.OurIds;
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
 * @param controls where our answers' control numbers (ISA13, GS06, ST02) come from (an in-memory sequence in tests
 *     so outputs are reproducible)
 * @param ours our sender and receiver ids in the answers' envelopes ({@link OurIds#ECHO}: from the input)
 */
public record ScrubOptions(Clock clock, Set<Output> outputs, boolean fix, ControlSequence controls, OurIds ours) {
    public ScrubOptions {
        outputs = outputs.isEmpty() ? EnumSet.noneOf(Output.class) : EnumSet.copyOf(outputs);
    }

    /**
     * The system clock, the default outputs, no mending, control numbers from the claim history when there is one
     * and else from the file in the user's state folder ({@link FileControlSequence#defaultFile}), ids echoed from
     * the input.
     */
    public static ScrubOptions defaults() {
        return new ScrubOptions(Clock.systemDefaultZone(), Output.defaults(), false,
                ControlSequence.preferHistory(new FileControlSequence(FileControlSequence.defaultFile(System.getenv()))),
                OurIds.ECHO);
    }

    public ScrubOptions withClock(Clock c) {
        return new ScrubOptions(c, outputs, fix, controls, ours);
    }

    public ScrubOptions withOutputs(Set<Output> o) {
        return new ScrubOptions(clock, o, fix, controls, ours);
    }

    public ScrubOptions withFix(boolean on) {
        return new ScrubOptions(clock, outputs, on, controls, ours);
    }

    public ScrubOptions withControls(ControlSequence c) {
        return new ScrubOptions(clock, outputs, fix, c, ours);
    }

    public ScrubOptions withOurs(OurIds o) {
        return new ScrubOptions(clock, outputs, fix, controls, o);
    }
}
