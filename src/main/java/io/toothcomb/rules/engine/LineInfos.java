package io.toothcomb.rules.engine;

import io.toothcomb.codes.CodeInfo;
import io.toothcomb.codes.CodeSet;
import io.toothcomb.model.ServiceLine;

/**
 * The code-set rows of the lines of one claim, looked up on first use: most rules ask for the row of every
 * line, so one claim would otherwise look each line up a dozen times. Lines are told apart by identity; the
 * engine clears the cache before each claim. Not thread-safe, like the engine that owns it.
 */
final class LineInfos {
    private static final int MAX = 16;
    private final ServiceLine[] lines = new ServiceLine[MAX];
    private final CodeInfo[] infos = new CodeInfo[MAX];
    private int size;

    void clear() {
        for (int i = 0; i < size; i++) {
            lines[i] = null;
            infos[i] = null;
        }
        size = 0;
    }

    CodeInfo info(ServiceLine line, CodeSet codes) {
        for (int i = 0; i < size; i++) {
            if (lines[i] == line) {
                return infos[i];
            }
        }
        CodeInfo info = codes.lookup(line.code(), line.serviceDate());
        if (size < MAX) {
            lines[size] = line;
            infos[size] = info;
            size++;
        }
        return info;
    }
}
