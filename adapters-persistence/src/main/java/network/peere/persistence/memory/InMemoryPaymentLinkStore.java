package network.peere.persistence.memory;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.link.LinkPayment;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.webhook.SealedSecret;
import network.peere.core.ports.out.PaymentLinkStore;

/** Payment links, their payments and callback keys in maps, behaving as their tables do (the contract tests say how). */
final class InMemoryPaymentLinkStore implements PaymentLinkStore {
    private static final Comparator<PaymentLink> NEWEST_FIRST = Comparator.comparing(PaymentLink::createdAt)
            .thenComparing(PaymentLink::id)
            .reversed();
    private static final Comparator<LinkPayment> NEWEST_PAYMENT_FIRST = Comparator.comparing(LinkPayment::createdAt)
            .thenComparing(LinkPayment::id)
            .reversed();

    private record MerchantKey(Mode mode, ParticipantId merchantId) {}

    private final InMemoryTransactor transactor;

    /** Guarded by the transactor. */
    private final Map<String, PaymentLink> links = new HashMap<>();

    private final Map<MerchantKey, SealedSecret> callbackKeys = new HashMap<>();

    private final Map<String, LinkPayment> payments = new HashMap<>();

    InMemoryPaymentLinkStore(InMemoryTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public boolean insert(PaymentLink link) {
        PaymentLink row = stored(link);
        return transactor.inTransaction(() -> {
            if (links.containsKey(row.id())) {
                throw new IllegalStateException("duplicate link id " + row.id());
            }
            boolean taken = links.values().stream()
                    .anyMatch(l -> l.mode() == row.mode()
                            && l.merchantId().equals(row.merchantId())
                            && l.terms().secret().equals(row.terms().secret()));
            if (taken) {
                return false;
            }
            links.put(row.id(), row);
            transactor.onRollback(() -> links.remove(row.id()));
            return true;
        });
    }

    @Override
    public boolean update(PaymentLink changed) {
        PaymentLink row = stored(changed);
        return transactor.inTransaction(() -> {
            PaymentLink current = links.get(row.id());
            if (current == null || current.mode() != row.mode() || current.version() != row.version() - 1) {
                return false;
            }
            links.put(row.id(), row);
            transactor.onRollback(() -> links.put(current.id(), current));
            return true;
        });
    }

    @Override
    public Optional<PaymentLink> find(Mode mode, String linkId) {
        return transactor.inTransaction(
                () -> Optional.ofNullable(links.get(linkId)).filter(l -> l.mode() == mode));
    }

    @Override
    public Optional<PaymentLink> findBySecret(Mode mode, ParticipantId merchantId, String secret) {
        return transactor.inTransaction(() -> links.values().stream()
                .filter(l -> l.mode() == mode
                        && l.merchantId().equals(merchantId)
                        && l.terms().secret().equals(secret))
                .findFirst());
    }

    @Override
    public Page<PaymentLink> list(Mode mode, ParticipantId merchantId, PageRequest page) {
        return transactor.inTransaction(() -> {
            List<PaymentLink> all = links.values().stream()
                    .filter(l -> l.mode() == mode && l.merchantId().equals(merchantId))
                    .sorted(NEWEST_FIRST)
                    .toList();
            return new Page<>(
                    all.stream().skip(page.offset()).limit(page.limit()).toList(), all.size());
        });
    }

    @Override
    public Optional<SealedSecret> callbackKey(Mode mode, ParticipantId merchantId) {
        return transactor.inTransaction(() -> Optional.ofNullable(callbackKeys.get(new MerchantKey(mode, merchantId))));
    }

    @Override
    public boolean insertCallbackKey(Mode mode, ParticipantId merchantId, SealedSecret key) {
        var id = new MerchantKey(mode, merchantId);
        return transactor.inTransaction(() -> {
            if (callbackKeys.containsKey(id)) {
                return false;
            }
            callbackKeys.put(id, key);
            transactor.onRollback(() -> callbackKeys.remove(id));
            return true;
        });
    }

    @Override
    public boolean insertPayment(LinkPayment payment) {
        LinkPayment row = stored(payment);
        return transactor.inTransaction(() -> {
            if (payments.containsKey(row.id())) {
                throw new IllegalStateException("duplicate link payment id " + row.id());
            }
            if (row.status().holdsLink() && holder(row.mode(), row.linkId()).isPresent()) {
                return false;
            }
            payments.put(row.id(), row);
            transactor.onRollback(() -> payments.remove(row.id()));
            return true;
        });
    }

    @Override
    public boolean updatePayment(LinkPayment changed) {
        LinkPayment row = stored(changed);
        return transactor.inTransaction(() -> {
            LinkPayment current = payments.get(row.id());
            if (current == null || current.mode() != row.mode() || current.version() != row.version() - 1) {
                return false;
            }
            // As the unique key on held_link would refuse it: a bug, not a lost race.
            if (row.status().holdsLink()
                    && holder(row.mode(), current.linkId())
                            .filter(p -> !p.id().equals(row.id()))
                            .isPresent()) {
                throw new IllegalStateException("link payment " + row.id() + " cannot hold a link another holds");
            }
            // What an update leaves alone stays as it was stored.
            LinkPayment next = new LinkPayment(
                    current.id(),
                    current.mode(),
                    current.linkId(),
                    current.merchantId(),
                    current.bankId(),
                    current.customerId(),
                    current.agreementId(),
                    row.scheduleId(),
                    row.status(),
                    row.failureReason(),
                    row.lastPaidAt(),
                    current.createdAt(),
                    row.updatedAt(),
                    row.version());
            payments.put(next.id(), next);
            transactor.onRollback(() -> payments.put(current.id(), current));
            return true;
        });
    }

    @Override
    public Optional<LinkPayment> findPayment(Mode mode, String paymentId) {
        return transactor.inTransaction(
                () -> Optional.ofNullable(payments.get(paymentId)).filter(p -> p.mode() == mode));
    }

    @Override
    public Optional<LinkPayment> holdingPayment(Mode mode, String linkId) {
        return transactor.inTransaction(() -> holder(mode, linkId));
    }

    @Override
    public Optional<LinkPayment> paymentByAgreement(Mode mode, String agreementId) {
        return transactor.inTransaction(() -> payments.values().stream()
                .filter(p -> p.mode() == mode && p.agreementId().equals(agreementId))
                .sorted(NEWEST_PAYMENT_FIRST)
                .findFirst());
    }

    @Override
    public List<LinkPayment> payments(Mode mode, String linkId, int limit) {
        return transactor.inTransaction(() -> payments.values().stream()
                .filter(p -> p.mode() == mode && p.linkId().equals(linkId))
                .sorted(NEWEST_PAYMENT_FIRST)
                .limit(limit)
                .toList());
    }

    /** The one payment holding the link, as the unique key on {@code held_link} keeps it. */
    private Optional<LinkPayment> holder(Mode mode, String linkId) {
        return payments.values().stream()
                .filter(p -> p.mode() == mode
                        && p.linkId().equals(linkId)
                        && p.status().holdsLink())
                .findFirst();
    }

    private static LinkPayment stored(LinkPayment p) {
        return new LinkPayment(
                p.id(),
                p.mode(),
                p.linkId(),
                p.merchantId(),
                p.bankId(),
                p.customerId(),
                p.agreementId(),
                p.scheduleId(),
                p.status(),
                p.failureReason(),
                p.lastPaidAt().map(Micros::truncate),
                Micros.truncate(p.createdAt()),
                Micros.truncate(p.updatedAt()),
                p.version());
    }

    private static PaymentLink stored(PaymentLink l) {
        return new PaymentLink(
                l.id(),
                l.mode(),
                l.merchantId(),
                l.terms(),
                l.status(),
                Micros.truncate(l.createdAt()),
                Micros.truncate(l.updatedAt()),
                l.version());
    }
}
