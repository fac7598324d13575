package io.toothcomb.history;

import io.toothcomb.model.Claim;
import io.toothcomb.model.Party;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The stable key of a patient in the history: the first 64 bits of SHA-256 over a per-database random salt, the payer
 * id, the subscriber's member id and the patient's name and birth date. Only the hash is stored (a BIGINT: compact
 * and fast to index; two patients share a key with odds of about n²/2⁶⁵ for n patients, one in 300,000 for ten
 * million); the same patient gets the same key in one database, and the key cannot be looked up in a table of common
 * names and dates.
 */
public final class PatientKey {
    private PatientKey() {
    }

    /** The key as the history store keeps it: the first 64 bits of {@link #digest}. */
    static long of(byte[] salt, Claim claim) {
        return ByteBuffer.wrap(digest(salt, claim)).getLong();
    }

    /**
     * The whole salted hash of the claim's patient as 64 hex digits (the embedding API's form); its first 16 digits
     * are the history store's key ({@link #fromHex}).
     */
    public static String hex(byte[] salt, Claim claim) {
        return java.util.HexFormat.of().formatHex(digest(salt, claim));
    }

    private static byte[] digest(byte[] salt, Claim claim) {
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
            return md.digest(material.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** The key of version 1 (the full hash in hex) as version 3 keeps it: its first 64 bits. */
    static long fromHex(String hex) {
        return Long.parseUnsignedLong(hex.strip().substring(0, 16), 16);
    }

    private static String norm(String s) {
        return s == null ? "" : s.trim().toUpperCase(Locale.ROOT);
    }
}
