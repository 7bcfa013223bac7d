package network.peere.persistence.memory;

import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import network.peere.core.ports.out.MoneyTotal;

/** Sums per owner and currency, ordered by owner then currency code, as the SQL aggregates are. */
final class MoneyTotals {
    private MoneyTotals() {}

    private record Key(String owner, String currency) {}

    private static final Comparator<Key> ORDER =
            Comparator.comparing(Key::owner).thenComparing(Key::currency);

    static <T> List<MoneyTotal> sum(
            Stream<T> rows,
            Function<T, String> owner,
            Function<T, Currency> currency,
            ToLongFunction<T> amountMinor,
            ToLongFunction<T> feeMinor) {
        Map<Key, long[]> sums = new TreeMap<>(ORDER);
        rows.forEach(row -> {
            long[] sum = sums.computeIfAbsent(
                    new Key(owner.apply(row), currency.apply(row).getCurrencyCode()), k -> new long[2]);
            sum[0] = Math.addExact(sum[0], amountMinor.applyAsLong(row));
            sum[1] = Math.addExact(sum[1], feeMinor.applyAsLong(row));
        });
        return sums.entrySet().stream()
                .map(e -> new MoneyTotal(
                        e.getKey().owner(),
                        Currency.getInstance(e.getKey().currency()),
                        e.getValue()[0],
                        e.getValue()[1]))
                .toList();
    }
}
