package io.toothcomb.model;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The unmodifiable lists of the claim model (lines, teeth, surfaces, dates...): like {@code List.copyOf}, no
 * nulls, no changes (refused even when they would change nothing) and no lookups of null, but one final class
 * with a small iterator. Rules loop over these lists for every claim;
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

    /** The first {@code count} items of {@code items} as an unmodifiable list (a copy); null items are refused. */
    public static <E> List<E> copyOf(E[] items, int count) {
        if (count == 0) {
            return of();
        }
        Object[] a = java.util.Arrays.copyOf(items, count, Object[].class);
        for (Object o : a) {
            Objects.requireNonNull(o);
        }
        return new ModelList<>(a);
    }

    @SuppressWarnings("unchecked")
    private static <E> List<E> of() {
        return (List<E>) EMPTY;
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

    /** As {@code List.copyOf}'s lists: asking for null is an error, since none can be in the list. */
    @Override
    public int indexOf(Object o) {
        Objects.requireNonNull(o);
        for (int i = 0; i < items.length; i++) {
            if (o.equals(items[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int lastIndexOf(Object o) {
        Objects.requireNonNull(o);
        for (int i = items.length - 1; i >= 0; i--) {
            if (o.equals(items[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }

    // As List.copyOf's lists: every change is refused, also one that would change nothing.

    @Override
    public void clear() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean addAll(java.util.Collection<? extends E> c) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean removeAll(java.util.Collection<?> c) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean retainAll(java.util.Collection<?> c) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean removeIf(java.util.function.Predicate<? super E> filter) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void replaceAll(java.util.function.UnaryOperator<E> operator) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sort(java.util.Comparator<? super E> c) {
        throw new UnsupportedOperationException();
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
