package network.peere.core.ports.out;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.identity.CustomerFilter;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.identity.Identity;
import network.peere.core.domain.identity.ReachableCustomer;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;

/** Banks' customers. Every read but {@link #findByIdentity} is scoped to one bank; that one is the network lookup. */
public interface CustomerStore {
    /**
     * Serialises changes to one bank's directory until the transaction ends, so two concurrent batches cannot both
     * create a customer with the same {@code reference}. Call inside a transaction, before reading what you will check.
     *
     * @return whether {@code bankId} is a bank of that mode (one round trip answers both); false locks nothing
     */
    boolean lockDirectory(Mode mode, ParticipantId bankId);

    /** Inserts many customers at once (one batched statement where the database allows). */
    void insertAll(List<Customer> customers);

    /**
     * Inserts the customers only if none of their keys (id, and at their bank phrase, {@code reference},
     * {@code clientRef}) is taken yet: all of them, or none. A migration tries this first and looks for duplicates only
     * when it answers false, so a batch of new customers costs no reads.
     *
     * @return false, having inserted nothing, when a key is already taken (or taken twice among {@code customers})
     */
    boolean insertAllIfNew(List<Customer> customers);

    /**
     * Stores a changed customer only if the stored one is still at {@code changed.version() - 1}.
     *
     * @return false when someone else changed it first, or it does not exist at that bank
     */
    boolean update(Customer changed);

    Optional<Customer> find(Mode mode, ParticipantId bankId, CustomerId id);

    Optional<Customer> findByPhrase(Mode mode, ParticipantId bankId, String phrase);

    /** The bank's customers whose {@code reference} or {@code clientRef} is among those given. */
    List<Customer> findByRefs(
            Mode mode, ParticipantId bankId, Collection<String> references, Collection<String> clientRefs);

    /** Newest first, then by id. */
    Page<Customer> list(Mode mode, ParticipantId bankId, CustomerFilter filter, PageRequest page);

    /**
     * Every customer reachable by the identity (a device through its links) at an active bank of that mode, with the
     * bank's name, so the hottest read of the network is one query.
     */
    List<ReachableCustomer> findByIdentity(Mode mode, Identity identity);
}
