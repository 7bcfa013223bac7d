package network.peere.core.ports.out;

import java.util.List;
import java.util.Optional;
import network.peere.core.domain.link.LinkPayment;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.webhook.SealedSecret;

/**
 * Payment links, their payments and each merchant's callback key (sealed: the server needs it in plaintext to send and
 * sign callbacks, so it is encrypted, not hashed). Joins the caller's transaction.
 */
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

    Optional<SealedSecret> callbackKey(Mode mode, ParticipantId merchantId);

    /** @return false when the merchant already has one (then read that one: the first key stays) */
    boolean insertCallbackKey(Mode mode, ParticipantId merchantId, SealedSecret key);

    // ---- payments of links

    /**
     * Inserts a payment. A link has at most one payment whose status {@link
     * network.peere.core.domain.link.LinkPaymentStatus#holdsLink() holds it} (a unique key decides, so two customers
     * paying at once cannot both start).
     *
     * @return false when another payment holds the link
     */
    boolean insertPayment(LinkPayment payment);

    /** A conditional update on the version before {@code changed} (which also frees the link when it stops holding it). */
    boolean updatePayment(LinkPayment changed);

    Optional<LinkPayment> findPayment(Mode mode, String paymentId);

    /** The payment that holds the link now, if one does. */
    Optional<LinkPayment> holdingPayment(Mode mode, String linkId);

    /** The payment that sent the billing intent of that agreement, if a pay page did. */
    Optional<LinkPayment> paymentByAgreement(Mode mode, String agreementId);

    /** A link's payments, newest first, at most {@code limit}. */
    List<LinkPayment> payments(Mode mode, String linkId, int limit);
}
