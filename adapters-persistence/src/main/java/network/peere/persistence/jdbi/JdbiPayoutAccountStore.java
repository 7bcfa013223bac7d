package network.peere.persistence.jdbi;

import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.settlement.PayoutAccount;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.PayoutAccountStore;

/** Payout accounts in {@code payout_accounts}, one row per (mode, merchant). */
final class JdbiPayoutAccountStore implements PayoutAccountStore {
    private static final String SAVE = """
            INSERT INTO payout_accounts (mode, merchant_id, bank_name, account_number, account_name)
            VALUES (:mode, :merchant_id, :bank_name, :account_number, :account_name)
            ON DUPLICATE KEY UPDATE bank_name = :bank_name, account_number = :account_number,
                                    account_name = :account_name""";

    private static final String FIND = """
            SELECT bank_name, account_number, account_name
              FROM payout_accounts
             WHERE mode = :mode AND merchant_id = :merchant_id""";

    private final JdbiTransactor transactor;

    JdbiPayoutAccountStore(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void save(Mode mode, ParticipantId merchantId, PayoutAccount account) {
        transactor.withHandle(handle -> handle.createUpdate(SAVE)
                .bind("mode", mode.name())
                .bind("merchant_id", merchantId.value())
                .bind("bank_name", account.bankName())
                .bind("account_number", account.accountNumber())
                .bind("account_name", account.accountName())
                .execute());
    }

    @Override
    public Optional<PayoutAccount> find(Mode mode, ParticipantId merchantId) {
        return transactor.query(
                FIND,
                query -> query.bind("mode", mode.name())
                        .bind("merchant_id", merchantId.value())
                        .map((row, context) -> new PayoutAccount(
                                row.getString("bank_name"),
                                row.getString("account_number"),
                                row.getString("account_name")))
                        .findOne());
    }
}
