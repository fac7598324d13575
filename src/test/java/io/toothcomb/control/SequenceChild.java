package io.toothcomb.control;

import java.nio.file.Path;

/**
 * A process that takes control numbers from a file and prints each once it has it: {@code FILE COUNT} (COUNT 0:
 * until killed). Run by {@link FileControlSequenceTest} to race two processes and to kill one mid-write.
 */
public final class SequenceChild {
    private SequenceChild() {
    }

    public static void main(String[] args) throws Exception {
        FileControlSequence s = new FileControlSequence(Path.of(args[0]));
        long count = Long.parseLong(args[1]);
        System.out.println("ready");
        System.out.flush();
        for (long i = 0; count == 0 || i < count; i++) {
            System.out.println(s.reserve(1));
            System.out.flush();
        }
    }
}
