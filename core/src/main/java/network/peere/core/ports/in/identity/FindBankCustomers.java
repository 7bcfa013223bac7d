package network.peere.core.ports.in.identity;

import java.util.Optional;
import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.identity.CustomerFilter;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.identity.Email;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;

/** A bank reads its own customers; another bank's customer is never found. */
public interface FindBankCustomers {
    Optional<Customer> find(Mode mode, ParticipantId bankId, CustomerId id);

    /** The customer's bank-side phrase, or a merchant's lookup phrase for one of this bank's customers. */
    Optional<Customer> findByPhrase(Mode mode, ParticipantId bankId, String phrase);

    /** The newest of the bank's customers with that e-mail (an address is not unique at a bank). */
    Optional<Customer> findByEmail(Mode mode, ParticipantId bankId, Email email);

    Page<Customer> list(Mode mode, ParticipantId bankId, CustomerFilter filter, PageRequest page);
}
