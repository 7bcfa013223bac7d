package network.peere.persistence.memory;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.identity.CustomerBatch;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.CustomerBatchStore;

/** Batch results in a map. */
final class InMemoryCustomerBatchStore implements CustomerBatchStore {
    private final InMemoryTransactor transactor;

    /** Guarded by the transactor. */
    private final Map<String, CustomerBatch> rows = new HashMap<>();

    InMemoryCustomerBatchStore(InMemoryTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void insert(CustomerBatch batch) {
        CustomerBatch row = new CustomerBatch(
                batch.id(), batch.mode(), batch.bankId(), batch.items(), Micros.truncate(batch.processedAt()));
        transactor.useTransaction(() -> {
            if (rows.containsKey(row.id())) {
                throw new IllegalStateException("duplicate batch id " + row.id());
            }
            rows.put(row.id(), row);
            transactor.onRollback(() -> rows.remove(row.id()));
        });
    }

    @Override
    public Optional<CustomerBatch> find(Mode mode, ParticipantId bankId, String batchId) {
        return transactor.inTransaction(() -> Optional.ofNullable(rows.get(batchId))
                .filter(b -> b.mode() == mode && b.bankId().equals(bankId)));
    }
}
