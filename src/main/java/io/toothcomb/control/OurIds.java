package io.toothcomb.control;

/**
 * Who our answers (999, 277CA, TA1) say they come from and go to. Each value left null is taken from the input as
 * before: our sender is the input's receiver (its ISA07/ISA08, GS03) and our receiver the input's sender (ISA05/ISA06,
 * GS02). Set from the configuration ({@code sender.id} and the others), checked there.
 *
 * @param senderQualifier ISA05, an I05 code such as {@code ZZ} or {@code 30}
 * @param senderId ISA06, 1 to 15 characters
 * @param receiverQualifier ISA07
 * @param receiverId ISA08
 * @param groupSender GS02, 2 to 15 characters
 * @param groupReceiver GS03
 */
public record OurIds(String senderQualifier, String senderId, String receiverQualifier, String receiverId,
                     String groupSender, String groupReceiver) {
    /** Everything echoed from the input, as toothcomb always did. */
    public static final OurIds ECHO = new OurIds(null, null, null, null, null, null);
}
