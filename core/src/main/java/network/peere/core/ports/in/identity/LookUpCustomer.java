package network.peere.core.ports.in.identity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.shared.Mode;

/**
 * A merchant (or a provider for one of its merchants) finds the banks where a person is a customer, by e-mail, phone
 * or device, and gets per bank a phrase scoped to that merchant. Nothing is written.
 */
public interface LookUpCustomer {
    Lookup lookUp(Query query);

    enum Kind {
        EMAIL,
        PHONE,
        DEVICE
    }

    /**
     * {@code callerId} is the authenticated, active participant of {@code callerRole} (a merchant or a provider);
     * {@code entityId} is the provider's merchant; a merchant never names one (its key decides).
     */
    record Query(
            Mode mode,
            ParticipantId callerId,
            Role callerRole,
            Optional<ParticipantId> entityId,
            Kind kind,
            String value) {
        public Query {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(callerId, "callerId");
            Objects.requireNonNull(callerRole, "callerRole");
            Objects.requireNonNull(entityId, "entityId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A bank where the person is reachable, with only masked personal data and the merchant's phrase. */
    record BankMatch(ParticipantId bankId, String bankName, String accountName, String customerName, String phrase) {}

    sealed interface Lookup {
        /** One or more banks, in a stable order (by bank id). */
        record Found(List<BankMatch> banks) implements Lookup {
            public Found {
                banks = List.copyOf(banks);
            }
        }

        record Rejected(Rejection reason) implements Lookup {}
    }

    /** In precedence order. */
    enum Rejection {
        /** Not an e-mail, E.164 phone or device id. */
        INVALID_IDENTITY,
        /** The provider's {@code entityId} is not one of its merchants (or is not a merchant at all). */
        MERCHANT_NOT_FOUND,
        /** Device lookup needs trust level {@code enhanced} or above and device lookup enabled. */
        DEVICE_LOOKUP_NOT_ALLOWED,
        /** No bank on the network has that person as a customer (their bank may not be on the network yet). */
        CUSTOMER_NOT_FOUND
    }
}
