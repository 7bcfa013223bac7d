package network.peere.persistence.jdbi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.agreement.limits.WindowReservation;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.LimitUsageStore;
import org.jdbi.v3.core.Handle;

/** Limit usage in {@code limit_usage}: one row per (agreement, kind, window), changed only by conditional updates. */
final class JdbiLimitUsageStore implements LimitUsageStore {
    private static final String KEY =
            "mode = :mode AND agreement_id = :agreement_id AND kind = :kind AND window_start = :window_start";

    /** Makes sure the window's row exists; a concurrent creator waits on the primary key and then does nothing. */
    private static final String ENSURE_ROW = """
            INSERT INTO limit_usage (mode, agreement_id, kind, window_start, currency, used_minor)
            VALUES (:mode, :agreement_id, :kind, :window_start, :currency, 0)
            ON DUPLICATE KEY UPDATE used_minor = used_minor""";

    private static final String RESERVE = """
            UPDATE limit_usage SET used_minor = used_minor + :amount
             WHERE %s AND used_minor + :amount <= :cap""".formatted(KEY);

    private static final String RELEASE = """
            UPDATE limit_usage SET used_minor = used_minor - :amount
             WHERE %s AND used_minor >= :amount""".formatted(KEY);

    private static final String USED = "SELECT used_minor FROM limit_usage WHERE " + KEY;

    /** Daily, weekly, monthly: every transaction locks windows in this order, so two charges cannot deadlock. */
    private static final Comparator<WindowReservation> LOCK_ORDER = Comparator.comparing(WindowReservation::kind);

    private final JdbiTransactor transactor;

    JdbiLimitUsageStore(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public boolean reserve(Mode mode, String agreementId, List<WindowReservation> reservations) {
        List<WindowReservation> ordered =
                reservations.stream().sorted(LOCK_ORDER).toList();
        return transactor.inTransaction(() -> transactor.withHandle(handle -> {
            List<WindowReservation> taken = new ArrayList<>();
            for (WindowReservation reservation : ordered) {
                bind(handle.createUpdate(ENSURE_ROW), mode, agreementId, reservation)
                        .bind("currency", reservation.cap().currency().getCurrencyCode())
                        .execute();
                int rows = bind(handle.createUpdate(RESERVE), mode, agreementId, reservation)
                        .bind("amount", reservation.amount().minor())
                        .bind("cap", reservation.cap().minor())
                        .execute();
                if (rows != 1) {
                    // Give back what this call took; the row locks stay with the transaction either way.
                    release(handle, mode, agreementId, taken);
                    return false;
                }
                taken.add(reservation);
            }
            return true;
        }));
    }

    @Override
    public void release(Mode mode, String agreementId, List<WindowReservation> reservations) {
        transactor.useTransaction(() -> transactor.withHandle(handle -> {
            release(
                    handle,
                    mode,
                    agreementId,
                    reservations.stream().sorted(LOCK_ORDER).toList());
            return null;
        }));
    }

    private static void release(Handle handle, Mode mode, String agreementId, List<WindowReservation> reservations) {
        for (WindowReservation reservation : reservations) {
            int rows = bind(handle.createUpdate(RELEASE), mode, agreementId, reservation)
                    .bind("amount", reservation.amount().minor())
                    .execute();
            if (rows != 1) {
                throw new IllegalStateException(
                        "releasing more than was reserved in " + reservation.kind() + " of " + agreementId);
            }
        }
    }

    @Override
    public Map<LimitKind, Money> used(Mode mode, String agreementId, List<WindowReservation> windows) {
        return transactor.withHandle(handle -> {
            Map<LimitKind, Money> used = new EnumMap<>(LimitKind.class);
            for (WindowReservation window : windows) {
                bind(handle.createQuery(USED), mode, agreementId, window)
                        .mapTo(Long.class)
                        .findOne()
                        .ifPresent(minor -> used.put(
                                window.kind(), new Money(minor, window.cap().currency())));
            }
            return used;
        });
    }

    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bind(
            S statement, Mode mode, String agreementId, WindowReservation window) {
        return statement
                .bind("mode", mode.name())
                .bind("agreement_id", agreementId)
                .bind("kind", window.kind().name())
                .bind("window_start", UtcColumns.toColumn(window.windowStart()));
    }
}
