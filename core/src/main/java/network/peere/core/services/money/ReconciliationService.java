package network.peere.core.services.money;

import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import network.peere.core.domain.ledger.Account;
import network.peere.core.domain.ledger.AccountType;
import network.peere.core.domain.ledger.TrialBalance;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.money.ReconcileLedger;
import network.peere.core.ports.out.MoneyTotal;
import network.peere.core.ports.out.PeereStores;

/**
 * Reconciliation: the journal sums to zero per currency, and every account the billing and refund flows post to has
 * the balance that the charges, refunds and settlements recorded outside the ledger say it must have:
 *
 * <ul>
 *   <li>a bank's settlement account: its customers' confirmed charges less completed refunds;
 *   <li>a merchant's payable: minus (confirmed charges less fees, less refunds not failed net of the fee they gave
 *       back, less payouts);
 *   <li>a merchant's payouts: minus its payouts;
 *   <li>the network's fee revenue: minus (fees less fees given back);
 *   <li>refunds in flight: minus the refunds neither failed nor completed.
 * </ul>
 */
public final class ReconciliationService implements ReconcileLedger {
    private final PeereStores stores;

    public ReconciliationService(PeereStores stores) {
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    @Override
    public Reconciliation reconcile(Mode mode) {
        // One snapshot for every query: a charge confirmed meanwhile is in all of them or in none.
        return stores.transactor().inSnapshot(() -> {
            TrialBalance balance = stores.ledger().trialBalance(mode);
            Map<Key, Long> expected = new HashMap<>();
            for (MoneyTotal bank : stores.charges().confirmedByBank(mode)) {
                add(expected, AccountType.BANK_SETTLEMENT, bank.owner(), bank.currency(), bank.amountMinor());
            }
            for (MoneyTotal bank : stores.refunds().completedByBank(mode)) {
                add(expected, AccountType.BANK_SETTLEMENT, bank.owner(), bank.currency(), -bank.amountMinor());
                add(expected, AccountType.REFUNDS_IN_FLIGHT, Account.NETWORK, bank.currency(), bank.amountMinor());
            }
            for (MoneyTotal merchant : stores.charges().confirmedByMerchant(mode)) {
                add(
                        expected,
                        AccountType.MERCHANT_PAYABLE,
                        merchant.owner(),
                        merchant.currency(),
                        -(merchant.amountMinor() - merchant.feeMinor()));
                add(expected, AccountType.FEE_REVENUE, Account.NETWORK, merchant.currency(), -merchant.feeMinor());
            }
            for (MoneyTotal merchant : stores.refunds().notFailedByMerchant(mode)) {
                add(
                        expected,
                        AccountType.MERCHANT_PAYABLE,
                        merchant.owner(),
                        merchant.currency(),
                        merchant.amountMinor() - merchant.feeMinor());
                add(expected, AccountType.FEE_REVENUE, Account.NETWORK, merchant.currency(), merchant.feeMinor());
                add(
                        expected,
                        AccountType.REFUNDS_IN_FLIGHT,
                        Account.NETWORK,
                        merchant.currency(),
                        -merchant.amountMinor());
            }
            for (MoneyTotal merchant : stores.settlements().payoutsByMerchant(mode)) {
                add(
                        expected,
                        AccountType.MERCHANT_PAYABLE,
                        merchant.owner(),
                        merchant.currency(),
                        merchant.amountMinor());
                add(expected, AccountType.PAYOUTS, merchant.owner(), merchant.currency(), -merchant.amountMinor());
            }
            // Every account the ledger knows must be expected too (an unexpected balance is a mismatch).
            balance.balances()
                    .forEach((account, byCurrency) -> byCurrency.forEach((currency, minor) ->
                            expected.putIfAbsent(new Key(account.type(), account.owner(), currency), 0L)));
            List<Mismatch> mismatches = new ArrayList<>();
            expected.forEach((key, want) -> {
                long actual = balance.balance(new Account(key.type(), key.owner()), key.currency());
                if (actual != want) {
                    mismatches.add(new Mismatch(key.type().name(), key.owner(), key.currency(), actual, want));
                }
            });
            mismatches.sort(java.util.Comparator.comparing(Mismatch::account).thenComparing(Mismatch::owner));
            return new Reconciliation(balance.totalsByCurrency(), mismatches);
        });
    }

    private record Key(AccountType type, String owner, Currency currency) {}

    private static void add(Map<Key, Long> expected, AccountType type, String owner, Currency currency, long minor) {
        expected.merge(new Key(type, owner, currency), minor, Math::addExact);
    }
}
