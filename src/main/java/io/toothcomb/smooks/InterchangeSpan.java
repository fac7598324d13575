package io.toothcomb.smooks;

/**
 * Where one ISA…IEA interchange sits in a file, and the delimiters its ISA declares.
 *
 * @param index      0-based position of the interchange in the file
 * @param offset     byte offset of its "ISA"
 * @param length     bytes up to and including the IEA terminator (to the end of the file when there is no IEA)
 * @param complete   false when the file ends before an IEA segment
 * @param element    element separator (ISA character 4)
 * @param component  component separator (ISA16)
 * @param repetition repetition separator (ISA11)
 * @param segment    segment terminator (the character after ISA16)
 */
public record InterchangeSpan(int index, long offset, long length, boolean complete, char element, char component,
                              char repetition, char segment) {
}
