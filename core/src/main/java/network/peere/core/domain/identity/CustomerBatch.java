package network.peere.core.domain.identity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Invariants;
import network.peere.core.domain.shared.Mode;

/** One processed {@code POST /v1/bank/customers}: every item's result in request order, kept for later reads. */
public record CustomerBatch(String id, Mode mode, ParticipantId bankId, List<BatchItem> items, Instant processedAt) {
    public static final String ID_PREFIX = "cbt";
    public static final int SIZE_MAX = 500;

    public CustomerBatch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(bankId, "bankId");
        items = List.copyOf(items);
        Objects.requireNonNull(processedAt, "processedAt");
        Invariants.check(!items.isEmpty() && items.size() <= SIZE_MAX, "a batch holds 1-" + SIZE_MAX + " items");
        for (int i = 0; i < items.size(); i++) {
            Invariants.check(items.get(i).index() == i, "batch items are in request order");
        }
    }

    /**
     * The documented counters: {@code successful} were created; {@code failed} were not, being {@code duplicates} or
     * {@code invalidData}.
     */
    public record Summary(int total, int successful, int failed, int duplicates, int invalidData) {
        public Summary {
            Invariants.check(successful + failed == total, "every item either succeeded or failed");
            Invariants.check(duplicates + invalidData == failed, "a failed item is a duplicate or invalid");
        }
    }

    public Summary summary() {
        int created = count(BatchItem.Created.class);
        int duplicates = count(BatchItem.Duplicate.class);
        int invalid = count(BatchItem.Invalid.class);
        return new Summary(items.size(), created, duplicates + invalid, duplicates, invalid);
    }

    public List<BatchItem.Created> created() {
        return items.stream()
                .filter(BatchItem.Created.class::isInstance)
                .map(BatchItem.Created.class::cast)
                .toList();
    }

    private int count(Class<? extends BatchItem> kind) {
        return (int) items.stream().filter(kind::isInstance).count();
    }
}
