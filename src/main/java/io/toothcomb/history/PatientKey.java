package io.toothcomb.history;

import io.toothcomb.model.Claim;
import io.toothcomb.model.Party;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The stable key of a patient in the history: SHA-256 over a per-database random salt, the payer id, the
 * subscriber's member id and the patient's name and birth date. Only the hash is stored; the same patient gets the
 * same key in one database, and the key cannot be looked up in a table of common names and dates.
 */
public final class PatientKey {
    private PatientKey() {
    }

    /** The key of the claim's patient under {@code salt} (the history store's scheme; the embedding API uses it too). */
    public static String of(byte[] salt, Claim claim) {
        Party name;
        if (claim.patient() != null) {
            name = claim.patient().name();
        } else {
            name = claim.subscriber() == null ? Party.NONE : claim.subscriber().name();
        }
        String member = claim.subscriber() == null ? "" : claim.subscriber().memberId();
        var dob = claim.patientBirthDate();
        String material = String.join("\u001f", norm(claim.payerId()), norm(member), norm(name.lastOrOrganization()),
                norm(name.first()), dob == null ? "" : dob.toString());
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(salt);
            return HexFormat.of().formatHex(md.digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static String norm(String s) {
        return s == null ? "" : s.trim().toUpperCase(Locale.ROOT);
    }
}
