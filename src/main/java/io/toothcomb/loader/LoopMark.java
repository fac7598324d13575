package io.toothcomb.loader;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Which 837D loop a segment belongs to, and whether it opens a new instance of that loop. Loop ids are the
 * implementation guide's (2000A, 2010BA, 2300, 2400 …); "HEADER" is the transaction heading (ST, BHT) and
 * the empty id the envelope (ISA, GS, SE, GE, IEA).
 */
public record LoopMark(String loop, boolean starts) {
    private static final ConcurrentHashMap<String, LoopMark> STARTS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, LoopMark> CONTINUES = new ConcurrentHashMap<>();

    public static LoopMark of(String loop, boolean starts) {
        ConcurrentHashMap<String, LoopMark> map = starts ? STARTS : CONTINUES;
        LoopMark m = map.get(loop);
        return m != null ? m : map.computeIfAbsent(loop, l -> new LoopMark(l, starts));
    }
}
