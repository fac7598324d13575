package io.toothcomb.generate;

import io.toothcomb.generate.Catalog.Proc;
import io.toothcomb.generate.Catalog.TeethSet;
import io.toothcomb.generate.Population.Payer;
import io.toothcomb.generate.Population.Provider;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic 837D (005010X224A2) batch generator for load tests and benchmarks.
 *
 * <p>Writes one interchange with one functional group and as many ST transactions as needed (at most
 * {@link Options#claimsPerTransaction()} claims each). Transactions hold several billing providers (2000A), subscribers
 * who are the patient (2000B, HL child code 0) and subscribers with dependents (2000C, PAT*19 or PAT*01), a weighted
 * mix of CDT codes with teeth and surfaces valid for the tooth, SV304 quadrants for D4341/D4342, SV305 for crowns,
 * claim and line DTP*472, REF*6R, NTE*ADD narratives, PWK attachments, some replacement claims (CLM05-3 = 7 with
 * REF*F8), and a configurable fraction of claims carrying one defect the rules catch: a tooth-specific code without
 * TOO, an invalid tooth designation, D1354 with SV306 &gt; 1 on one tooth, or D1354 with several TOO on one line.
 *
 * <p>The same claim count, seed and options always give the same bytes (one {@link SplittableRandom} drives every
 * choice; no clock is read). Output streams in constant memory: segments are appended byte by byte, with {@code ~}
 * and a line feed after each.
 */
public final class SyntheticBatch {

    public static final int DEFAULT_CLAIMS_PER_TRANSACTION = 5_000;
    public static final double DEFAULT_DEFECT_RATE = 0.04;

    /** Kinds of injected defect, in the order they are counted in {@link Summary}. */
    public enum Defect { MISSING_TOOTH, INVALID_TOOTH, D1354_QUANTITY, D1354_MULTI_TOOTH }

    /**
     * @param claimsPerTransaction maximum claims per ST/SE (at least 1)
     * @param defectRate           fraction of claims, 0..1, that carry exactly one injected defect
     */
    public record Options(int claimsPerTransaction, double defectRate) {
        public Options {
            if (claimsPerTransaction < 1) {
                throw new IllegalArgumentException("claimsPerTransaction must be at least 1: " + claimsPerTransaction);
            }
            if (!(defectRate >= 0.0 && defectRate <= 1.0)) {
                throw new IllegalArgumentException("defectRate must be within 0..1: " + defectRate);
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_CLAIMS_PER_TRANSACTION, DEFAULT_DEFECT_RATE);
        }
    }

    /**
     * What was written. {@code defects[k]} counts claims carrying {@code Defect.values()[k]}.
     */
    public record Summary(long claims, int transactions, long serviceLines, long segments, long bytes,
                          long[] defects) {
        public Summary {
            defects = defects.clone();
        }

        public long defects(Defect d) {
            return defects[d.ordinal()];
        }

        public long totalDefects() {
            return Arrays.stream(defects).sum();
        }

        @Override
        public long[] defects() {
            return defects.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Summary s && claims == s.claims && transactions == s.transactions
                    && serviceLines == s.serviceLines && segments == s.segments && bytes == s.bytes
                    && Arrays.equals(defects, s.defects);
        }

        @Override
        public int hashCode() {
            return Objects.hash(claims, transactions, serviceLines, segments, bytes) * 31 + Arrays.hashCode(defects);
        }

        @Override
        public String toString() {
            return "Summary[claims=" + claims + ", transactions=" + transactions + ", serviceLines=" + serviceLines
                    + ", segments=" + segments + ", bytes=" + bytes + ", defects=" + Arrays.toString(defects) + "]";
        }
    }

    private SyntheticBatch() {
    }

    public static Summary write(int claims, long seed, OutputStream out) throws IOException {
        return write(claims, seed, Options.defaults(), out);
    }

    /** Writes the batch to {@code out} and flushes it; the stream is not closed. */
    public static Summary write(int claims, long seed, Options options, OutputStream out) throws IOException {
        if (claims < 1) {
            throw new IllegalArgumentException("claims must be at least 1: " + claims);
        }
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(out, "out");
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        Summary s = new Generator(seed, options, new EdiSink(buffered)).run(claims);
        buffered.flush();
        return s;
    }

    public static Summary write(int claims, long seed, Path target) throws IOException {
        return write(claims, seed, Options.defaults(), target);
    }

    /**
     * Writes the batch to a temporary file next to {@code target} and then moves it into place (atomically where the
     * file system allows), so readers never see a half-written batch.
     */
    public static Summary write(int claims, long seed, Options options, Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = null;
        OutputStream os = null;
        // Not Files.createTempFile: that makes the file owner-only, and the batch should get the usual permissions.
        for (int attempt = 0; os == null; attempt++) {
            tmp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(System.nanoTime()) + attempt + ".tmp");
            try {
                os = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
        try {
            Summary s;
            try (OutputStream o = os) {
                s = write(claims, seed, options, o);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            return s;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private static final class Generator {
        private static final byte[] ISA_HEAD = EdiSink.ascii(
                "ISA*00*          *00*          *ZZ*TOOTHCOMBSYN   *ZZ*TCLOADTEST     *261120*");
        private static final byte[] ISA_MID = EdiSink.ascii("*^*00501*");
        private static final byte[] ISA_TAIL = EdiSink.ascii("*0*P*:");
        private static final byte[] GS_HEAD = EdiSink.ascii("GS*HC*TOOTHCOMBSYN*TCLOADTEST*20261120");
        private static final byte[] IMPL = EdiSink.ascii("005010X224A2");
        private static final byte[] GE = EdiSink.ascii("GE");
        private static final byte[] IEA = EdiSink.ascii("IEA");
        private static final byte[] ST_837 = EdiSink.ascii("ST*837");
        private static final byte[] BHT_HEAD = EdiSink.ascii("BHT*0019*00*SYN");
        private static final byte[] DATE_20261120 = EdiSink.ascii("20261120");
        private static final byte[] CH = EdiSink.ascii("CH");
        private static final byte[] SUBMITTER = EdiSink.ascii("NM1*41*2*TOOTHCOMB SYNTHETIC SUBMITTER*****46*TCSYN01");
        private static final byte[] SUBMITTER_PER = EdiSink.ascii("PER*IC*LOAD TEST DESK*TE*5035550100");
        private static final byte[] RECEIVER = EdiSink.ascii("NM1*40*2*TOOTHCOMB LOAD TEST RECEIVER*****46*TCLOADTEST");
        private static final byte[] SE = EdiSink.ascii("SE");
        private static final byte[] HL = EdiSink.ascii("HL");
        private static final byte[] B20 = EdiSink.ascii("20");
        private static final byte[] B22 = EdiSink.ascii("22");
        private static final byte[] B23 = EdiSink.ascii("23");
        private static final byte[] PRV_BI = EdiSink.ascii("PRV*BI*PXC");
        private static final byte[] PRV_PE = EdiSink.ascii("PRV*PE*PXC");
        private static final byte[] NM1_85 = EdiSink.ascii("NM1*85*2");
        private static final byte[] NM1_82 = EdiSink.ascii("NM1*82*1");
        private static final byte[] NM1_IL = EdiSink.ascii("NM1*IL*1");
        private static final byte[] NM1_QC = EdiSink.ascii("NM1*QC*1");
        private static final byte[] NM1_PR = EdiSink.ascii("NM1*PR*2");
        private static final byte[] EMPTY4_XX = EdiSink.ascii("****XX*");
        private static final byte[] EMPTY5_XX = EdiSink.ascii("*****XX*");
        private static final byte[] EMPTY4_MI = EdiSink.ascii("****MI*");
        private static final byte[] EMPTY5_PI = EdiSink.ascii("*****PI*");
        private static final byte[] N3 = EdiSink.ascii("N3");
        private static final byte[] N4 = EdiSink.ascii("N4");
        private static final byte[] REF_EI = EdiSink.ascii("REF*EI");
        private static final byte[] SBR_P = EdiSink.ascii("SBR*P");
        private static final byte[] B18 = EdiSink.ascii("18");
        private static final byte[] EMPTY5 = EdiSink.ascii("*****");
        private static final byte[] DMG_D8 = EdiSink.ascii("DMG*D8");
        private static final byte[] PAT = EdiSink.ascii("PAT");
        private static final byte[] B19 = EdiSink.ascii("19");
        private static final byte[] B01 = EdiSink.ascii("01");
        private static final byte[] CLM = EdiSink.ascii("CLM");
        private static final byte[] TC = EdiSink.ascii("TC");
        private static final byte[] POS_11_B = EdiSink.ascii("11:B:");
        private static final byte[] CLM_TAIL = EdiSink.ascii("*Y*A*Y*Y");
        private static final byte[] DTP_472_D8 = EdiSink.ascii("DTP*472*D8");
        private static final byte[] DTP_441_D8 = EdiSink.ascii("DTP*441*D8");
        private static final byte[] PWK = EdiSink.ascii("PWK");
        private static final byte[] RB = EdiSink.ascii("RB");
        private static final byte[] P6 = EdiSink.ascii("P6");
        private static final byte[] EL_AC = EdiSink.ascii("*EL***AC*NEA");
        private static final byte[] REF_F8 = EdiSink.ascii("REF*F8");
        private static final byte[] NTE_ADD = EdiSink.ascii("NTE*ADD");
        private static final byte[] HI_ABK = EdiSink.ascii("HI*ABK:");
        private static final byte[] LX = EdiSink.ascii("LX");
        private static final byte[] SV3_AD = EdiSink.ascii("SV3*AD:");
        private static final byte[] TOO_JP = EdiSink.ascii("TOO*JP");
        private static final byte[] REF_6R = EdiSink.ascii("REF*6R*TC");

        private static final int MAX_LINES = 3;
        private static final int MAX_TEETH = 4;
        private static final int PROVIDER_POOL = 24;

        private final SplittableRandom rng;
        private final Options options;
        private final EdiSink out;
        private final Provider[] providers;

        // per-claim scratch, reused
        private final Proc[] lineProc = new Proc[MAX_LINES];
        private final byte[][][] lineTeeth = new byte[MAX_LINES][MAX_TEETH][];
        private final boolean[] lineAnterior = new boolean[MAX_LINES];
        private final int[] lineToothCount = new int[MAX_LINES];
        private final int[] lineSurfaces = new int[MAX_LINES];
        private final int[] lineQty = new int[MAX_LINES];
        private final byte[][] lineQuadrant = new byte[MAX_LINES][];
        private final byte[] linePros = new byte[MAX_LINES];
        private final long[] lineCents = new long[MAX_LINES];
        private final int[] linePriorDate = new int[MAX_LINES];

        private long claimSeq;
        private long serviceLines;
        private final long[] defects = new long[Defect.values().length];

        Generator(long seed, Options options, EdiSink out) {
            this.rng = new SplittableRandom(seed);
            this.options = options;
            this.out = out;
            this.providers = Population.providers(rng, PROVIDER_POOL);
        }

        Summary run(int claims) throws IOException {
            int control = 1 + rng.nextInt(999_999_998);
            int hhmm = (18 + rng.nextInt(6)) * 100 + rng.nextInt(60);
            int per = options.claimsPerTransaction();
            int transactions = (int) ((claims + (long) per - 1) / per);

            out.raw(ISA_HEAD);
            out.pad(hhmm, 4);
            out.raw(ISA_MID);
            out.pad(control, 9);
            out.raw(ISA_TAIL);
            out.end();

            out.raw(GS_HEAD);
            out.elPad(hhmm, 4);
            out.elNum(control);
            out.el(new byte[] {'X'});
            out.el(IMPL);
            out.end();

            int left = claims;
            for (int t = 1; t <= transactions; t++) {
                int quota = Math.min(per, left);
                transaction(t, quota, control, hhmm);
                left -= quota;
            }

            out.seg(GE);
            out.elNum(transactions);
            out.elNum(control);
            out.end();
            out.seg(IEA);
            out.elNum(1);
            out.elPad(control, 9);
            out.end();
            out.flush();
            return new Summary(claimSeq, transactions, serviceLines, out.segments(), out.bytes(), defects);
        }

        private void transaction(int stNumber, int quota, int control, int hhmm) throws IOException {
            long startSegments = out.segments();
            out.raw(ST_837);
            out.elPad(stNumber, 4);
            out.el(IMPL);
            out.end();
            out.raw(BHT_HEAD);
            out.pad(control, 9);
            out.pad(stNumber, 4);
            out.el(DATE_20261120);
            out.elPad(hhmm, 4);
            out.el(CH);
            out.end();
            out.raw(SUBMITTER);
            out.end();
            out.raw(SUBMITTER_PER);
            out.end();
            out.raw(RECEIVER);
            out.end();

            int hl = 0;
            int left = quota;
            while (left > 0) {
                Provider p = providers[rng.nextInt(providers.length)];
                int block = Math.min(left, 20 + rng.nextInt(281));
                left -= block;
                int providerHl = ++hl;
                billingProvider(p, providerHl);
                while (block > 0) {
                    int written = subscriber(p, providerHl, hl + 1, block);
                    hl += written >>> 16;
                    block -= written & 0xffff;
                }
            }

            out.seg(SE);
            out.elNum(out.segments() - startSegments + 1);
            out.elPad(stNumber, 4);
            out.end();
        }

        private void billingProvider(Provider p, int providerHl) throws IOException {
            out.seg(HL);
            out.elNum(providerHl);
            out.el();
            out.el(B20);
            out.elNum(1);
            out.end();
            out.raw(PRV_BI);
            out.el(p.taxonomy());
            out.end();
            out.raw(NM1_85);
            out.el(p.name());
            out.raw(EMPTY5_XX);
            out.raw(p.npi());
            out.end();
            out.seg(N3);
            out.el(p.street());
            out.end();
            out.seg(N4);
            out.el(Population.CITY[p.place()]);
            out.el(Population.STATE[p.place()]);
            out.el(Population.ZIP9[p.place()]);
            out.end();
            out.raw(REF_EI);
            out.el(p.tin());
            out.end();
        }

        /**
         * Writes one 2000B subscriber (and its 2000C dependents) with at most {@code maxClaims} claims.
         *
         * @return (HL levels used) &lt;&lt; 16 | (claims written)
         */
        private int subscriber(Provider p, int providerHl, int subscriberHl, int maxClaims) throws IOException {
            Payer payer = Population.PAYER_SLOTS[rng.nextInt(Population.PAYER_SLOTS.length)];
            boolean medicaid = payer.filingIndicator()[0] == 'M';
            boolean withDependents = !medicaid && rng.nextInt(100) < 30;
            boolean female = rng.nextBoolean();
            byte[] last = Population.pick(rng, Population.LAST);
            byte[] first = Population.pick(rng, female ? Population.FIRST_F : Population.FIRST_M);
            int subscriberBirth = medicaid && rng.nextInt(10) < 7 ? childBirth() : adultBirth();
            int houseNumber = 10 + rng.nextInt(19_990);
            byte[] street = Population.pick(rng, Population.STREET);
            int place = rng.nextInt(Population.PLACES.length);

            out.seg(HL);
            out.elNum(subscriberHl);
            out.elNum(providerHl);
            out.el(B22);
            out.elNum(withDependents ? 1 : 0);
            out.end();

            out.raw(SBR_P);
            if (withDependents) {
                out.el();
            } else {
                out.el(B18);
            }
            out.el();
            if (!medicaid) {
                out.raw((byte) 'G');
                out.pad(rng.nextInt(1_000_000), 6);
            }
            out.raw(EMPTY5);
            out.el(payer.filingIndicator());
            out.end();

            out.raw(NM1_IL);
            out.el(last);
            out.el(first);
            out.raw(EMPTY4_MI);
            out.raw((byte) ('A' + rng.nextInt(26)));
            out.raw((byte) ('A' + rng.nextInt(26)));
            out.raw((byte) ('A' + rng.nextInt(26)));
            out.pad(rng.nextInt(1_000_000_000), 9);
            out.end();
            if (!withDependents) {
                // 2010BA N3/N4/DMG only when the subscriber is the patient (the guide's situation lines);
                // a dependent's address and demographics go in 2010CA
                addressAndDemographics(houseNumber, street, place, subscriberBirth, female);
            }

            out.raw(NM1_PR);
            out.el(payer.name());
            out.raw(EMPTY5_PI);
            out.raw(payer.id());
            out.end();

            if (!withDependents) {
                int r = rng.nextInt(100);
                int n = Math.min(maxClaims, r < 62 ? 1 : r < 88 ? 2 : 3);
                for (int i = 0; i < n; i++) {
                    claim(p, payer, subscriberBirth);
                }
                return (1 << 16) | n;
            }
            int n = Math.min(maxClaims, 1 + rng.nextInt(3));
            for (int i = 0; i < n; i++) {
                boolean spouse = i == 0 && rng.nextInt(100) < 25;
                boolean depFemale = spouse ? !female : rng.nextBoolean();
                byte[] depFirst = Population.pick(rng, depFemale ? Population.FIRST_F : Population.FIRST_M);
                int birth = spouse ? adultBirth() : childBirth();
                out.seg(HL);
                out.elNum(subscriberHl + 1 + i);
                out.elNum(subscriberHl);
                out.el(B23);
                out.elNum(0);
                out.end();
                out.seg(PAT);
                out.el(spouse ? B01 : B19);
                out.end();
                out.raw(NM1_QC);
                out.el(last);
                out.el(depFirst);
                out.end();
                addressAndDemographics(houseNumber, street, place, birth, depFemale);
                claim(p, payer, birth);
            }
            return ((1 + n) << 16) | n;
        }

        /** N3, N4 and DMG of the patient (2010BA when the subscriber is the patient, else 2010CA). */
        private void addressAndDemographics(int houseNumber, byte[] street, int place, int birth, boolean female)
                throws IOException {
            address(houseNumber, street, place);
            out.raw(DMG_D8);
            out.elNum(birth);
            out.raw(EdiSink.ELEMENT);
            out.raw(female ? (byte) 'F' : (byte) 'M');
            out.end();
        }

        private void address(int houseNumber, byte[] street, int place) throws IOException {
            out.seg(N3);
            out.elNum(houseNumber);
            out.raw((byte) ' ');
            out.raw(street);
            out.end();
            out.seg(N4);
            out.el(Population.CITY[place]);
            out.el(Population.STATE[place]);
            out.el(Population.ZIP5[place]);
            out.end();
        }

        private int adultBirth() {
            return (1945 + rng.nextInt(60)) * 10000 + (1 + rng.nextInt(12)) * 100 + 1 + rng.nextInt(28);
        }

        private int childBirth() {
            return (2008 + rng.nextInt(15)) * 10000 + (1 + rng.nextInt(12)) * 100 + 1 + rng.nextInt(28);
        }

        // -------------------------------------------------------------------------------------------- claims

        private void claim(Provider p, Payer payer, int birth) throws IOException {
            long seq = ++claimSeq;
            int dos = Population.SERVICE_DAYS[rng.nextInt(Population.SERVICE_DAYS.length)];
            boolean child = dos / 10000 - birth / 10000 < 13;
            Catalog.Table table = child ? Catalog.CHILD : Catalog.ADULT;
            // no permanent tooth is treated before it erupts (first molars at about six; TOOTH-AGE warns under five)
            boolean beforePermanentTeeth = dos / 10000 - birth / 10000 - (dos % 10000 < birth % 10000 ? 1 : 0) < 6;

            int wanted = 1;
            int r = rng.nextInt(100);
            if (r >= 93) {
                wanted = 3;
            } else if (r >= 75) {
                wanted = 2;
            }
            Defect defect = null;
            if (options.defectRate() > 0 && rng.nextDouble() < options.defectRate()) {
                defect = Defect.values()[rng.nextInt(Defect.values().length)];
                defects[defect.ordinal()]++;
            }

            int lines = 0;
            int groups = 0;
            int quadrants = 0;
            if (defect != null) {
                defectLine(defect, child, p);
                lines = 1;
                groups = lineProc[0].group() == Catalog.G_NONE ? 0 : 1 << lineProc[0].group();
            }
            for (int attempt = 0; lines < wanted && attempt < 24; attempt++) {
                Proc proc = table.pick(rng);
                if ((groups & Catalog.conflicts(proc.group())) != 0) {
                    continue;
                }
                if (proc.area() == Catalog.Area.QUADRANT) {
                    int q = rng.nextInt(4);
                    if ((quadrants & (1 << q)) != 0) {
                        continue;
                    }
                    quadrants |= 1 << q;
                    lineQuadrant[lines] = Catalog.QUADRANTS[q];
                    lineToothCount[lines] = 0;
                    lineSurfaces[lines] = 0;
                } else if (proc.toothSpecific()) {
                    if (beforePermanentTeeth && proc.teeth().permanent() || !pickTooth(proc, lines)) {
                        continue;
                    }
                    lineQuadrant[lines] = null;
                } else {
                    lineQuadrant[lines] = null;
                    lineToothCount[lines] = 0;
                    lineSurfaces[lines] = 0;
                }
                if (proc.group() != Catalog.G_NONE) {
                    groups |= 1 << proc.group();
                }
                lineProc[lines] = proc;
                lineQty[lines] = 1;
                lineCents[lines] = fee(proc, p);
                prosthesis(proc, lines, dos);
                lines++;
            }

            long total = 0;
            Proc special = null;
            for (int i = 0; i < lines; i++) {
                total += lineCents[i];
                Proc pr = lineProc[i];
                if (special == null && (pr.name().startsWith("D33") || pr.name().startsWith("D43")
                        || pr == Catalog.D2740 || pr.name().equals("D1354") || pr.name().startsWith("D71"))) {
                    special = pr;
                }
            }
            boolean replacement = rng.nextInt(100) == 0;

            out.seg(CLM);
            out.el(TC);
            out.pad(seq, 9);
            out.elMoney(total);
            out.el();
            out.el();
            out.el(POS_11_B);
            out.raw(replacement ? (byte) '7' : (byte) '1');
            out.raw(CLM_TAIL);
            out.end();
            out.raw(DTP_472_D8);
            out.elNum(dos);
            out.end();

            if (special != null && !special.name().equals("D1354") && !special.name().startsWith("D71")
                    && rng.nextInt(100) < 60) {
                out.seg(PWK);
                out.el(special.name().startsWith("D43") ? P6 : RB);
                out.raw(EL_AC);
                out.pad(rng.nextInt(100_000_000), 8);
                out.end();
            }
            if (replacement) {
                out.raw(REF_F8);
                out.el(payer.id());
                out.pad(rng.nextLong(10_000_000_000_000L), 13);
                out.end();
            }
            byte[] narrative = narrative(special);
            if (narrative != null) {
                out.raw(NTE_ADD);
                out.el(narrative);
                out.end();
            }
            if (rng.nextInt(10) == 0) {
                out.raw(HI_ABK);
                out.raw(Population.pick(rng, Population.DIAGNOSES));
                out.end();
            }
            if (rng.nextInt(100) < 6) {
                out.raw(NM1_82);
                out.el(p.renderingLast());
                out.el(p.renderingFirst());
                out.raw(EMPTY4_XX);
                out.raw(p.renderingNpi());
                out.end();
                out.raw(PRV_PE);
                out.el(p.taxonomy());
                out.end();
            }

            for (int i = 0; i < lines; i++) {
                serviceLine(seq, i, dos);
            }
            serviceLines += lines;
        }

        private byte[] narrative(Proc special) {
            if (special == null) {
                return rng.nextInt(100) < 3 ? Population.pick(rng, Population.NARRATIVE_OTHER) : null;
            }
            if (rng.nextInt(100) >= 35) {
                return null;
            }
            String n = special.name();
            if (n.startsWith("D33")) {
                return Population.pick(rng, Population.NARRATIVE_ENDO);
            } else if (n.startsWith("D43")) {
                return Population.pick(rng, Population.NARRATIVE_SRP);
            } else if (n.equals("D1354")) {
                return Population.pick(rng, Population.NARRATIVE_SDF);
            } else if (n.startsWith("D71")) {
                return Population.pick(rng, Population.NARRATIVE_EXT);
            }
            return Population.pick(rng, Population.NARRATIVE_CROWN);
        }

        private long fee(Proc proc, Provider p) {
            return (long) proc.feeDollars() * p.feePercent() / 100 * 100;   // whole dollars, in cents
        }

        private void prosthesis(Proc proc, int i, int dos) {
            if (!proc.prosthesis()) {
                linePros[i] = 0;
                return;
            }
            if (rng.nextInt(100) < 15) {
                linePros[i] = 'R';
                int years = 6 + rng.nextInt(15);
                linePriorDate[i] = dos - years * 10000 - (dos % 10000) + (1 + rng.nextInt(12)) * 100 + 1 + rng.nextInt(28);
            } else {
                linePros[i] = 'I';
            }
        }

        /** Picks a tooth (and surfaces) for line {@code i}; false when it would repeat a tooth already on the claim. */
        private boolean pickTooth(Proc proc, int i) {
            TeethSet set = proc.teeth();
            byte[] tooth;
            boolean anterior;
            if (proc.name().equals("D7140") && rng.nextInt(100) == 0) {
                byte[][] pool = set == TeethSet.PRIMARY_ANY ? Catalog.SUPERNUMERARY_PRIMARY : Catalog.SUPERNUMERARY_PERM;
                tooth = pool[rng.nextInt(pool.length)];
                anterior = false;
            } else {
                int k = rng.nextInt(set.size());
                tooth = set.teeth[k];
                anterior = set.anterior[k];
            }
            for (int j = 0; j < i; j++) {
                for (int t = 0; t < lineToothCount[j]; t++) {
                    if (Arrays.equals(lineTeeth[j][t], tooth)) {
                        return false;
                    }
                }
            }
            lineTeeth[i][0] = tooth;
            lineToothCount[i] = 1;
            lineAnterior[i] = anterior;
            lineSurfaces[i] = surfaces(proc, anterior);
            return true;
        }

        private int surfaces(Proc proc, boolean anterior) {
            if (proc.maxSurfaces() == 0) {
                return 0;
            }
            if (proc == Catalog.D1351) {
                return 1 << 1; // sealant: occlusal
            }
            int n = proc.minSurfaces() + rng.nextInt(proc.maxSurfaces() - proc.minSurfaces() + 1);
            return Catalog.surfaceMask(rng, n, anterior);
        }

        /** Fills line 0 with the given defect. */
        private void defectLine(Defect defect, boolean child, Provider p) {
            Proc d1354 = child ? Catalog.D1354_PRIMARY : Catalog.D1354_PERM;
            lineQuadrant[0] = null;
            lineQty[0] = 1;
            switch (defect) {
                case MISSING_TOOTH -> {
                    Proc[] targets = child ? Catalog.MISSING_TOOTH_TARGETS_CHILD : Catalog.MISSING_TOOTH_TARGETS;
                    lineProc[0] = targets[rng.nextInt(targets.length)];
                    lineToothCount[0] = 0;
                    lineSurfaces[0] = 0;
                }
                case INVALID_TOOTH -> {
                    Proc proc = child ? (rng.nextBoolean() ? Catalog.D7140_PRIMARY : d1354)
                            : Catalog.INVALID_TOOTH_TARGETS[rng.nextInt(Catalog.INVALID_TOOTH_TARGETS.length)];
                    lineProc[0] = proc;
                    lineTeeth[0][0] = Catalog.INVALID_TEETH[rng.nextInt(Catalog.INVALID_TEETH.length)];
                    lineToothCount[0] = 1;
                    lineAnterior[0] = false;
                    lineSurfaces[0] = surfaces(proc, false);
                }
                case D1354_QUANTITY -> {
                    lineProc[0] = d1354;
                    int k = rng.nextInt(d1354.teeth().size());
                    lineTeeth[0][0] = d1354.teeth().teeth[k];
                    lineToothCount[0] = 1;
                    lineSurfaces[0] = 0;
                    lineQty[0] = 2 + rng.nextInt(3);
                }
                case D1354_MULTI_TOOTH -> {
                    lineProc[0] = d1354;
                    int n = 2 + rng.nextInt(3);
                    TeethSet set = d1354.teeth();
                    int start = rng.nextInt(set.size());
                    int step = 1 + rng.nextInt(3);
                    for (int t = 0; t < n; t++) {
                        lineTeeth[0][t] = set.teeth[(start + t * step) % set.size()];
                    }
                    lineToothCount[0] = n;
                    lineSurfaces[0] = 0;
                }
                default -> throw new IllegalStateException(defect.name());
            }
            int units = Math.max(lineQty[0], Math.max(1, lineToothCount[0]));
            lineCents[0] = fee(lineProc[0], p) * units;
            linePros[0] = lineProc[0].prosthesis() ? (byte) 'I' : 0;
        }

        private void serviceLine(long seq, int i, int dos) throws IOException {
            Proc proc = lineProc[i];
            out.seg(LX);
            out.elNum(i + 1);
            out.end();

            out.raw(SV3_AD);
            out.raw(proc.code());
            out.elMoney(lineCents[i]);
            out.el();                                   // SV303 place of service: same as claim
            if (lineQuadrant[i] != null) {
                out.el(lineQuadrant[i]);                // SV304 oral cavity designation
            } else {
                out.el();
            }
            out.el();
            if (linePros[i] != 0) {
                out.raw(linePros[i]);                   // SV305 initial / replacement
            }
            out.elNum(lineQty[i]);                      // SV306 procedure count
            out.end();

            for (int t = 0; t < lineToothCount[i]; t++) {
                out.raw(TOO_JP);
                out.el(lineTeeth[i][t]);
                int mask = lineSurfaces[i];
                if (mask != 0) {
                    byte[] letters = lineAnterior[i] ? Catalog.ANTERIOR_SURFACES : Catalog.POSTERIOR_SURFACES;
                    out.raw(EdiSink.ELEMENT);
                    boolean firstSurface = true;
                    for (int b = 0; b < 5; b++) {
                        if ((mask & (1 << b)) != 0) {
                            if (firstSurface) {
                                out.raw(letters[b]);
                                firstSurface = false;
                            } else {
                                out.comp(letters[b]);
                            }
                        }
                    }
                }
                out.end();
            }

            out.raw(DTP_472_D8);
            out.elNum(dos);
            out.end();
            if (linePros[i] == 'R') {
                out.raw(DTP_441_D8);
                out.elNum(linePriorDate[i]);
                out.end();
            }
            out.raw(REF_6R);
            out.pad(seq, 9);
            out.pad(i + 1, 2);
            out.end();
        }
    }
}
