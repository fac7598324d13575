package io.toothcomb.loader;

import io.toothcomb.reader.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * The segments a claim hangs from, kept while a transaction set is read: the set's heading (BHT, 1000A, 1000B;
 * not the ST) and the current 2000A billing provider, 2000B subscriber and 2000C patient loops with their 2010
 * loops, each starting with its HL. A new HL at one level clears it and the levels below. Each level has a serial
 * number that changes whenever it starts again, so that a writer can tell whether it has written the current one.
 * A few segments, whatever the size of the set.
 */
public final class LoopContext {
    private final List<Segment> heading = new ArrayList<>(4);
    private final List<Segment> provider = new ArrayList<>(8);
    private final List<Segment> subscriber = new ArrayList<>(8);
    private final List<Segment> patient = new ArrayList<>(8);
    private int providerSerial;
    private int subscriberSerial;
    private int patientSerial;

    /** Takes a segment outside the claims (as {@link LoadHandler#segment} hands them on). */
    public void add(Segment s, LoopMark loop) {
        String l = loop == null ? "" : loop.loop();
        boolean hl = s.id().equals("HL");
        if (s.id().equals("ST")) {
            heading.clear();
            provider.clear();
            subscriber.clear();
            patient.clear();
        } else if (l.equals("HEADER") || l.startsWith("1000")) {
            heading.add(s);
        } else if (l.startsWith("2000A") || l.startsWith("2010A")) {
            if (hl) {
                provider.clear();
                subscriber.clear();
                patient.clear();
                providerSerial++;
                subscriberSerial++;
                patientSerial++;
            }
            provider.add(s);
        } else if (l.startsWith("2000B") || l.startsWith("2010B")) {
            if (hl) {
                subscriber.clear();
                patient.clear();
                subscriberSerial++;
                patientSerial++;
            }
            subscriber.add(s);
        } else if (l.startsWith("2000C") || l.startsWith("2010C")) {
            if (hl) {
                patient.clear();
                patientSerial++;
            }
            patient.add(s);
        }
    }

    /** BHT, 1000A and 1000B as received. */
    public List<Segment> heading() {
        return heading;
    }

    /** The current 2000A loop (HL first), with 2010AA, 2010AB and 2010AC. */
    public List<Segment> provider() {
        return provider;
    }

    /** The current 2000B loop (HL first), with 2010BA and 2010BB. */
    public List<Segment> subscriber() {
        return subscriber;
    }

    /** The current 2000C loop (HL first) with 2010CA; empty when the claims hang from the subscriber. */
    public List<Segment> patient() {
        return patient;
    }

    public int providerSerial() {
        return providerSerial;
    }

    public int subscriberSerial() {
        return subscriberSerial;
    }

    public int patientSerial() {
        return patientSerial;
    }
}
