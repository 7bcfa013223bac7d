package network.peere.core.domain.shared;

import java.util.List;

/** One page of a stable-ordered list (newest first, then id) and the total number of matches. */
public record Page<T>(List<T> items, long total) {
    public Page {
        items = List.copyOf(items);
        Invariants.check(total >= items.size(), "a page never holds more items than the total");
    }
}
