package network.peere.core.domain.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.agreement.limits.SpendingLimits;
import network.peere.core.domain.agreement.limits.WindowReservation;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChargeTest {
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final Money AMOUNT = Money.of(150_000, "NGN");

    private static Charge pending() {
        var limits = new SpendingLimits(
                Currency.getInstance("NGN"),
                Map.of(LimitKind.DAILY, Money.of(500_000, "NGN"), LimitKind.MONTHLY, Money.of(900_000, "NGN")));
        return Charge.accept(
                "txn_1",
                Mode.SANDBOX,
                "cd_1",
                new ParticipantId("mer_1"),
                new ParticipantId("bank_1"),
                new CustomerId("cus_1"),
                AMOUNT,
                "Gym",
                Optional.empty(),
                WindowReservation.forCharge(limits, AMOUNT, T0, ZoneId.of("Africa/Lagos")),
                T0.plusSeconds(86_400),
                T0);
    }

    @Test
    void an_approving_answer_confirms_and_keeps_the_bank_s_transaction_id() {
        Charge confirmed =
                pending().answer(CustomerDecision.APPROVE_RECURRING, Optional.of("ignored"), Optional.of("b1"), T0);
        assertThat(confirmed.status()).isEqualTo(ChargeStatus.CONFIRMED);
        assertThat(confirmed.accepted()).isTrue();
        assertThat(confirmed.declineReason()).isEmpty();
        assertThat(confirmed.bankTransactionId()).contains("b1");
        assertThat(confirmed.processedAt()).contains(T0);
        assertThat(confirmed.version()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(
            value = CustomerDecision.class,
            names = {"DENY", "SUSPENDED"})
    void a_refusing_answer_declines_with_a_reason(CustomerDecision action) {
        Charge declined = pending().answer(action, Optional.empty(), Optional.empty(), T0);
        assertThat(declined.status()).isEqualTo(ChargeStatus.FAILED);
        assertThat(declined.accepted()).isFalse();
        assertThat(declined.declineReason()).contains(action == CustomerDecision.DENY ? "declined" : "suspended");
        assertThat(pending()
                        .answer(action, Optional.of("insufficient_funds"), Optional.empty(), T0)
                        .declineReason())
                .contains("insufficient_funds");
    }

    @Test
    void a_charge_ends_once() {
        Charge expired = pending().expire(T0);
        assertThat(expired.status()).isEqualTo(ChargeStatus.EXPIRED);
        assertThat(expired.declineReason()).contains(Charge.EXPIRED_REASON);
        assertThatThrownBy(() -> expired.answer(CustomerDecision.APPROVE_ONCE, Optional.empty(), Optional.empty(), T0))
                .isInstanceOf(IllegalStateException.class);
        assertThat(pending().awaitsBank(T0.plusSeconds(86_399))).isTrue();
        assertThat(pending().awaitsBank(T0.plusSeconds(86_400))).isFalse();
    }

    @Test
    void it_holds_one_reservation_per_capped_window_of_its_own_amount() {
        assertThat(pending().reservations())
                .extracting(WindowReservation::kind)
                .containsExactly(LimitKind.DAILY, LimitKind.MONTHLY);
        var other = new WindowReservation(LimitKind.DAILY, T0, Money.of(500_000, "NGN"), Money.of(1, "NGN"));
        assertThatThrownBy(() -> Charge.accept(
                        "txn_2",
                        Mode.SANDBOX,
                        "cd_1",
                        new ParticipantId("mer_1"),
                        new ParticipantId("bank_1"),
                        new CustomerId("cus_1"),
                        AMOUNT,
                        "Gym",
                        Optional.empty(),
                        List.of(other),
                        T0,
                        T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transaction_statuses_name_charge_statuses_both_ways() {
        for (ChargeStatus status : ChargeStatus.values()) {
            assertThat(TransactionStatus.of(status).chargeStatuses()).contains(status);
        }
        // A confirmed charge is completed or refunded, split on whether its refunded total is the whole amount.
        assertThat(TransactionStatus.REFUNDED.chargeStatuses()).containsExactly(ChargeStatus.CONFIRMED);
        assertThat(TransactionStatus.REFUNDED.fullyRefunded()).contains(true);
        assertThat(TransactionStatus.COMPLETED.fullyRefunded()).contains(false);
        assertThat(TransactionStatus.PENDING.fullyRefunded()).isEmpty();
    }
}
