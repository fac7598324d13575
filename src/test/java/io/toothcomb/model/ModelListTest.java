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

    @Test
    void refusesNullsAsListCopyOfDoes() {
        assertThrows(NullPointerException.class, () -> ModelList.copyOf(Arrays.asList("A", null)));
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
