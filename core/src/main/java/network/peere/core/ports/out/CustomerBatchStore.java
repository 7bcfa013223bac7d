package network.peere.core.ports.out;

import java.util.Optional;
import network.peere.core.domain.identity.CustomerBatch;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;

/** Results of processed customer batches, so a bank can read one again later. */
public interface CustomerBatchStore {
    /** A processed batch; like {@link ChargeStore#insert}, the write may be sent later in the caller's transaction. */
    void insert(CustomerBatch batch);

    Optional<CustomerBatch> find(Mode mode, ParticipantId bankId, String batchId);
}
