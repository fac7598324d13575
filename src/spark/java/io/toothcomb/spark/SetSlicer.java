package io.toothcomb.spark;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cuts a big 837D file into slices of whole transaction sets (ST..SE) that can be scrubbed apart, each re-wrapped
 * in the file's own ISA and GS and a GE/IEA trailer counting its own sets. Only a plain envelope is cut: one
 * interchange holding one functional group, nothing but sets between GS and GE, every SE counting its set and
 * naming its ST02, no ST02 twice, GE and IEA counting and naming what they close, nothing after the IEA. Anything
 * else (and so every file whose 999 or TA1 verdict depends on more than one set) is scrubbed whole: {@link #plan}
 * returns null.
 *
 * <p>This reads segment ids and envelope elements only (a byte scan for the segment terminator); what a set
 * holds is left to the scrub.
 */
final class SetSlicer {
    private SetSlicer() {
    }

    /**
     * One slice of a file: its sets lie in bytes [start, end) of the file.
     *
     * @param index the slice's position in the file, from 0
     * @param headerSegments how many segments the header holds (ISA, GS): the slice's sets start after them
     * @param ordinalBefore how many segments precede the slice's first ST in the whole file
     */
    record Slice(String path, int index, int of, long start, long end, int sets, int headerSegments,
                 int ordinalBefore, byte[] header, byte[] trailer) implements Serializable {
        /** What to add to a segment ordinal of the slice's scrub to get the whole file's. */
        int segmentShift() {
            return ordinalBefore - headerSegments;
        }
    }

    /** Where the sets of a file lie, in file order. */
    private record SetSpan(long start, long end, int ordinalBefore) {
    }

    /**
     * The slices of {@code file} (read from disk), about {@code sliceBytes} of sets each; null when the file's
     * envelope is not plain (see the class comment) or it would make one slice only.
     */
    static List<Slice> plan(Path file, String path, long sliceBytes) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return plan(in, path, sliceBytes);
        }
    }

    static List<Slice> plan(InputStream in, String path, long sliceBytes) throws IOException {
        byte[] isa = in.readNBytes(106);
        if (isa.length < 106 || isa[0] != 'I' || isa[1] != 'S' || isa[2] != 'A') {
            return null;
        }
        byte sep = isa[3];
        byte term = isa[105];
        if (sep == term || Character.isLetterOrDigit(sep) || Character.isLetterOrDigit(term)) {
            return null;
        }
        Scanner sc = new Scanner(in, sep, term, isa);
        List<String> isaElements = sc.next();
        if (isaElements == null || isaElements.size() != 17) {
            return null;
        }
        String isa13 = isaElements.get(13);
        List<String> gs = sc.next();
        if (gs == null || !gs.get(0).equals("GS") || gs.size() < 9) {
            return null;
        }
        String gs06 = gs.get(6);
        long headerEnd = sc.position;
        int headerSegments = sc.segments;
        List<SetSpan> sets = new ArrayList<>();
        Set<String> controls = new HashSet<>();
        List<String> seg;
        while (true) {
            long start = sc.position;
            int before = sc.segments;
            seg = sc.next();
            if (seg == null || !seg.get(0).equals("ST")) {
                break;
            }
            if (seg.size() < 3 || !controls.add(seg.get(2))) {
                return null;
            }
            String st02 = seg.get(2);
            int count = 1;
            while (true) {
                List<String> s = sc.next();
                if (s == null) {
                    return null;
                }
                count++;
                String id = s.get(0);
                if (id.equals("SE")) {
                    if (s.size() < 3 || !s.get(1).equals(Integer.toString(count)) || !s.get(2).equals(st02)) {
                        return null;
                    }
                    break;
                }
                if (id.equals("ST") || id.equals("GS") || id.equals("GE") || id.equals("ISA") || id.equals("IEA")) {
                    return null;
                }
            }
            sets.add(new SetSpan(start, sc.position, before));
        }
        // after the sets: GE counting them, IEA counting one group, then nothing
        if (seg == null || !seg.get(0).equals("GE") || seg.size() < 3 || !seg.get(1).equals(
                Integer.toString(sets.size())) || !seg.get(2).equals(gs06)) {
            return null;
        }
        List<String> iea = sc.next();
        if (iea == null || !iea.get(0).equals("IEA") || iea.size() < 3 || !iea.get(1).equals("1")
                || !iea.get(2).equals(isa13) || sc.next() != null || sc.trailingBytes || sc.odd) {
            return null;
        }
        byte[] header = sc.header(headerEnd);
        List<Slice> out = new ArrayList<>();
        int first = 0;
        while (first < sets.size()) {
            int last = first;
            while (last + 1 < sets.size() && sets.get(last).end() - sets.get(first).start() < sliceBytes) {
                last++;
            }
            int n = last - first + 1;
            String trailer = "GE" + (char) sep + n + (char) sep + gs06 + (char) term + "\n"
                    + "IEA" + (char) sep + "1" + (char) sep + isa13 + (char) term + "\n";
            out.add(new Slice(path, out.size(), 0, sets.get(first).start(), sets.get(last).end(), n,
                    headerSegments, sets.get(first).ordinalBefore(), header,
                    trailer.getBytes(StandardCharsets.ISO_8859_1)));
            first = last + 1;
        }
        if (out.size() < 2) {
            return null;
        }
        List<Slice> numbered = new ArrayList<>(out.size());
        for (Slice s : out) {
            numbered.add(new Slice(s.path(), s.index(), out.size(), s.start(), s.end(), s.sets(), s.headerSegments(),
                    s.ordinalBefore(), s.header(), s.trailer()));
        }
        return numbered;
    }

    /** Segments one by one: ids and elements, byte positions, the header's bytes kept. */
    private static final class Scanner {
        private final InputStream in;
        private final byte sep;
        private final byte term;
        private final ByteArrayOutputStream header = new ByteArrayOutputStream();
        private final ByteArrayOutputStream segment = new ByteArrayOutputStream();
        private byte[] pending;
        private int pendingPos;
        long position;
        int segments;
        boolean trailingBytes;
        /** A segment without an id (two terminators in a row, say): not plain. */
        boolean odd;
        private boolean keepHeader = true;

        Scanner(InputStream in, byte sep, byte term, byte[] isa) {
            this.in = in;
            this.sep = sep;
            this.term = term;
            this.pending = isa;
        }

        private int read() throws IOException {
            int b;
            if (pending != null) {
                b = pending[pendingPos++] & 0xff;
                if (pendingPos == pending.length) {
                    pending = null;
                }
            } else {
                b = in.read();
                if (b < 0) {
                    return b;
                }
            }
            position++;
            if (keepHeader) {
                header.write(b);
            }
            return b;
        }

        /** The next segment's elements (id first), null at the end; line breaks between segments are skipped. */
        List<String> next() throws IOException {
            segment.reset();
            int b;
            // skip line breaks and blanks before a segment
            do {
                b = read();
            } while (b == '\n' || b == '\r' || b == ' ');
            if (b < 0) {
                return null;
            }
            while (b >= 0 && b != (term & 0xff)) {
                segment.write(b);
                b = read();
            }
            if (b < 0) {
                trailingBytes = true; // an unterminated segment at the end
                return null;
            }
            segments++;
            String s = segment.toString(StandardCharsets.ISO_8859_1);
            List<String> elements = new ArrayList<>();
            int from = 0;
            char c = (char) (sep & 0xff);
            // only the envelope's segments need their elements; the rest their id
            int idEnd = s.indexOf(c);
            String id = idEnd < 0 ? s : s.substring(0, idEnd);
            if (id.isEmpty() || id.length() > 3) {
                odd = true;
            }
            if (!(id.equals("ISA") || id.equals("GS") || id.equals("ST") || id.equals("SE") || id.equals("GE")
                    || id.equals("IEA"))) {
                elements.add(id);
                return elements;
            }
            while (true) {
                int i = s.indexOf(c, from);
                if (i < 0) {
                    elements.add(s.substring(from).trim());
                    break;
                }
                elements.add(s.substring(from, i).trim());
                from = i + 1;
            }
            if (id.equals("GS")) {
                keepHeader = false;
            }
            return elements;
        }

        /** The file's first {@code end} bytes (ISA and GS with what follows their terminators). */
        byte[] header(long end) {
            byte[] all = header.toByteArray();
            return java.util.Arrays.copyOf(all, (int) Math.min(end, all.length));
        }
    }
}
