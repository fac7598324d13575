package io.toothcomb.spark;

import io.toothcomb.api.ClaimReport;
import io.toothcomb.api.FileReport;
import io.toothcomb.api.FindingReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A file's report as bytes, written field by field, for keeping between the job's stages. Spark keeps an
 * object by walking all of it to estimate its size, or serializes it with Java serialization, which reads
 * records back by reflection: together two thirds of the job's CPU (JFR); a byte array costs neither, and is
 * read back here in a fraction of that time on each pass over the results.
 */
final class ReportCodec {
    private ReportCodec() {
    }

    static byte[] encode(String path, String order, FileReport r) {
        var bytes = new ByteArrayOutputStream(4096);
        try (var out = new DataOutputStream(bytes)) {
            str(out, path);
            str(out, order);
            str(out, r.file());
            out.writeInt(r.envelopes().size());
            for (FileReport.EnvelopeVerdict v : r.envelopes()) {
                str(out, v.interchangeControl());
                str(out, v.interchangeDate());
                str(out, v.groupControl());
                str(out, v.setControl());
                str(out, v.verdict());
                strs(out, v.errors());
            }
            out.writeInt(r.claims().size());
            for (ClaimReport c : r.claims()) {
                str(out, c.claimId());
                out.writeInt(c.ordinal());
                str(out, c.setControl());
                str(out, c.patientKey());
                out.writeBoolean(c.rejected());
                str(out, c.pack());
                str(out, c.payerId());
                str(out, c.frequency());
                str(out, c.payerClaimControlNumber());
                date(out, c.firstService());
                date(out, c.lastService());
                dec(out, c.charge());
                dec(out, c.lineCharges());
                out.writeInt(c.lines().size());
                for (ClaimReport.Line l : c.lines()) {
                    out.writeInt(l.number());
                    str(out, l.code());
                    strs(out, l.teeth());
                    strs(out, l.surfaces());
                    strs(out, l.areas());
                    dec(out, l.quantity());
                    dec(out, l.charge());
                    date(out, l.serviceDate());
                    out.writeInt(l.sv3Segment());
                }
                out.writeInt(c.findings().size());
                for (FindingReport f : c.findings()) {
                    str(out, f.rule());
                    str(out, f.severity());
                    out.writeInt(f.line() == null ? Integer.MIN_VALUE : f.line());
                    out.writeInt(f.segment());
                    out.writeInt(f.element());
                    out.writeInt(f.component());
                    str(out, f.category());
                    str(out, f.statusCode());
                    str(out, f.message());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array: not expected
        }
        return bytes.toByteArray();
    }

    static SparkScrub.Scrubbed decode(byte[] b) {
        try (var in = new DataInputStream(new ByteArrayInputStream(b))) {
            String path = str(in);
            String order = str(in);
            String file = str(in);
            int n = in.readInt();
            List<FileReport.EnvelopeVerdict> env = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                env.add(new FileReport.EnvelopeVerdict(str(in), str(in), str(in), str(in), str(in), strs(in)));
            }
            n = in.readInt();
            List<ClaimReport> claims = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String id = str(in);
                int ordinal = in.readInt();
                String set = str(in);
                String patient = str(in);
                boolean rejected = in.readBoolean();
                String pack = str(in);
                String payer = str(in);
                String frequency = str(in);
                String ccn = str(in);
                LocalDate first = date(in);
                LocalDate last = date(in);
                BigDecimal charge = dec(in);
                BigDecimal lineCharges = dec(in);
                int nl = in.readInt();
                List<ClaimReport.Line> lines = new ArrayList<>(nl);
                for (int j = 0; j < nl; j++) {
                    lines.add(new ClaimReport.Line(in.readInt(), str(in), strs(in), strs(in), strs(in), dec(in),
                            dec(in), date(in), in.readInt()));
                }
                int nf = in.readInt();
                List<FindingReport> findings = new ArrayList<>(nf);
                for (int j = 0; j < nf; j++) {
                    String rule = str(in);
                    String severity = str(in);
                    int line = in.readInt();
                    findings.add(new FindingReport(rule, severity, line == Integer.MIN_VALUE ? null : line,
                            in.readInt(), in.readInt(), in.readInt(), str(in), str(in), str(in)));
                }
                claims.add(new ClaimReport(id, ordinal, set, patient, rejected, pack, payer, frequency, ccn, first,
                        last, charge, lineCharges, lines, findings));
            }
            return new SparkScrub.Scrubbed(path, order, new FileReport(file, env, claims));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        // writeUTF stops at 64 KB; a message or an error list could pass it
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String str(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void strs(DataOutputStream out, List<String> l) throws IOException {
        out.writeInt(l.size());
        for (String s : l) {
            str(out, s);
        }
    }

    private static List<String> strs(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(str(in));
        }
        return l;
    }

    private static void date(DataOutputStream out, LocalDate d) throws IOException {
        out.writeLong(d == null ? Long.MIN_VALUE : d.toEpochDay());
    }

    private static LocalDate date(DataInputStream in) throws IOException {
        long d = in.readLong();
        return d == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(d);
    }

    private static void dec(DataOutputStream out, BigDecimal d) throws IOException {
        if (d == null) {
            out.writeInt(Integer.MIN_VALUE);
            return;
        }
        out.writeInt(d.scale());
        byte[] b = d.unscaledValue().toByteArray();
        out.writeShort(b.length);
        out.write(b);
    }

    private static BigDecimal dec(DataInputStream in) throws IOException {
        int scale = in.readInt();
        if (scale == Integer.MIN_VALUE) {
            return null;
        }
        byte[] b = new byte[in.readUnsignedShort()];
        in.readFully(b);
        return new BigDecimal(new BigInteger(b), scale);
    }
}
