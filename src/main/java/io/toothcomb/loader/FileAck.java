package io.toothcomb.loader;

import io.toothcomb.model.Interchange;
import java.util.List;

/**
 * Everything the envelope and syntax checks found in one file.
 *
 * @param interchanges the ISA headers read, in order
 * @param groups one per GS, in order
 * @param fileErrors errors about the interchange or the file as a whole
 * @param segments segments read
 * @param bytes bytes read
 */
public record FileAck(String source, List<Interchange> interchanges, List<GroupAck> groups,
                      List<SyntaxError> fileErrors, int segments, long bytes) {

    /** True when the file as a whole could not be taken (not X12, or no group accepted at all). */
    public boolean rejectedAtEnvelope() {
        return groups.isEmpty() || !fileErrors.isEmpty() || groups.stream().anyMatch(g -> !g.status().equals("A"));
    }
}
