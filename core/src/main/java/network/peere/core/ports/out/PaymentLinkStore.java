package network.peere.core.ports.out;

import java.util.Optional;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;

/** Payment links and each merchant's callback key. Joins the caller's transaction. */
public interface PaymentLinkStore {
    /** @return false when the merchant already has a link with this secret (the unique key decides, not a read) */
    boolean insert(PaymentLink link);

    /** A conditional update on the version before {@code changed}; false when someone else changed it first. */
    boolean update(PaymentLink changed);

    /** Any merchant's link by id: the public pay routes know only the id. */
    Optional<PaymentLink> find(Mode mode, String linkId);

    Optional<PaymentLink> findBySecret(Mode mode, ParticipantId merchantId, String secret);

    /** The merchant's links, newest first. */
    Page<PaymentLink> list(Mode mode, ParticipantId merchantId, PageRequest page);

    Optional<String> callbackKey(Mode mode, ParticipantId merchantId);

    /** @return false when the merchant already has one (then read that one: the first key stays) */
    boolean insertCallbackKey(Mode mode, ParticipantId merchantId, String key);
}
