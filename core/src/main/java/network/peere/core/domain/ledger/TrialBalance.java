package network.peere.core.domain.ledger;

import java.util.Currency;
import java.util.Map;

/**
 * The journal summed per currency (must be zero: every transaction balances) and per account. Produced by the store
 * in one query so reconciliation reads one consistent state.
 */
public record TrialBalance(Map<Currency, Long> totalsByCurrency, Map<Account, Map<Currency, Long>> balances) {
    public TrialBalance {
        totalsByCurrency = Map.copyOf(totalsByCurrency);
        balances = Map.copyOf(balances);
    }

    public boolean sumsToZero() {
        return totalsByCurrency.values().stream().allMatch(total -> total == 0);
    }

    public long balance(Account account, Currency currency) {
        return balances.getOrDefault(account, Map.of()).getOrDefault(currency, 0L);
    }
}
