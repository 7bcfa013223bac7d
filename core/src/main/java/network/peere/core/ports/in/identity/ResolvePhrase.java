package network.peere.core.ports.in.identity;

import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;

/**
 * Turns a phrase back into the customer (and so the bank) it stands for: the one port later use cases (intents,
 * billing) address customers through.
 */
public interface ResolvePhrase {
    /** A lookup phrase, presented by the merchant it was issued to; any other merchant is refused. */
    Resolution forMerchant(Mode mode, ParticipantId merchantId, String phrase);

    /** The bank-side phrase of one of the bank's customers, or a merchant's lookup phrase for one of them. */
    Resolution forBank(Mode mode, ParticipantId bankId, String phrase);

    sealed interface Resolution {
        record Resolved(Customer customer) implements Resolution {}

        record Refused(Reason reason) implements Resolution {}
    }

    /** In precedence order. */
    enum Reason {
        /** Not a phrase this network sealed (or under a key it no longer holds), or tampered with. */
        UNKNOWN_PHRASE,
        /** Issued to another merchant (or for another bank, or mode). */
        NOT_YOURS,
        /** The customer is no longer on the network. */
        CUSTOMER_GONE
    }
}
