package network.peere.core.ports.in.identity;

import java.util.List;
import java.util.Objects;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.identity.FieldProblem;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;

/** A bank changes what it told the network about one of its customers; the fields given replace the stored ones. */
public interface UpdateCustomer {
    Update update(Command command);

    /** {@code changes} holds only {@link CustomerDraft#CHANGEABLE} fields; an empty value clears an optional one. */
    record Command(Mode mode, ParticipantId bankId, CustomerId customerId, CustomerDraft changes, Actor actor) {
        public Command {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(bankId, "bankId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(changes, "changes");
            Objects.requireNonNull(actor, "actor");
        }
    }

    sealed interface Update {
        record Updated(Customer customer) implements Update {}

        record Invalid(List<FieldProblem> problems) implements Update {}

        record Rejected(Rejection reason) implements Update {}
    }

    /** In precedence order. */
    enum Rejection {
        CUSTOMER_NOT_FOUND,
        CONCURRENT_CHANGE
    }
}
