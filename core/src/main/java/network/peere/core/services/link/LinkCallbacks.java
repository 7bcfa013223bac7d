package network.peere.core.services.link;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import network.peere.core.domain.link.LinkPayment;
import network.peere.core.domain.link.LinkPaymentStatus;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.recurring.Run;
import network.peere.core.domain.recurring.Schedule;
import network.peere.core.domain.shared.WireEnums;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.services.recurring.ScheduleOutcomes;
import network.peere.core.services.webhook.EventPublisher;

/**
 * A link schedule's outcomes as the merchant hears them: the link's payment moves on, and a callback (peerwallet-api.md
 * §2.3) is queued to the link's callback URL in the same transaction: {@code call_method} ({@code recurring}, or
 * {@code payment} for a one-off link), {@code secret}, {@code response} ({@code paid}, {@code failed}, {@code
 * cancelled}), then what a careful receiver needs to de-duplicate and check it (the event's id and sequence, the link,
 * payment and schedule, the period, amount, currency, reference and due date). Schedules no link made are left alone.
 */
public final class LinkCallbacks implements ScheduleOutcomes {
    private final PeereStores stores;
    private final Clock clock;
    private final EventPublisher publisher;

    public LinkCallbacks(PeereStores stores, Clock clock, EventPublisher publisher) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public void runPaid(Schedule schedule, Run run) {
        report(schedule, Optional.of(run), "paid", Optional.empty(), p -> {
            if (p.status() == LinkPaymentStatus.CANCELLED || p.status() == LinkPaymentStatus.FAILED) {
                return p.paidAfterEnd(clock.now());
            }
            // A link's schedule has no end when it renews (RecurringService.startForLink), one period otherwise.
            boolean renews = schedule.ending().maxBillings().isEmpty();
            return p.status().isFinal() ? p : p.periodPaid(renews, clock.now());
        });
    }

    /** A failure after the subscription ended (a charge at the bank when it was cancelled) tells nothing new. */
    @Override
    public void runFailed(Schedule schedule, Run run) {
        String reason = run.failureReason().orElse("failed");
        report(
                schedule,
                Optional.of(run),
                "failed",
                Optional.of(reason),
                p -> p.status().isFinal() ? null : p.failed(reason, clock.now()));
    }

    @Override
    public void cancelled(Schedule schedule, String reason) {
        report(
                schedule,
                Optional.empty(),
                "cancelled",
                Optional.of(reason),
                p -> p.status().isFinal() ? null : p.cancelled(reason, clock.now()));
    }

    /** {@code change} answers the payment's next state, or null when the event tells the merchant nothing new. */
    private void report(
            Schedule schedule,
            Optional<Run> run,
            String response,
            Optional<String> reason,
            UnaryOperator<LinkPayment> change) {
        if (schedule.linkPaymentId().isEmpty()) {
            return;
        }
        var mode = schedule.mode();
        LinkPayment payment = stores.paymentLinks()
                .findPayment(mode, schedule.linkPaymentId().get())
                .orElseThrow(() -> new IllegalStateException("schedule " + schedule.id() + " names a missing payment"));
        PaymentLink link = stores.paymentLinks()
                .find(mode, payment.linkId())
                .orElseThrow(() -> new IllegalStateException("payment " + payment.id() + " of a missing link"));
        LinkPayment next = change.apply(payment);
        if (next == null) {
            return;
        }
        if (next != payment && !stores.paymentLinks().updatePayment(next)) {
            // The payment's other writers (the pay page's start, the decision) are done before a schedule exists.
            throw new IllegalStateException("link payment " + payment.id() + " changed under its schedule");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("call_method", link.recurring() ? "recurring" : "payment");
        data.put("secret", link.terms().secret());
        data.put("response", response);
        data.put("payId", link.id());
        data.put("paymentId", payment.id());
        data.put("scheduleId", schedule.id());
        data.put("customerDecisionId", schedule.agreementId());
        // A run's amount was locked at its notice; a cancellation names the schedule's.
        var amount = run.map(Run::amount).orElse(schedule.amount());
        run.ifPresent(r -> data.put("period", r.period()));
        data.put("amount", amount.toMajor());
        data.put("currency", amount.currency().getCurrencyCode());
        run.ifPresent(r -> {
            data.put("dueDate", r.dueAt());
            data.put("reference", r.chargeId().orElse(null));
        });
        data.put("reason", reason.orElse(null));
        // Where the payment stands after this event: a period paid after a cancellation stays "cancelled".
        data.put("subscriptionStatus", WireEnums.wireName(next.status()));
        data.put("metadata", link.terms().metadata().orElse(null));
        publisher.publishWithTarget(
                mode,
                link.merchantId(),
                EventType.PAYMENT_LINK_CALLBACK,
                link.id(),
                data,
                new WebhookEndpointId(link.id()));
    }
}
