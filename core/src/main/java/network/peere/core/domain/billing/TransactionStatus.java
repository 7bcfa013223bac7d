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

    /** Whether a charge shows under this status only when refunded in full (true) or only when not (false). */
    public java.util.Optional<Boolean> fullyRefunded() {
        return switch (this) {
            case COMPLETED -> java.util.Optional.of(false);
            case REFUNDED -> java.util.Optional.of(true);
            case PENDING, FAILED -> java.util.Optional.empty();
        };
    }

    /** The charge statuses shown under this transaction status (see {@link #fullyRefunded()}). */
    public Set<ChargeStatus> chargeStatuses() {
        return switch (this) {
            case PENDING -> EnumSet.of(ChargeStatus.PENDING_BANK);
            case COMPLETED -> EnumSet.of(ChargeStatus.CONFIRMED);
            case FAILED -> EnumSet.of(ChargeStatus.FAILED, ChargeStatus.EXPIRED);
            case REFUNDED -> EnumSet.of(ChargeStatus.CONFIRMED);
        };
    }
}
