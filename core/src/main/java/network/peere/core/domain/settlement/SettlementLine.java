package network.peere.core.domain.settlement;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.ledger.JournalTransaction;
import network.peere.core.domain.participant.ParticipantId;

/**
 * One journal transaction a settlement took, seen from the merchant: {@code gross} moved by the charge or refund,
 * the {@code fee} kept (negative when a refund gives fee back), and {@code net} to or from the merchant.
 */
public record SettlementLine(
        String journalTransactionId,
        Kind kind,
        String reference,
        long grossMinor,
        long feeMinor,
        long netMinor,
        Optional<ParticipantId> bankId,
        Instant occurredAt) {
    public SettlementLine {
        Objects.requireNonNull(journalTransactionId, "journalTransactionId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(bankId, "bankId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** What a journal transaction on a merchant's payable account is; its description names it. */
    public enum Kind {
        CHARGE("charge confirmed"),
        REFUND("refund initiated"),
        REFUND_REVERSAL("refund failed"),
        PAYOUT("payout");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** The journal description every transaction of this kind carries. */
        public String description() {
            return description;
        }

        public static Kind of(JournalTransaction transaction) {
            for (Kind kind : values()) {
                if (kind.description.equals(transaction.description())) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("not a merchant journal entry: " + transaction.description());
        }
    }
}
