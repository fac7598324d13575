package io.toothcomb.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The model's lists behave as List.copyOf's do: a snapshot, no nulls, no changes, equal to any list of the same items. */
class ModelListTest {

    @Test
    void aSnapshotThatCannotChangeAndEqualsOtherLists() {
        List<String> source = new ArrayList<>(List.of("M", "O", "D"));
        List<String> copy = ModelList.copyOf(source);
        source.set(0, "X");
        assertEquals(List.of("M", "O", "D"), copy);
        assertEquals(List.of("M", "O", "D").hashCode(), copy.hashCode());
        assertThrows(UnsupportedOperationException.class, () -> copy.add("B"));
        assertThrows(UnsupportedOperationException.class, () -> copy.set(0, "B"));
        assertSame(copy, ModelList.copyOf(copy), "a model list is kept, not copied again");
        assertEquals(List.of(), ModelList.copyOf(List.of()));
    }

    /** From a builder's array: its first items only, copied, so that the builder can go on writing into it. */
    @Test
    void theFirstItemsOfAnArrayAsASnapshot() {
        String[] items = {"M", "O", "D", null};
        List<String> first = ModelList.copyOf(items, 3);
        items[0] = "X";
        assertEquals(List.of("M", "O", "D"), first);
        assertThrows(UnsupportedOperationException.class, () -> first.add("B"));
        assertEquals(List.of(), ModelList.copyOf(items, 0));
        assertThrows(NullPointerException.class, () -> ModelList.copyOf(items, 4));
    }

    @Test
    void refusesNullsAsListCopyOfDoes() {
        assertThrows(NullPointerException.class, () -> ModelList.copyOf(Arrays.asList("A", null)));
        List<String> list = ModelList.copyOf(List.of("A"));
        assertThrows(NullPointerException.class, () -> list.contains(null));
        assertThrows(NullPointerException.class, () -> list.indexOf(null));
        assertEquals(0, list.indexOf("A"));
        assertEquals(-1, list.lastIndexOf("B"));
    }

    @Test
    void refusesEveryChangeEvenOneThatChangesNothing() {
        List<String> empty = ModelList.copyOf(new ArrayList<>(List.of("A")).subList(0, 0));
        List<String> one = ModelList.copyOf(new ArrayList<>(List.of("A")));
        assertThrows(UnsupportedOperationException.class, empty::clear);
        assertThrows(UnsupportedOperationException.class, () -> one.removeIf(s -> false));
        assertThrows(UnsupportedOperationException.class, () -> one.removeAll(List.of()));
        assertThrows(UnsupportedOperationException.class, () -> one.retainAll(List.of("A")));
        assertThrows(UnsupportedOperationException.class, () -> one.addAll(List.of()));
        assertThrows(UnsupportedOperationException.class, () -> one.sort(null));
        assertThrows(UnsupportedOperationException.class, () -> one.replaceAll(s -> s));
    }

    @Test
    void theIteratorEndsWhereTheListEnds() {
        Iterator<String> it = ModelList.copyOf(List.of("3", "5")).iterator();
        assertEquals("3", it.next());
        assertEquals("5", it.next());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }
}
