package network.peere.persistence.jdbi;

import java.util.ArrayList;
import java.util.List;

/**
 * Values for an {@code IN (<list>)} of a hot statement. JDBI writes a list as one placeholder per value, so every
 * length is another SQL text: JDBI parses each text anew once its own cache misses, and Connector/J prepares each
 * again. Padding to a power of two (repeating the last value, which an {@code IN} ignores) keeps the texts to a
 * handful.
 */
final class SqlLists {
    private SqlLists() {}

    /** {@code values}, its last value repeated up to the next power of two; at least one value is required. */
    static <T> List<T> padded(List<T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an IN list takes at least one value");
        }
        int size = values.size();
        int slots = size == 1 ? 1 : Integer.highestOneBit(size - 1) << 1;
        if (slots == size) {
            return values;
        }
        List<T> padded = new ArrayList<>(slots);
        padded.addAll(values);
        T last = values.get(size - 1);
        while (padded.size() < slots) {
            padded.add(last);
        }
        return padded;
    }
}
