package io.toothcomb.loader;

import io.toothcomb.model.FunctionalGroup;
import io.toothcomb.model.Interchange;
import io.toothcomb.reader.Delimiters;

/**
 * Where one transaction set lies in a file, and what its envelope says of it: enough to read, check and write
 * the set apart from the rest ({@link ClaimLoader#loadSet}), on another thread.
 *
 * @param index the set's position among the sets of the file, from 0
 * @param start byte offset of its ST
 * @param end byte offset just past its SE's terminator
 * @param ordinalBefore the number of the segment before the ST
 * @param line the line the ST starts on
 * @param delimiters the interchange's delimiters
 * @param groupVersionOk false when the group's GS08 is not the 837D version (every set is then rejected)
 * @param duplicateControl true when an earlier set of the group has the same ST02
 */
public record TransactionSlice(int index, long start, long end, int ordinalBefore, int line, Delimiters delimiters,
                               Interchange interchange, FunctionalGroup group, boolean groupVersionOk,
                               boolean duplicateControl) {
}
