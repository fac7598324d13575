package io.toothcomb.generate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Fictional people, practices, payers and calendars for the synthetic generator, all as pre-encoded bytes. */
final class Population {

    private Population() {
    }

    static byte[][] enc(String... s) {
        byte[][] out = new byte[s.length][];
        for (int i = 0; i < s.length; i++) {
            out[i] = EdiSink.ascii(s[i]);
        }
        return out;
    }

    static byte[] pick(SplittableRandom rng, byte[][] pool) {
        return pool[rng.nextInt(pool.length)];
    }

    static final byte[][] LAST = enc(
            "ABERNATHY", "ALVARADO", "ASHWORTH", "BALOGUN", "BARRIENTOS", "BECKETT", "BJORKLUND", "BOATENG",
            "CALLOWAY", "CARDENAS", "CHAUDHRY", "CORDERO", "DALTON", "DELACROIX", "DUNMORE", "EKSTROM",
            "ESPINOZA", "FAIRWEATHER", "FONTAINE", "GALLAGHER", "GUTIERREZ", "HALVORSEN", "HOLLOWAY", "HUANG",
            "IBARRA", "IVERSEN", "JANKOWSKI", "KAPOOR", "KESSLER", "KOWALCZYK", "LANGSTON", "LINDGREN",
            "MACALUSO", "MARQUARDT", "MCALLISTER", "MENDOZA", "NAKAMURA", "NWOSU", "OKONJO", "OYELARAN",
            "PADGETT", "PELLETIER", "QUINTERO", "RADCLIFFE", "RAMIREZ", "SANDOVAL", "SCHUMACHER", "SOLBERG",
            "TALAVERA", "THORNBURY", "TRUONG", "UDALL", "VANTERPOOL", "VILLANUEVA", "WAKEFIELD", "WESTBROOK",
            "YAMAGUCHI", "YOUNGBLOOD", "ZAMORA", "ZIELINSKI");

    static final byte[][] FIRST_F = enc(
            "ADA", "AMELIA", "BEATRIZ", "CAMILLE", "DARIA", "ELENA", "FARIDA", "GRETA", "HANNA", "IMANI",
            "JOSEFINA", "KEIKO", "LEILANI", "MAREN", "NADIA", "OLIVE", "PRIYANKA", "ROSALIND", "SAOIRSE", "TALIA",
            "URSULA", "VIOLETTA", "WILHELMINA", "XIMENA", "YARA", "ZOFIA");

    static final byte[][] FIRST_M = enc(
            "ABEL", "ANDRZEJ", "BASTIAN", "CORMAC", "DESMOND", "EMEKA", "FELIX", "GIDEON", "HIROSHI", "IGNACIO",
            "JONAH", "KWAME", "LORENZO", "MATTIAS", "NIKOLAI", "OSWIN", "PAVEL", "RAFAEL", "SILAS", "TOBIAS",
            "ULRICH", "VIKRAM", "WENDELL", "XAVIER", "YUSUF", "ZEB");

    static final byte[][] STREET = enc(
            "ALDER LN", "BIRCHWOOD DR", "CEDAR HOLLOW RD", "DOGWOOD CT", "ELM ST", "FERNHILL AVE", "GLENROSE WAY",
            "HAWTHORNE BLVD", "IRONWOOD PL", "JUNIPER ST", "KINGFISHER RD", "LAUREL CANYON DR", "MADRONA AVE",
            "NORTHGATE PKWY", "OAKHAVEN CIR", "PINE RIDGE RD", "QUAIL RUN", "REDWOOD TER", "SYCAMORE ST",
            "TAMARACK LOOP", "UNION HILL RD", "VALLEY VIEW DR", "WILLOWBROOK LN", "YARROW WAY");

    /** City, state, 5-digit ZIP, 4-digit extension (billing providers need ZIP+4). */
    static final String[][] PLACES = {
            {"SALEM", "OR", "97301", "6120"}, {"EUGENE", "OR", "97401", "3318"}, {"BEND", "OR", "97701", "2290"},
            {"BOISE", "ID", "83702", "4417"}, {"NAMPA", "ID", "83651", "1093"}, {"TACOMA", "WA", "98402", "5571"},
            {"SPOKANE", "WA", "99201", "0834"}, {"YAKIMA", "WA", "98901", "2261"}, {"RENO", "NV", "89501", "7730"},
            {"MISSOULA", "MT", "59801", "4468"}, {"OGDEN", "UT", "84401", "3902"}, {"FRESNO", "CA", "93721", "1187"}};
    static final byte[][] CITY = new byte[PLACES.length][];
    static final byte[][] STATE = new byte[PLACES.length][];
    static final byte[][] ZIP5 = new byte[PLACES.length][];
    static final byte[][] ZIP9 = new byte[PLACES.length][];

    static {
        for (int i = 0; i < PLACES.length; i++) {
            CITY[i] = EdiSink.ascii(PLACES[i][0]);
            STATE[i] = EdiSink.ascii(PLACES[i][1]);
            ZIP5[i] = EdiSink.ascii(PLACES[i][2]);
            ZIP9[i] = EdiSink.ascii(PLACES[i][2] + PLACES[i][3]);
        }
    }

    static final byte[][] NARRATIVE_ENDO = enc(
            "IRREVERSIBLE PULPITIS WITH PERIAPICAL RADIOLUCENCY, PA ATTACHED",
            "NONVITAL ON COLD AND EPT, PERCUSSION SENSITIVE, PA ATTACHED");
    static final byte[][] NARRATIVE_CROWN = enc(
            "FRACTURED CUSP, EXISTING RESTORATION OVER 50 PERCENT OF CROWN",
            "RECURRENT DECAY UNDER FAILING LARGE RESTORATION, RADIOGRAPH ATTACHED");
    static final byte[][] NARRATIVE_SRP = enc(
            "GENERALIZED 5-6MM POCKETS WITH BLEEDING ON PROBING, PERIO CHART ATTACHED",
            "RADIOGRAPHIC BONE LOSS AND 4-7MM POCKETS IN TREATED QUADRANTS");
    static final byte[][] NARRATIVE_SDF = enc(
            "SDF APPLIED TO ACTIVE NONSYMPTOMATIC LESION, CONSENT ON FILE",
            "CARIES ARRESTED WITH SILVER DIAMINE FLUORIDE, CANNOT TOLERATE RESTORATIVE CARE");
    static final byte[][] NARRATIVE_EXT = enc(
            "NONRESTORABLE DUE TO CARIES BELOW BONE LEVEL", "VERTICAL ROOT FRACTURE, NONRESTORABLE");
    static final byte[][] NARRATIVE_OTHER = enc(
            "PATIENT MOVED FROM OUT OF STATE, NO PRIOR RECORDS", "PRIOR TREATMENT BY ANOTHER OFFICE ON THIS TOOTH");

    static final byte[][] DIAGNOSES = enc("K0251", "K0252", "K0253", "K0402", "K0532", "K0530", "K0262", "K0381");

    static final byte[][] TAXONOMY_GENERAL = enc("1223G0001X", "1223G0001X", "1223P0221X", "1223X0400X");

    /** A billing provider; every field pre-encoded. */
    record Provider(byte[] name, byte[] npi, byte[] tin, byte[] taxonomy, byte[] street, int place,
                    byte[] renderingLast, byte[] renderingFirst, byte[] renderingNpi, int feePercent) {
    }

    /** A payer and the claim filing indicator (SBR09) its members carry. */
    record Payer(byte[] name, byte[] id, byte[] filingIndicator, int weight) {
    }

    static final Payer[] PAYERS = {
            new Payer(EdiSink.ascii("SUMMIT DENTAL MUTUAL"), EdiSink.ascii("64210"), EdiSink.ascii("CI"), 30),
            new Payer(EdiSink.ascii("GRANITE BENEFIT ADMINISTRATORS"), EdiSink.ascii("38117"), EdiSink.ascii("CI"), 18),
            new Payer(EdiSink.ascii("BLUE HERON DENTAL PLAN"), EdiSink.ascii("47702"), EdiSink.ascii("BL"), 15),
            new Payer(EdiSink.ascii("CASCADE STATE MEDICAID DENTAL"), EdiSink.ascii("SMD77"), EdiSink.ascii("MC"), 20),
            new Payer(EdiSink.ascii("TIMBERLINE DENTAL HMO"), EdiSink.ascii("TDH01"), EdiSink.ascii("HM"), 9),
            new Payer(EdiSink.ascii("PACIFIC CREST DMO"), EdiSink.ascii("55906"), EdiSink.ascii("17"), 8)};

    static final Payer[] PAYER_SLOTS;

    static {
        List<Payer> slots = new ArrayList<>();
        for (Payer p : PAYERS) {
            for (int i = 0; i < p.weight(); i++) {
                slots.add(p);
            }
        }
        PAYER_SLOTS = slots.toArray(new Payer[0]);
    }

    private static final String[] PRACTICE_A = {
            "ASPEN", "BRIGHTWATER", "CASCADE VIEW", "DEER CREEK", "EVERGREEN", "FOXGLOVE", "GOLDEN HILLS",
            "HIGHLINE", "IRONSTONE", "LAKESIDE", "MEADOWLARK", "NORTHFORK", "OLD MILL", "RIVERSTONE", "SILVERLEAF",
            "TWIN PEAKS", "WILLAMETTE", "WESTWIND"};
    private static final String[] PRACTICE_B = {
            "FAMILY DENTISTRY PC", "DENTAL GROUP", "PEDIATRIC DENTAL LLC", "DENTAL ARTS PLLC", "SMILE CENTER",
            "DENTAL CARE LLC", "GENERAL AND COSMETIC DENTISTRY"};

    /** A deterministic practice roster. NPIs are Luhn-valid (prefix 80840) and fictional. */
    static Provider[] providers(SplittableRandom rng, int count) {
        Provider[] out = new Provider[count];
        for (int i = 0; i < count; i++) {
            String name = PRACTICE_A[rng.nextInt(PRACTICE_A.length)] + " " + PRACTICE_B[rng.nextInt(PRACTICE_B.length)];
            String street = (100 + rng.nextInt(9800)) + " " + new String(pick(rng, STREET), java.nio.charset.StandardCharsets.US_ASCII)
                    + (rng.nextBoolean() ? " STE " + (100 + rng.nextInt(400)) : "");
            out[i] = new Provider(EdiSink.ascii(name), EdiSink.ascii(npi(rng)), EdiSink.ascii(digits(rng, 9, true)),
                    pick(rng, TAXONOMY_GENERAL), EdiSink.ascii(street), rng.nextInt(PLACES.length),
                    pick(rng, LAST), rng.nextBoolean() ? pick(rng, FIRST_F) : pick(rng, FIRST_M),
                    EdiSink.ascii(npi(rng)), 85 + rng.nextInt(41));
        }
        return out;
    }

    static String digits(SplittableRandom rng, int n, boolean nonZeroFirst) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) ('0' + (i == 0 && nonZeroFirst ? 1 + rng.nextInt(9) : rng.nextInt(10)));
        }
        return new String(c);
    }

    /** A 10-digit NPI starting with 1 whose last digit is the Luhn check digit over 80840 + the first nine. */
    static String npi(SplittableRandom rng) {
        String base = "1" + digits(rng, 8, false);
        return base + luhnCheckDigit("80840" + base);
    }

    static int luhnCheckDigit(String s) {
        int sum = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = s.charAt(s.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }

    /** Working days (Monday to Saturday) from 2025-01-02 to 2026-11-20 as CCYYMMDD numbers. */
    static final int[] SERVICE_DAYS;

    static {
        List<Integer> days = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2025, 1, 2); !d.isAfter(LocalDate.of(2026, 11, 20)); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(d.getYear() * 10000 + d.getMonthValue() * 100 + d.getDayOfMonth());
            }
        }
        SERVICE_DAYS = days.stream().mapToInt(Integer::intValue).toArray();
    }
}
