package io.toothcomb.api;

import io.toothcomb.writers.AckEnvelope;

/**
 * Who our answers (999, 277CA) say they come from and go to. Each value left null is taken from the input: our
 * sender is the input's receiver (its ISA07/ISA08, GS03) and our receiver the input's sender (ISA05/ISA06, GS02).
 *
 * @param senderQualifier ISA05, an ISA qualifier code (01, 14, 20, 27, 28, 29, 30, 33, ZZ)
 * @param senderId ISA06, 1 to 15 printable ASCII characters
 * @param receiverQualifier ISA07
 * @param receiverId ISA08
 * @param groupSender GS02, 2 to 15 printable ASCII characters
 * @param groupReceiver GS03
 */
public record OurIds(String senderQualifier, String senderId, String receiverQualifier, String receiverId,
                     String groupSender, String groupReceiver) {
    /** Everything taken from the input. */
    public static final OurIds ECHO = new OurIds(null, null, null, null, null, null);

    /** @throws IllegalArgumentException when a value does not fit its element (the message names it) */
    public OurIds {
        qualifier("ISA05 (senderQualifier)", senderQualifier);
        text("ISA06 (senderId)", senderId, 1);
        qualifier("ISA07 (receiverQualifier)", receiverQualifier);
        text("ISA08 (receiverId)", receiverId, 1);
        text("GS02 (groupSender)", groupSender, 2);
        text("GS03 (groupReceiver)", groupReceiver, 2);
    }

    private static void qualifier(String what, String v) {
        if (v != null && !AckEnvelope.isQualifier(v)) {
            throw new IllegalArgumentException(what + ": '" + v + "' is not an ISA qualifier (01, 14, 20, 27, 28,"
                    + " 29, 30, 33 or ZZ)");
        }
    }

    private static void text(String what, String v, int min) {
        if (v == null) {
            return;
        }
        if (v.length() < min || v.length() > 15) {
            throw new IllegalArgumentException(what + ": '" + v + "' is " + v.length() + " characters; it must be "
                    + min + " to 15");
        }
        if (!AckEnvelope.copyable(v)) {
            throw new IllegalArgumentException(what + ": '" + v + "' holds a character that is not printable ASCII"
                    + " or is one of our delimiters (* : ^ ~)");
        }
    }

    io.toothcomb.control.OurIds internal() {
        return new io.toothcomb.control.OurIds(senderQualifier, senderId, receiverQualifier, receiverId, groupSender,
                groupReceiver);
    }
}
