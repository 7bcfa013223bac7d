package network.peere.core.domain.identity;

import java.util.Objects;
import java.util.Optional;

/** How a bank searches and sorts its device list. {@code search} matches device ids and customer ids containing it. */
public record DeviceQuery(Optional<String> search, SortBy sortBy, SortOrder order) {
    public static final int SEARCH_LENGTH_MAX = 128;

    public enum SortBy {
        LINKED_AT,
        DEVICE_ID
    }

    public enum SortOrder {
        ASC,
        DESC
    }

    public DeviceQuery {
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(sortBy, "sortBy");
        Objects.requireNonNull(order, "order");
        search.ifPresent(s -> {
            if (s.isEmpty() || s.length() > SEARCH_LENGTH_MAX) {
                throw new IllegalArgumentException("search must be 1-" + SEARCH_LENGTH_MAX + " characters");
            }
        });
    }

    public static DeviceQuery newestFirst() {
        return new DeviceQuery(Optional.empty(), SortBy.LINKED_AT, SortOrder.DESC);
    }
}
