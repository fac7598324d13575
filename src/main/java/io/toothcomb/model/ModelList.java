package io.toothcomb.model;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The unmodifiable lists of the claim model (lines, teeth, surfaces, dates...): like {@code List.copyOf}, no
 * nulls and no changes, but one final class with a small iterator. Rules loop over these lists for every claim;
 * over {@code List.copyOf}'s two list classes the JIT did not remove the iterators, which were a quarter of
 * all the bytes a scrub allocated.
 */
public final class ModelList<E> extends AbstractList<E> implements RandomAccess {
    private static final ModelList<Object> EMPTY = new ModelList<>(new Object[0]);

    private final Object[] items;

    private ModelList(Object[] items) {
        this.items = items;
    }

    /** {@code list} itself if it is one already, else an unmodifiable copy; null elements are refused. */
    @SuppressWarnings("unchecked")
    public static <E> List<E> copyOf(List<? extends E> list) {
        if (list instanceof ModelList<?> m) {
            return (List<E>) m;
        }
        if (list.isEmpty()) {
            return (List<E>) EMPTY;
        }
        Object[] a = list.toArray();
        for (Object o : a) {
            Objects.requireNonNull(o);
        }
        return new ModelList<>(a);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        return (E) items[index];
    }

    @Override
    public int size() {
        return items.length;
    }

    @Override
    public Iterator<E> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < items.length;
            }

            @Override
            @SuppressWarnings("unchecked")
            public E next() {
                if (next >= items.length) {
                    throw new NoSuchElementException();
                }
                return (E) items[next++];
            }
        };
    }
}
