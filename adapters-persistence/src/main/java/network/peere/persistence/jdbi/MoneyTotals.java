package network.peere.persistence.jdbi;

import java.util.Currency;
import java.util.List;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.MoneyTotal;

/** Runs an aggregate whose columns are {@code owner, currency, amount_minor, fee_minor}, one row per total. */
final class MoneyTotals {
    private MoneyTotals() {}

    static List<MoneyTotal> query(JdbiTransactor transactor, String sql, Mode mode) {
        return transactor.query(
                sql,
                query -> query.bind("mode", mode.name())
                        .map((row, context) -> new MoneyTotal(
                                row.getString("owner"),
                                Currency.getInstance(row.getString("currency")),
                                row.getLong("amount_minor"),
                                row.getLong("fee_minor")))
                        .list());
    }
}
