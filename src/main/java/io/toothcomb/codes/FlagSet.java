package io.toothcomb.codes;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The flags of a code-set row: a few interned names in file order, unmodifiable. Rules ask {@code has(flag)}
 * with literals for every line they look at; a scan of two or three names that usually matches by identity is
 * cheaper than the hash set it replaces (its wrapper, table and node were mostly out of cache by then).
 */
final class FlagSet extends AbstractSet<String> {
    private final String[] names;

    FlagSet(java.util.Collection<String> names) {
        this.names = names.stream().map(String::intern).distinct().toArray(String[]::new);
    }

    @Override
    public boolean contains(Object o) {
        for (String n : names) {
            if (n == o) {
                return true;
            }
        }
        for (String n : names) {
            if (n.equals(o)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < names.length;
            }

            @Override
            public String next() {
                if (next >= names.length) {
                    throw new NoSuchElementException();
                }
                return names[next++];
            }
        };
    }
}
