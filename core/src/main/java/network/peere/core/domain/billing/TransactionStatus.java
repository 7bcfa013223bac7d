package network.peere.core.domain.billing;

import java.util.EnumSet;
import java.util.Set;

/** A charge's status as transaction history names it (public docs' dictionary). */
public enum TransactionStatus {
    PENDING,
    COMPLETED,
    FAILED,
    REFUNDED;

    /** A confirmed charge refunded in full reads {@code refunded}. */
    public static TransactionStatus of(Charge charge) {
        if (charge.status() == ChargeStatus.CONFIRMED && charge.refunded().equals(charge.amount())) {
            return REFUNDED;
        }
        return of(charge.status());
    }

    public static TransactionStatus of(ChargeStatus status) {
        return switch (status) {
            case PENDING_BANK -> PENDING;
            case CONFIRMED -> COMPLETED;
            case FAILED, EXPIRED -> FAILED;
        };
    }

    /** The charge statuses shown under this transaction status. */
    public Set<ChargeStatus> chargeStatuses() {
        return switch (this) {
            case PENDING -> EnumSet.of(ChargeStatus.PENDING_BANK);
            case COMPLETED -> EnumSet.of(ChargeStatus.CONFIRMED);
            case FAILED -> EnumSet.of(ChargeStatus.FAILED, ChargeStatus.EXPIRED);
            case REFUNDED -> EnumSet.noneOf(ChargeStatus.class);
        };
    }
}
