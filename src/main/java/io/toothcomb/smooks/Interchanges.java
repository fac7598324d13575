package io.toothcomb.smooks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the interchanges of an X12 file and the delimiters each ISA declares, without parsing anything else.
 * The DFDL mappings read their delimiters from the ISA themselves, but a DFDL parse covers exactly one
 * interchange (its delimiter variables are set once), so files holding several ISA…IEA envelopes back to back
 * are cut here and parsed one interchange at a time.
 */
public final class Interchanges {
    /** The ISA segment is fixed width: 105 characters plus the segment terminator. */
    public static final int ISA_LENGTH = 106;

    /** Positions in the ISA where the element separator must appear. */
    private static final int[] ISA_SEPARATORS = {3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103};

    private Interchanges() {
    }

    /** Reads the whole file once (buffered, constant memory) and returns its interchanges in order. */
    public static List<InterchangeSpan> split(Path file) throws IOException, SmooksX12Exception {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return split(in, file.getFileName().toString());
        }
    }

    static List<InterchangeSpan> split(InputStream in, String source) throws IOException, SmooksX12Exception {
        List<InterchangeSpan> spans = new ArrayList<>();
        byte[] isa = new byte[ISA_LENGTH];
        long pos = 0;
        int b = in.read();
        // UTF-8 byte order mark some Windows tools write
        if (b == 0xEF) {
            int b2 = in.read();
            int b3 = in.read();
            if (b2 != 0xBB || b3 != 0xBF) {
                throw new SmooksX12Exception(source + ": not an X12 file (no ISA segment at the start)");
            }
            pos = 3;
            b = in.read();
        }
        while (true) {
            while (b != -1 && isBlank(b)) {
                pos++;
                b = in.read();
            }
            if (b == -1) {
                break;
            }
            long start = pos;
            isa[0] = (byte) b;
            int n = 1 + in.readNBytes(isa, 1, ISA_LENGTH - 1);
            pos += n;
            checkIsa(isa, n, start, source, spans.size());
            char element = (char) (isa[3] & 0xff);
            char repetition = (char) (isa[82] & 0xff);
            char component = (char) (isa[104] & 0xff);
            char terminator = (char) (isa[105] & 0xff);

            // Walk the segments up to and including IEA.
            byte[] head = new byte[4];
            int headLen = 0;
            boolean leading = true;
            boolean complete = false;
            while ((b = in.read()) != -1) {
                pos++;
                if (b == (terminator & 0xff)) {
                    if (headLen == 4 && head[0] == 'I' && head[1] == 'E' && head[2] == 'A'
                            && head[3] == (byte) element) {
                        complete = true;
                        break;
                    }
                    headLen = 0;
                    leading = true;
                    continue;
                }
                if (leading && isBlank(b)) {
                    continue;
                }
                leading = false;
                if (headLen < 4) {
                    head[headLen++] = (byte) b;
                }
            }
            spans.add(new InterchangeSpan(spans.size(), start, pos - start, complete, element, component, repetition,
                    terminator));
            if (!complete) {
                break;
            }
            b = in.read();
        }
        if (spans.isEmpty()) {
            throw new SmooksX12Exception(source + ": empty file (no ISA segment)");
        }
        return spans;
    }

    private static void checkIsa(byte[] isa, int n, long start, String source, int index) throws SmooksX12Exception {
        String where = source + ": interchange " + (index + 1) + " at byte " + start;
        if (n < 4 || isa[0] != 'I' || isa[1] != 'S' || isa[2] != 'A') {
            throw new SmooksX12Exception(where + ": expected an ISA segment");
        }
        if (n < ISA_LENGTH) {
            throw new SmooksX12Exception(where + ": the file ends inside the ISA segment");
        }
        byte sep = isa[3];
        for (int p : ISA_SEPARATORS) {
            if (isa[p] != sep) {
                throw new SmooksX12Exception(where + ": the ISA is not 106 characters wide (no element separator at"
                        + " character " + (p + 1) + "), so its delimiters cannot be read");
            }
        }
        byte comp = isa[104];
        byte term = isa[105];
        if (comp == sep || term == sep || term == comp || Character.isLetterOrDigit(term)
                || Character.isLetterOrDigit(comp)) {
            throw new SmooksX12Exception(where + ": the ISA declares unusable delimiters");
        }
    }

    private static boolean isBlank(int b) {
        return b == '\r' || b == '\n' || b == ' ' || b == '\t';
    }
}
