package network.peere.persistence.memory;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.PaymentLinkStore;

/** Payment links and callback keys in maps, behaving as their tables do (the contract tests say how). */
final class InMemoryPaymentLinkStore implements PaymentLinkStore {
    private static final Comparator<PaymentLink> NEWEST_FIRST = Comparator.comparing(PaymentLink::createdAt)
            .thenComparing(PaymentLink::id)
            .reversed();

    private record MerchantKey(Mode mode, ParticipantId merchantId) {}

    private final InMemoryTransactor transactor;

    /** Guarded by the transactor. */
    private final Map<String, PaymentLink> links = new HashMap<>();

    private final Map<MerchantKey, String> callbackKeys = new HashMap<>();

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
    public Optional<String> callbackKey(Mode mode, ParticipantId merchantId) {
        return transactor.inTransaction(() -> Optional.ofNullable(callbackKeys.get(new MerchantKey(mode, merchantId))));
    }

    @Override
    public boolean insertCallbackKey(Mode mode, ParticipantId merchantId, String key) {
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
