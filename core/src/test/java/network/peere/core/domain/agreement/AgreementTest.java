package network.peere.core.domain.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.agreement.limits.SpendingLimits;
import network.peere.core.domain.billing.ChargeStatus;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgreementTest {
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final SpendingLimits LIMITS =
            new SpendingLimits(Currency.getInstance("NGN"), Map.of(LimitKind.MONTHLY, Money.of(6_000_000, "NGN")));

    private static Agreement proposed(IntentType type) {
        return Agreement.propose(
                "cd_1",
                "intent_1",
                "agp_1",
                new Agreement.Proposal(
                        Mode.SANDBOX,
                        new ParticipantId("mer_1"),
                        new ParticipantId("bank_1"),
                        new CustomerId("cus_1"),
                        "lp_1",
                        type,
                        "Gym membership",
                        Optional.empty(),
                        LIMITS,
                        Optional.empty()),
                T0.plusSeconds(86_400),
                T0);
    }

    @org.junit.jupiter.api.Test
    void an_intent_withdrawn_before_its_answer_is_revoked_without_a_decision() {
        Agreement withdrawn = proposed(IntentType.ONE_TIME).revoke(T0.plusSeconds(60));

        org.assertj.core.api.Assertions.assertThat(withdrawn.status()).isEqualTo(AgreementStatus.REVOKED);
        org.assertj.core.api.Assertions.assertThat(withdrawn.decision()).isEmpty();
        org.assertj.core.api.Assertions.assertThat(withdrawn.refusalToBill(T0.plusSeconds(60)))
                .isPresent();
    }

    @ParameterizedTest(name = "{0} then {1} → {2}")
    @CsvSource({
        "PENDING, APPROVE_ONCE, ACTIVE",
        "PENDING, APPROVE_RECURRING, ACTIVE",
        "PENDING, SUSPENDED, PAUSED",
        "PENDING, DENY, DENIED",
        "ACTIVE, SUSPENDED, PAUSED",
        "ACTIVE, DENY, REVOKED",
        "PAUSED, APPROVE_RECURRING, ACTIVE",
        "PAUSED, DENY, REVOKED",
    })
    void a_decision_moves_the_agreement(AgreementStatus from, CustomerDecision decision, AgreementStatus to) {
        Agreement agreement = proposed(IntentType.RECURRING);
        if (from == AgreementStatus.ACTIVE) {
            agreement = agreement.decide(CustomerDecision.APPROVE_RECURRING, Optional.of(LIMITS), false, T0);
        } else if (from == AgreementStatus.PAUSED) {
            agreement = agreement.decide(CustomerDecision.SUSPENDED, Optional.of(LIMITS), false, T0);
        }
        Agreement next = agreement.decide(decision, Optional.of(LIMITS), false, T0.plusSeconds(1));
        assertThat(next.status()).isEqualTo(to);
        assertThat(next.decision()).contains(decision);
        assertThat(next.version()).isEqualTo(agreement.version() + 1);
    }

    @Test
    void dead_agreements_never_come_back() {
        Agreement denied = proposed(IntentType.RECURRING).decide(CustomerDecision.DENY, Optional.of(LIMITS), false, T0);
        assertThat(denied.status().isFinal()).isTrue();
        assertThatThrownBy(() -> denied.decide(CustomerDecision.APPROVE_ONCE, Optional.of(LIMITS), false, T0))
                .isInstanceOf(IllegalStateException.class);
        Agreement revoked = proposed(IntentType.RECURRING)
                .decide(CustomerDecision.APPROVE_RECURRING, Optional.of(LIMITS), false, T0)
                .revoke(T0);
        assertThatThrownBy(() -> revoked.decide(CustomerDecision.APPROVE_RECURRING, Optional.of(LIMITS), false, T0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_one_time_agreement_is_used_up_by_its_first_confirmed_charge_others_are_not() {
        Agreement once =
                proposed(IntentType.ONE_TIME).decide(CustomerDecision.APPROVE_ONCE, Optional.of(LIMITS), false, T0);
        assertThat(once.afterConfirmedCharge(T0).status()).isEqualTo(AgreementStatus.EXHAUSTED);
        Agreement recurring = proposed(IntentType.RECURRING)
                .decide(CustomerDecision.APPROVE_RECURRING, Optional.of(LIMITS), false, T0);
        assertThat(recurring.afterConfirmedCharge(T0.plusSeconds(5))).isSameAs(recurring);
        Agreement billed = recurring.billedAt(T0.plusSeconds(5));
        assertThat(billed.lastUsedAt()).contains(T0.plusSeconds(5));
        assertThat(billed.version()).isEqualTo(recurring.version() + 1);
        assertThat(billed.status()).isEqualTo(AgreementStatus.ACTIVE);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "PENDING, AGREEMENT_NOT_APPROVED",
        "PAUSED, AGREEMENT_SUSPENDED",
        "DENIED, AGREEMENT_REVOKED",
        "REVOKED, AGREEMENT_REVOKED",
        "EXHAUSTED, AGREEMENT_EXHAUSTED",
    })
    void only_an_active_agreement_bills(AgreementStatus status, Agreement.BillingRefusal expected) {
        Agreement agreement = switch (status) {
            case PENDING -> proposed(IntentType.RECURRING);
            case PAUSED ->
                proposed(IntentType.RECURRING).decide(CustomerDecision.SUSPENDED, Optional.of(LIMITS), false, T0);
            case DENIED -> proposed(IntentType.RECURRING).decide(CustomerDecision.DENY, Optional.of(LIMITS), false, T0);
            case REVOKED ->
                proposed(IntentType.RECURRING)
                        .decide(CustomerDecision.APPROVE_RECURRING, Optional.of(LIMITS), false, T0)
                        .revoke(T0);
            case EXHAUSTED ->
                proposed(IntentType.ONE_TIME)
                        .decide(CustomerDecision.APPROVE_ONCE, Optional.of(LIMITS), false, T0)
                        .afterConfirmedCharge(T0);
            default -> throw new IllegalArgumentException(status.name());
        };
        assertThat(agreement.refusalToBill(T0)).contains(expected);
        assertThat(proposed(IntentType.RECURRING)
                        .decide(CustomerDecision.APPROVE_RECURRING, Optional.of(LIMITS), false, T0)
                        .refusalToBill(T0))
                .isEqualTo(Optional.empty());
    }

    @Test
    void an_agreement_bills_until_the_instant_its_bank_set_and_nothing_from_that_instant() {
        Instant end = T0.plusSeconds(3_600);
        Agreement approved = proposed(IntentType.RECURRING)
                .decide(CustomerDecision.APPROVE_RECURRING, Optional.of(LIMITS), false, Optional.of(end), T0);

        assertThat(approved.expiresAt()).contains(end);
        assertThat(approved.refusalToBill(end.minusNanos(1_000))).isEmpty();
        assertThat(approved.isPastExpiry(end.minusNanos(1_000))).isFalse();
        assertThat(approved.refusalToBill(end)).contains(Agreement.BillingRefusal.AGREEMENT_EXPIRED);
        assertThat(approved.isPastExpiry(end)).isTrue();
        assertThat(approved.isLapsed(end.minusNanos(1_000))).isFalse();
        assertThat(approved.isLapsed(end)).isTrue();
        // Paused past its expiry: expired is the stronger answer, the bank cannot resume it any more.
        Agreement paused = approved.suspend(T0.plusSeconds(60));
        assertThat(paused.refusalToBill(end)).contains(Agreement.BillingRefusal.AGREEMENT_EXPIRED);
        // The sweep records it; a final agreement answers by its status.
        Agreement expired = approved.expire(end);
        assertThat(expired.status()).isEqualTo(AgreementStatus.EXPIRED);
        assertThat(expired.refusalToBill(end)).contains(Agreement.BillingRefusal.AGREEMENT_EXPIRED);
        assertThat(approved.revoke(T0).refusalToBill(end)).contains(Agreement.BillingRefusal.AGREEMENT_REVOKED);
        // Reads: expired from the instant, as of the expiry; before it, and for final ones, as stored.
        assertThat(approved.asOf(end.minusNanos(1_000))).isSameAs(approved);
        assertThat(approved.asOf(end).status()).isEqualTo(AgreementStatus.EXPIRED);
        assertThat(approved.asOf(end).updatedAt()).isEqualTo(end);
        assertThat(paused.asOf(end).status()).isEqualTo(AgreementStatus.EXPIRED);
        Agreement revoked = approved.revoke(T0);
        assertThat(revoked.asOf(end)).isSameAs(revoked);
        assertThat(revoked.isLapsed(end))
                .as("final: past its expiry, but not lapsed")
                .isFalse();
    }

    @Test
    void a_changed_decision_keeps_the_expiry_unless_it_gives_another_or_none() {
        Instant end = T0.plusSeconds(3_600);
        Agreement approved = proposed(IntentType.RECURRING)
                .decide(CustomerDecision.APPROVE_RECURRING, Optional.of(LIMITS), false, Optional.of(end), T0);

        assertThat(approved.decide(CustomerDecision.SUSPENDED, Optional.empty(), false, T0.plusSeconds(1))
                        .expiresAt())
                .contains(end);
        Agreement endless = approved.decide(
                CustomerDecision.APPROVE_RECURRING, Optional.empty(), false, Optional.empty(), T0.plusSeconds(2));
        assertThat(endless.expiresAt()).isEmpty();
        assertThat(endless.refusalToBill(end.plusSeconds(86_400))).isEmpty();
        assertThat(proposed(IntentType.RECURRING).expiresAt()).isEmpty();
    }

    @Test
    void a_charge_moves_once_and_only_from_pending() {
        assertThat(ChargeStatus.PENDING_BANK.canBecome(ChargeStatus.CONFIRMED)).isTrue();
        assertThat(ChargeStatus.CONFIRMED.canBecome(ChargeStatus.FAILED)).isFalse();
        assertThat(ChargeStatus.FAILED.holdsReservation()).isFalse();
        assertThat(ChargeStatus.EXPIRED.holdsReservation()).isFalse();
    }

    @Test
    void a_one_time_intent_s_amount_caps_each_charge_whatever_limits_the_bank_grants() {
        Agreement intent = Agreement.propose(
                "cd_2",
                "intent_2",
                "agp_2",
                new Agreement.Proposal(
                        Mode.SANDBOX,
                        new ParticipantId("mer_1"),
                        new ParticipantId("bank_1"),
                        new CustomerId("cus_1"),
                        "lp_1",
                        IntentType.ONE_TIME,
                        "One order",
                        Optional.of(Money.of(10_000, "NGN")),
                        LIMITS,
                        Optional.empty()),
                T0.plusSeconds(86_400),
                T0);
        Agreement approved = intent.decide(CustomerDecision.APPROVE_ONCE, Optional.of(LIMITS), false, T0);
        assertThat(approved.limits().cap(LimitKind.SINGLE)).contains(Money.of(10_000, "NGN"));
        assertThat(approved.limits().cap(LimitKind.MONTHLY)).contains(Money.of(6_000_000, "NGN"));
    }
}
