package network.peere.webhook;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values worked out from their keys and kept for the next call: at most {@code max} of them, after which the memory
 * starts again. For values that never change for their key (an opened secret, a keyed HMAC), so nothing kept goes
 * stale; two threads may both work one out, and either result is right.
 */
final class Remembered<K, V> {
    private final int max;
    private final Map<K, V> values = new ConcurrentHashMap<>();

    Remembered(int max) {
        this.max = max;
    }

    V get(K key, Function<K, V> workOut) {
        V known = values.get(key);
        if (known != null) {
            return known;
        }
        V value = workOut.apply(key);
        if (values.size() >= max) {
            values.clear();
        }
        values.put(key, value);
        return value;
    }
}
