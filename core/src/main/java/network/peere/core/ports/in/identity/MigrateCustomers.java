package network.peere.core.ports.in.identity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.identity.CustomerBatch;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;

/**
 * A bank brings 1-500 customers onto the network in one call, processed within it: each item is created, a duplicate
 * (its {@code reference} or {@code clientRef} is known at that bank; never a second customer) or invalid, on its own.
 * The result is kept under a batch id.
 */
public interface MigrateCustomers {
    int BATCH_SIZE_MAX = CustomerBatch.SIZE_MAX;

    Migration migrate(Command command);

    Optional<CustomerBatch> batch(Mode mode, ParticipantId bankId, String batchId);

    record Command(Mode mode, ParticipantId bankId, List<CustomerDraft> items, Actor actor) {
        public Command {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(bankId, "bankId");
            items = List.copyOf(items);
            Objects.requireNonNull(actor, "actor");
        }
    }

    sealed interface Migration {
        record Processed(CustomerBatch batch) implements Migration {}

        record Rejected(Rejection reason) implements Migration {}
    }

    /** In precedence order; a rejected batch writes nothing. */
    enum Rejection {
        BANK_NOT_FOUND,
        BATCH_EMPTY,
        BATCH_TOO_LARGE
    }
}
