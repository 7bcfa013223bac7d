package network.peere.persistence.memory;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.settlement.PayoutAccount;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.PayoutAccountStore;

/** Payout accounts in a map keyed as the {@code payout_accounts} table is: (mode, merchant). */
final class InMemoryPayoutAccountStore implements PayoutAccountStore {
    private record Key(Mode mode, ParticipantId merchantId) {}

    private final InMemoryTransactor transactor;

    /** Guarded by the transactor. */
    private final Map<Key, PayoutAccount> rows = new HashMap<>();

    InMemoryPayoutAccountStore(InMemoryTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void save(Mode mode, ParticipantId merchantId, PayoutAccount account) {
        Objects.requireNonNull(account, "account");
        var key = new Key(mode, merchantId);
        transactor.useTransaction(() -> {
            PayoutAccount before = rows.put(key, account);
            transactor.onRollback(() -> {
                if (before == null) {
                    rows.remove(key);
                } else {
                    rows.put(key, before);
                }
            });
        });
    }

    @Override
    public Optional<PayoutAccount> find(Mode mode, ParticipantId merchantId) {
        return transactor.inTransaction(() -> Optional.ofNullable(rows.get(new Key(mode, merchantId))));
    }
}
