package io.toothcomb.reader;

/**
 * The four X12 delimiters of one interchange, as read from its ISA segment.
 *
 * @param element    element separator (ISA position 4)
 * @param component  component separator (ISA16)
 * @param repetition repetition separator (ISA11), or 0 when the interchange has none
 * @param segment    segment terminator (the byte right after ISA16)
 */
public record Delimiters(byte element, byte component, byte repetition, byte segment) {

    /** The delimiters most 837D files use: {@code * : ^ ~}. */
    public static final Delimiters STANDARD = new Delimiters((byte) '*', (byte) ':', (byte) '^', (byte) '~');

    public char elementChar() {
        return (char) (element & 0xff);
    }

    public char componentChar() {
        return (char) (component & 0xff);
    }

    public char repetitionChar() {
        return (char) (repetition & 0xff);
    }

    public char segmentChar() {
        return (char) (segment & 0xff);
    }
}
