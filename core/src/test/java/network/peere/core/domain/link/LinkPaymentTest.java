package network.peere.core.domain.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import org.junit.jupiter.api.Test;

/** A link payment's state machine, and which of its states hold the link. */
class LinkPaymentTest {
    private static final Instant T0 = Instant.parse("2026-01-31T09:00:00Z");

    private static LinkPayment started() {
        var link = PaymentLink.create(
                "lnk_1",
                Mode.LIVE,
                new ParticipantId("mer_1"),
                new PaymentLink.Terms(
                        Money.of(100, "USD"),
                        "d",
                        Optional.empty(),
                        "s",
                        URI.create("https://m.example/cb"),
                        Optional.empty(),
                        Optional.empty()),
                T0);
        return LinkPayment.start(
                "lpy_1", link, new LinkPayment.Payer(new ParticipantId("bank_1"), new CustomerId("cus_1")), "cd_1", T0);
    }

    @Test
    void a_started_payment_awaits_approval_and_holds_the_link() {
        var payment = started();

        assertThat(payment.status()).isEqualTo(LinkPaymentStatus.AWAITING_APPROVAL);
        assertThat(payment.status().holdsLink()).isTrue();
        assertThat(payment.linkId()).isEqualTo("lnk_1");
        assertThat(payment.merchantId()).isEqualTo(new ParticipantId("mer_1"));
        assertThat(payment.scheduleId()).isEmpty();
        assertThat(payment.version()).isEqualTo(1);
    }

    @Test
    void a_one_off_payment_goes_approved_processing_then_paid_and_stays_paid() {
        var processing = started().approved("rsc_1", T0.plusSeconds(1));
        var paid = processing.periodPaid(false, T0.plusSeconds(2));

        assertThat(processing.status()).isEqualTo(LinkPaymentStatus.PROCESSING);
        assertThat(processing.scheduleId()).contains("rsc_1");
        assertThat(paid.status()).isEqualTo(LinkPaymentStatus.PAID);
        assertThat(paid.lastPaidAt()).contains(T0.plusSeconds(2));
        assertThat(paid.version()).isEqualTo(3);
        assertThat(paid.status().holdsLink()).isTrue();
        assertThat(paid.status().isFinal()).isTrue();
        assertThatThrownBy(() -> paid.cancelled("late", T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> paid.periodPaid(false, T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_recurring_payment_is_active_each_period_until_cancelled_which_frees_the_link() {
        var active = started().approved("rsc_1", T0).periodPaid(true, T0.plusSeconds(1));
        var renewed = active.periodPaid(true, T0.plusSeconds(2));
        var cancelled = renewed.cancelled("agreement_revoked", T0.plusSeconds(3));

        assertThat(active.status()).isEqualTo(LinkPaymentStatus.ACTIVE);
        assertThat(renewed.lastPaidAt()).contains(T0.plusSeconds(2));
        assertThat(cancelled.status()).isEqualTo(LinkPaymentStatus.CANCELLED);
        assertThat(cancelled.failureReason()).contains("agreement_revoked");
        assertThat(cancelled.lastPaidAt()).contains(T0.plusSeconds(2));
        assertThat(cancelled.status().holdsLink()).isFalse();
    }

    @Test
    void a_declined_or_failed_payment_frees_the_link_and_ends() {
        var declined = started().declined("denied", T0);
        var failed = started().approved("rsc_1", T0).failed("insufficient_funds", T0);

        assertThat(declined.status().holdsLink()).isFalse();
        assertThat(failed.status().holdsLink()).isFalse();
        assertThat(failed.failureReason()).contains("insufficient_funds");
        assertThatThrownBy(() -> declined.approved("rsc_1", T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> failed.periodPaid(true, T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> declined.cancelled("again", T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void only_an_awaiting_payment_is_approved_or_declined_and_only_an_approved_one_is_paid() {
        var processing = started().approved("rsc_1", T0);

        assertThatThrownBy(() -> processing.approved("rsc_2", T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> processing.declined("denied", T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> started().periodPaid(false, T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> started().failed("x", T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_long_reason_is_cut_to_its_limit_and_an_approved_payment_names_its_schedule() {
        var declined = started().declined("x".repeat(LinkPayment.REASON_LENGTH_MAX + 50), T0);
        var p = started();

        assertThat(declined.failureReason().orElseThrow()).hasSize(LinkPayment.REASON_LENGTH_MAX);
        assertThatThrownBy(() -> new LinkPayment(
                        p.id(),
                        p.mode(),
                        p.linkId(),
                        p.merchantId(),
                        p.bankId(),
                        p.customerId(),
                        p.agreementId(),
                        Optional.empty(),
                        LinkPaymentStatus.PROCESSING,
                        Optional.empty(),
                        Optional.empty(),
                        T0,
                        T0,
                        2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
