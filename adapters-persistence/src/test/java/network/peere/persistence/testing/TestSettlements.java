package network.peere.persistence.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.settlement.PayoutAccount;
import network.peere.core.domain.settlement.PayoutStatus;
import network.peere.core.domain.settlement.Settlement;
import network.peere.core.domain.settlement.SettlementLine;
import network.peere.core.domain.shared.Mode;

/**
 * Settlements for tests: {@code settlement(mode, n)} is merchant {@code mer_1}'s NGN day from {@link
 * TestParticipants#T0}: 10,000 of charges, 1,000 of refunds and 150 of fees, nothing carried in, so 8,850 paid out
 * (pending), no lines and no payout account, settled a minute after the window; {@code n} makes its id unique. The
 * builder works out net, payout, carry and payout status from the amounts.
 */
public final class TestSettlements {
    public static final Duration WINDOW = Duration.ofDays(1);

    private TestSettlements() {}

    public static Builder settlement(Mode mode, String n) {
        return new Builder(mode, n);
    }

    public static SettlementLine line(String journalTransactionId, SettlementLine.Kind kind, long gross, long fee) {
        return new SettlementLine(
                journalTransactionId,
                kind,
                "txn_" + journalTransactionId,
                gross,
                fee,
                gross - fee,
                Optional.of(new ParticipantId("bank_1")),
                TestParticipants.T0.plusSeconds(1));
    }

    public static final class Builder {
        private final String id;
        private final Mode mode;
        private ParticipantId merchantId = new ParticipantId("mer_1");
        private Currency currency = Currency.getInstance("NGN");
        private Instant windowStart = TestParticipants.T0;
        private long chargesMinor = 10_000;
        private long refundsMinor = 1_000;
        private long feesMinor = 150;
        private long carriedInMinor = 0;
        private List<SettlementLine> lines = List.of();
        private Optional<PayoutAccount> payoutAccount = Optional.empty();
        private Optional<PayoutStatus> payoutStatus = Optional.empty();
        private long version = 1;

        private Builder(Mode mode, String n) {
            this.mode = mode;
            this.id = Settlement.ID_PREFIX + "_" + n;
        }

        public Builder merchant(String value) {
            merchantId = new ParticipantId(value);
            return this;
        }

        public Builder currency(String value) {
            currency = Currency.getInstance(value);
            return this;
        }

        /** The window is the day from then. */
        public Builder windowStart(Instant value) {
            windowStart = value;
            return this;
        }

        public Builder amounts(long charges, long refunds, long fees, long carriedIn) {
            chargesMinor = charges;
            refundsMinor = refunds;
            feesMinor = fees;
            carriedInMinor = carriedIn;
            return this;
        }

        public Builder lines(List<SettlementLine> value) {
            lines = value;
            return this;
        }

        public Builder payoutAccount(Optional<PayoutAccount> value) {
            payoutAccount = value;
            return this;
        }

        /** PENDING when there is a payout, NONE when there is not, unless set. */
        public Builder payoutStatus(PayoutStatus value) {
            payoutStatus = Optional.of(value);
            return this;
        }

        public Builder version(long value) {
            version = value;
            return this;
        }

        public Settlement build() {
            long net = chargesMinor - refundsMinor - feesMinor + carriedInMinor;
            long payout = Math.max(net, 0);
            Instant windowEnd = windowStart.plus(WINDOW);
            Instant settledAt = windowEnd.plusSeconds(60);
            return new Settlement(
                    id,
                    mode,
                    merchantId,
                    currency,
                    windowStart,
                    windowEnd,
                    chargesMinor,
                    refundsMinor,
                    feesMinor,
                    carriedInMinor,
                    net,
                    payout,
                    Math.min(net, 0),
                    lines,
                    payoutAccount,
                    payoutStatus.orElse(payout > 0 ? PayoutStatus.PENDING : PayoutStatus.NONE),
                    settledAt,
                    settledAt,
                    version);
        }
    }
}
