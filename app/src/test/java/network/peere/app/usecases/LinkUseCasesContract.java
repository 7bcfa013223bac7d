package network.peere.app.usecases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import network.peere.app.testing.StoreBackend;
import network.peere.core.Peere;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.link.LinkDuration;
import network.peere.core.domain.link.LinkPayment;
import network.peere.core.domain.link.LinkPaymentStatus;
import network.peere.core.domain.recurring.Run;
import network.peere.core.domain.recurring.RunState;
import network.peere.core.domain.recurring.Schedule;
import network.peere.core.domain.recurring.ScheduleStatus;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.webhook.DeliveryRecord;
import network.peere.core.domain.webhook.DeliveryStatus;
import network.peere.core.domain.webhook.RetrySchedules;
import network.peere.core.domain.webhook.WebhookSecret;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.identity.LookUpCustomer;
import network.peere.core.ports.in.link.ManagePaymentLinks;
import network.peere.core.ports.in.link.PayLinks;
import network.peere.core.ports.out.WebhookSender;
import network.peere.core.ports.out.WebhookUrlPolicy;
import network.peere.webhook.AesGcmSecretCipher;
import org.junit.jupiter.api.Test;

/**
 * Payment links paid through the pay page's use cases, renewed by the engine on a clock the test moves, and their
 * callbacks delivered through the webhook machinery to a sender the test scripts, on one store implementation.
 */
abstract class LinkUseCasesContract extends BillingFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 09:00 in Lagos on January 31st. */
    private static final Instant JAN_31 = Instant.parse("2027-01-31T08:00:00Z");

    /** What the sender was asked to send, and the answers it gives in turn (then 200 {"status":"success"}). */
    private final List<WebhookSender.Outgoing> sent = Collections.synchronizedList(new ArrayList<>());

    private final ConcurrentLinkedDeque<WebhookSender.Result> answers = new ConcurrentLinkedDeque<>();

    LinkUseCasesContract(StoreBackend backend) {
        super(backend);
    }

    @Override
    Peere peereOn(StoreBackend.Opened stores) {
        WebhookSender sender = delivery -> {
            sent.add(delivery);
            WebhookSender.Result next = answers.poll();
            return next != null ? next : new WebhookSender.Result.Accepted(200, Duration.ofMillis(3));
        };
        WebhookUrlPolicy anyUrl = (mode, url) -> new WebhookUrlPolicy.Verdict.Allowed();
        return stores.peere(
                now::get,
                new Peere.Webhooks(
                        new AesGcmSecretCipher(new byte[AesGcmSecretCipher.KEY_BYTES]),
                        sender,
                        anyUrl,
                        RetrySchedules.standard()));
    }

    private Caller merchantCaller() {
        return Caller.of(principal(merchant));
    }

    private ManagePaymentLinks.Created link(String secret, Optional<LinkDuration> duration, Optional<String> email) {
        return ok(peere.managePaymentLinks()
                .create(new ManagePaymentLinks.Create(
                        merchantCaller(),
                        new BigDecimal("2500"),
                        NGN,
                        "Gym membership",
                        email,
                        secret,
                        URI.create("https://merchant.example/callbacks"),
                        duration,
                        Optional.of(new Metadata("{\"plan\":\"gold\"}")))));
    }

    private static PayLinks.Identity email(String address) {
        return new PayLinks.Identity(LookUpCustomer.Kind.EMAIL, address);
    }

    private Result<LinkPayment> pay(String linkId, String address) {
        return peere.payLinks().pay(linkId, email(address), bank.id());
    }

    private Agreement agreementOf(LinkPayment payment) {
        return opened.stores()
                .agreements()
                .find(Mode.SANDBOX, payment.agreementId())
                .orElseThrow();
    }

    private LinkPayment reread(LinkPayment payment) {
        return ok(peere.payLinks().payment(payment.linkId(), payment.id())).payment();
    }

    private Schedule scheduleOf(LinkPayment payment) {
        return opened.stores()
                .recurring()
                .find(Mode.SANDBOX, reread(payment).scheduleId().orElseThrow())
                .orElseThrow();
    }

    private Run latestRun(LinkPayment payment) {
        return opened.stores()
                .recurring()
                .runs(Mode.SANDBOX, reread(payment).scheduleId().orElseThrow(), 1)
                .getFirst();
    }

    /** Attempts every due delivery once; returns how many were attempted. */
    private int deliverDue() {
        int attempted = 0;
        for (var claim : peere.deliverWebhooks().claimDue(50)) {
            peere.deliverWebhooks().attempt(claim);
            attempted++;
        }
        return attempted;
    }

    private List<JsonNode> callbacksSent() {
        List<JsonNode> items = new ArrayList<>();
        synchronized (sent) {
            for (var outgoing : sent) {
                if (outgoing.format() instanceof WebhookSender.Format.LinkCallback) {
                    items.add(parse(outgoing.items().getFirst()));
                }
            }
        }
        return items;
    }

    /**
     * The last callback sent with this response. Deliveries due at one instant may go out in any order, so tests
     * pick callbacks by what they say, as a receiver orders them by {@code sequence}.
     */
    private JsonNode callback(String response) {
        return callbacksSent().stream()
                .filter(c -> c.get("response").asText().equals(response))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no " + response + " callback was sent"));
    }

    private static JsonNode parse(String item) {
        try {
            return JSON.readTree(item);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<DeliveryRecord> callbacks(String linkId) {
        return ok(peere.managePaymentLinks().callbacks(merchantCaller(), linkId, Optional.empty(), PageRequest.first()))
                .items();
    }

    @Test
    void a_monthly_link_is_paid_approved_charged_at_once_renewed_next_month_and_each_period_calls_back_paid() {
        now.set(JAN_31);
        var created = link("order-1", Optional.of(LinkDuration.MONTHLY), Optional.empty());
        assertThat(created.callbackKey()).startsWith(WebhookSecret.PREFIX);
        String linkId = created.link().id();
        assertThat(ok(peere.payLinks().page(linkId)).payable()).isTrue();
        assertThat(ok(peere.payLinks().banks(linkId, email("ada@example.com"))))
                .extracting(PayLinks.BankOption::bankId)
                .containsExactly(bank.id());

        LinkPayment payment = ok(pay(linkId, "ada@example.com"));
        assertThat(payment.status()).isEqualTo(LinkPaymentStatus.AWAITING_APPROVAL);
        assertThat(ok(pay(linkId, "ada@example.com")).id())
                .as("paying again (a reload) returns the same payment")
                .isEqualTo(payment.id());
        assertThat(ok(peere.payLinks().page(linkId)).payable())
                .as("the page stays open while the bank decides, so its payer can come back")
                .isTrue();
        Agreement intent = agreementOf(payment);
        assertThat(intent.limits().cap(network.peere.core.domain.agreement.limits.LimitKind.SINGLE))
                .hasValueSatisfying(m -> assertThat(m.toMajor()).isEqualByComparingTo("2500"));

        ok(respond(intent, CustomerDecision.APPROVE_RECURRING));
        assertThat(reread(payment).status()).isEqualTo(LinkPaymentStatus.PROCESSING);
        Run first = latestRun(payment);
        assertThat(first.state()).as("the first period is charged at once").isEqualTo(RunState.SUBMITTED);
        assertThat(first.dueAt()).isEqualTo(JAN_31);

        ok(answer(chargeOf(first), CustomerDecision.APPROVE_RECURRING));
        assertThat(reread(payment).status()).isEqualTo(LinkPaymentStatus.ACTIVE);
        assertThat(reread(payment).lastPaidAt()).contains(JAN_31);
        var verification = ok(peere.managePaymentLinks().verifyBySecret(merchantCaller(), "order-1"));
        assertThat(verification.paid()).isTrue();
        assertThat(verification.lastChargeId()).isEqualTo(first.chargeId());
        assertThat(verification.nextDueAt()).contains(Instant.parse("2027-02-28T08:00:00Z"));
        assertThat(ok(peere.payLinks().page(linkId)).payable())
                .as("a subscribed link holds")
                .isFalse();

        assertThat(deliverDue()).isEqualTo(1);
        JsonNode paid = callbacksSent().getFirst();
        assertThat(paid.get("call_method").asText()).isEqualTo("recurring");
        assertThat(paid.get("secret").asText()).isEqualTo("order-1");
        assertThat(paid.get("response").asText()).isEqualTo("paid");
        assertThat(paid.get("period").asLong()).isZero();
        assertThat(paid.get("amount").decimalValue()).isEqualByComparingTo("2500");
        assertThat(paid.get("currency").asText()).isEqualTo("NGN");
        assertThat(paid.get("reference").asText()).isEqualTo(first.chargeId().orElseThrow());
        assertThat(paid.get("metadata").get("plan").asText()).isEqualTo("gold");
        var form = (WebhookSender.Format.LinkCallback) sent.getLast().format();
        assertThat(form.callbackKey().reveal()).isEqualTo(created.callbackKey());
        assertThat(sent.getLast().url()).isEqualTo(URI.create("https://merchant.example/callbacks"));
        assertThat(callbacks(linkId))
                .singleElement()
                .satisfies(d -> assertThat(d.delivery().status()).isEqualTo(DeliveryStatus.DELIVERED));

        now.set(Instant.parse("2027-02-28T08:00:00Z"));
        peere.runRenewals().runDue(100);
        Run second = latestRun(payment);
        assertThat(second.period()).isEqualTo(1);
        ok(answer(chargeOf(second), CustomerDecision.APPROVE_RECURRING));
        deliverDue();
        assertThat(callbacksSent()).hasSize(2);
        JsonNode renewed = callbacksSent().getLast();
        assertThat(renewed.get("response").asText()).isEqualTo("paid");
        assertThat(renewed.get("period").asLong()).isEqualTo(1);
        assertThat(renewed.get("eventId").asText())
                .isNotEqualTo(paid.get("eventId").asText());
        assertThat(reread(payment).lastPaidAt()).contains(Instant.parse("2027-02-28T08:00:00Z"));
    }

    private LinkPayment subscribed(String secret) {
        var created = link(secret, Optional.of(LinkDuration.MONTHLY), Optional.empty());
        LinkPayment payment = ok(pay(created.link().id(), "ada@example.com"));
        ok(respond(agreementOf(payment), CustomerDecision.APPROVE_RECURRING));
        ok(answer(chargeOf(latestRun(payment)), CustomerDecision.APPROVE_RECURRING));
        return reread(payment);
    }

    @Test
    void a_renewal_declined_for_insufficient_funds_fails_the_subscription_and_calls_back_failed() {
        now.set(JAN_31);
        LinkPayment payment = subscribed("order-2");
        now.set(Instant.parse("2027-02-28T08:00:00Z"));
        peere.runRenewals().runDue(100);

        decline(latestRun(payment), "insufficient_funds");

        assertThat(reread(payment).status()).isEqualTo(LinkPaymentStatus.FAILED);
        assertThat(scheduleOf(payment).status()).isEqualTo(ScheduleStatus.FAILED);
        deliverDue();
        JsonNode failed = callback("failed");
        assertThat(failed.get("response").asText()).isEqualTo("failed");
        assertThat(failed.get("reason").asText()).isEqualTo("insufficient_funds");
        assertThat(failed.get("period").asLong()).isEqualTo(1);
        assertThat(ok(peere.payLinks().page(payment.linkId())).payable())
                .as("a failed subscription frees its link")
                .isTrue();
    }

    @Test
    void the_customers_bank_revoking_the_agreement_cancels_the_subscription_at_once_and_calls_back_cancelled() {
        now.set(JAN_31);
        LinkPayment payment = subscribed("order-3");

        ok(peere.answerIntents().revoke(Caller.of(principal(bank)), payment.agreementId()));

        assertThat(reread(payment).status()).isEqualTo(LinkPaymentStatus.CANCELLED);
        assertThat(scheduleOf(payment).status()).isEqualTo(ScheduleStatus.CANCELLED);
        deliverDue();
        JsonNode cancelled = callback("cancelled");
        assertThat(cancelled.get("response").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("reason").asText()).isEqualTo("agreement_revoked");
        now.set(Instant.parse("2027-02-28T08:00:00Z"));
        assertThat(peere.runRenewals().runDue(100))
                .as("nothing renews after a revocation")
                .isZero();
    }

    @Test
    void a_one_off_link_is_paid_once_and_then_held_so_another_customer_cannot_pay_it() {
        now.set(JAN_31);
        customer("2", "grace@example.com");
        var created = link("invoice-7", Optional.empty(), Optional.empty());
        String linkId = created.link().id();
        LinkPayment payment = ok(pay(linkId, "ada@example.com"));
        assertThat(pay(linkId, "grace@example.com"))
                .as("one payment holds a link while the bank decides")
                .isEqualTo(Result.refused(BillingProblem.PAYMENT_LINK_BUSY));

        ok(respond(agreementOf(payment), CustomerDecision.APPROVE_ONCE));
        ok(answer(chargeOf(latestRun(payment)), CustomerDecision.APPROVE_ONCE));

        assertThat(reread(payment).status()).isEqualTo(LinkPaymentStatus.PAID);
        assertThat(scheduleOf(payment).status()).isEqualTo(ScheduleStatus.COMPLETED);
        assertThat(reread(payment).scheduleId()).isPresent();
        assertThat(pay(linkId, "grace@example.com"))
                .isEqualTo(Result.refused(BillingProblem.PAYMENT_LINK_ALREADY_PAID));
        deliverDue();
        JsonNode paid = callbacksSent().getLast();
        assertThat(paid.get("call_method").asText()).isEqualTo("payment");
        assertThat(paid.get("response").asText()).isEqualTo("paid");
        now.set(Instant.parse("2027-03-31T08:00:00Z"));
        assertThat(peere.runRenewals().runDue(100))
                .as("a one-off link bills once")
                .isZero();
    }

    @Test
    void a_denied_intent_declines_the_payment_frees_the_link_and_sends_no_callback() {
        now.set(JAN_31);
        customer("2", "grace@example.com");
        var created = link("order-4", Optional.of(LinkDuration.QUARTERLY), Optional.empty());
        LinkPayment payment = ok(pay(created.link().id(), "ada@example.com"));

        ok(respond(agreementOf(payment), CustomerDecision.DENY));

        assertThat(reread(payment).status()).isEqualTo(LinkPaymentStatus.DECLINED);
        assertThat(reread(payment).failureReason()).contains("deny");
        assertThat(ok(pay(created.link().id(), "grace@example.com")).status())
                .isEqualTo(LinkPaymentStatus.AWAITING_APPROVAL);
        deliverDue();
        assertThat(callbacksSent()).isEmpty();
    }

    @Test
    void a_link_for_one_customer_refuses_other_identities_and_a_deactivated_link_takes_no_payment() {
        now.set(JAN_31);
        var forAda = link("order-5", Optional.empty(), Optional.of("Ada@Example.com"));
        assertThat(peere.payLinks().banks(forAda.link().id(), email("grace@example.com")))
                .isEqualTo(Result.refused(BillingProblem.INVALID_IDENTITY));
        assertThat(ok(peere.payLinks().banks(forAda.link().id(), email("ada@example.com"))))
                .hasSize(1);

        ok(peere.managePaymentLinks().deactivate(merchantCaller(), forAda.link().id()));
        assertThat(pay(forAda.link().id(), "ada@example.com"))
                .isEqualTo(Result.refused(BillingProblem.PAYMENT_LINK_INACTIVE));
        assertThat(ok(peere.payLinks().page(forAda.link().id())).payable()).isFalse();
        assertThat(peere.payLinks().page("lnk_missing"))
                .isEqualTo(Result.refused(BillingProblem.PAYMENT_LINK_NOT_FOUND));
        assertThat(peere.payLinks().banks(forAda.link().id(), email("nobody@example.com")))
                .isEqualTo(Result.refused(BillingProblem.PAYMENT_LINK_INACTIVE));
    }

    @Test
    void a_callback_answered_200_without_success_for_two_days_is_retried_until_acknowledged_then_stops() {
        now.set(JAN_31);
        LinkPayment payment = subscribed("order-6");
        Duration unacknowledgedFor = Duration.ofDays(2);
        Instant until = JAN_31.plus(unacknowledgedFor);
        int attempts = 0;
        while (now.get().isBefore(until)) {
            for (int i = 0; i < 5; i++) {
                answers.add(new WebhookSender.Result.Unacknowledged(200, Duration.ofMillis(2), "2xx without success"));
            }
            attempts += deliverDue();
            answers.clear();
            now.set(now.get().plus(Duration.ofMinutes(30)));
        }
        assertThat(attempts).as("retried over two days with backoff").isBetween(4, 60);
        DeliveryRecord pending = callbacks(payment.linkId()).getFirst();
        assertThat(pending.delivery().status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(pending.attempts()).allSatisfy(a -> assertThat(a.error()).isPresent());

        now.set(now.get().plus(Duration.ofDays(1)));
        assertThat(deliverDue()).isEqualTo(1);
        DeliveryRecord acknowledged = callbacks(payment.linkId()).getFirst();
        assertThat(acknowledged.delivery().status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(acknowledged.attempts()).hasSize(attempts + 1);
        now.set(now.get().plus(Duration.ofDays(3)));
        assertThat(deliverDue())
                .as("an acknowledged callback is not sent again")
                .isZero();

        String eventId = acknowledged.eventIds().getFirst();
        assertThat(ok(peere.managePaymentLinks().replayCallback(merchantCaller(), payment.linkId(), eventId)))
                .startsWith("batch");
        assertThat(deliverDue()).isEqualTo(1);
        assertThat(callbacksSent().getLast().get("eventId").asText()).isEqualTo(eventId);
        assertThat(peere.managePaymentLinks().replayCallback(merchantCaller(), payment.linkId(), "evt_nope"))
                .isEqualTo(Result.refused(BillingProblem.CALLBACK_NOT_FOUND));
    }

    @Test
    void the_callback_key_is_stored_sealed_not_in_clear() {
        var created = link("order-8", Optional.empty(), Optional.empty());
        var sealed = opened.stores()
                .paymentLinks()
                .callbackKey(Mode.SANDBOX, merchant.id())
                .orElseThrow();
        assertThat(sealed.value()).doesNotContain(created.callbackKey().substring(WebhookSecret.PREFIX.length()));
        assertThat(link("order-9", Optional.empty(), Optional.empty()).callbackKey())
                .as("one key per merchant")
                .isEqualTo(created.callbackKey());
    }

    @Test
    void two_customers_paying_one_link_at_once_start_exactly_one_payment() throws Exception {
        now.set(JAN_31);
        customer("2", "grace@example.com");
        String linkId =
                link("order-10", Optional.empty(), Optional.empty()).link().id();
        int threads = 2;
        var barrier = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Result<LinkPayment>>> results = new ArrayList<>();
            for (String who : List.of("ada@example.com", "grace@example.com")) {
                results.add(pool.submit(() -> {
                    barrier.await();
                    return pay(linkId, who);
                }));
            }
            int won = 0;
            for (var result : results) {
                Result<LinkPayment> outcome = result.get();
                if (outcome instanceof Result.Ok<LinkPayment>) {
                    won++;
                } else {
                    assertThat(outcome).isEqualTo(Result.refused(BillingProblem.PAYMENT_LINK_BUSY));
                }
            }
            assertThat(won).isEqualTo(1);
            assertThat(opened.stores().paymentLinks().payments(Mode.SANDBOX, linkId, 10))
                    .as("the loser's intent rolled back with it")
                    .hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_payment_left_waiting_past_the_hold_is_withdrawn_when_another_customer_pays() {
        now.set(JAN_31);
        customer("2", "grace@example.com");
        String linkId =
                link("order-11", Optional.empty(), Optional.empty()).link().id();
        LinkPayment waiting = ok(pay(linkId, "ada@example.com"));
        assertThat(pay(linkId, "grace@example.com")).isEqualTo(Result.refused(BillingProblem.PAYMENT_LINK_BUSY));

        now.set(JAN_31.plus(LinkPayment.WAIT_HOLD));
        LinkPayment taken = ok(pay(linkId, "grace@example.com"));

        assertThat(taken.id()).isNotEqualTo(waiting.id());
        assertThat(reread(waiting).status()).isEqualTo(LinkPaymentStatus.DECLINED);
        assertThat(agreementOf(waiting).status())
                .as("the abandoned intent is withdrawn at the bank")
                .isEqualTo(network.peere.core.domain.agreement.AgreementStatus.REVOKED);
        assertThat(respond(agreementOf(waiting), CustomerDecision.APPROVE_ONCE))
                .as("a late answer to the withdrawn intent charges nothing")
                .isInstanceOf(Result.Refused.class);
    }

    @Test
    void a_link_deactivated_while_its_payment_waits_is_not_charged_on_approval() {
        now.set(JAN_31);
        String linkId =
                link("order-12", Optional.empty(), Optional.empty()).link().id();
        LinkPayment payment = ok(pay(linkId, "ada@example.com"));
        ok(peere.managePaymentLinks().deactivate(merchantCaller(), linkId));

        ok(respond(agreementOf(payment), CustomerDecision.APPROVE_ONCE));

        assertThat(reread(payment).status()).isEqualTo(LinkPaymentStatus.DECLINED);
        assertThat(reread(payment).failureReason()).contains("payment_link_inactive");
        assertThat(reread(payment).scheduleId()).isEmpty();
    }

    @Test
    void a_recurring_link_its_customer_approves_once_is_charged_one_period_only() {
        now.set(JAN_31);
        String linkId = link("order-13", Optional.of(LinkDuration.MONTHLY), Optional.empty())
                .link()
                .id();
        LinkPayment payment = ok(pay(linkId, "ada@example.com"));

        ok(respond(agreementOf(payment), CustomerDecision.APPROVE_ONCE));
        ok(answer(chargeOf(latestRun(payment)), CustomerDecision.APPROVE_ONCE));

        assertThat(reread(payment).status()).isEqualTo(LinkPaymentStatus.PAID);
        assertThat(scheduleOf(payment).status()).isEqualTo(ScheduleStatus.COMPLETED);
        now.set(Instant.parse("2027-02-28T08:00:00Z"));
        assertThat(peere.runRenewals().runDue(100)).isZero();
    }

    @Test
    void a_renewal_at_the_bank_when_the_subscription_is_cancelled_still_reports_its_payment_and_never_a_failure() {
        now.set(JAN_31);
        LinkPayment payment = subscribed("order-14");
        now.set(Instant.parse("2027-02-28T08:00:00Z"));
        peere.runRenewals().runDue(100);
        Run atTheBank = latestRun(payment);
        assertThat(atTheBank.state()).isEqualTo(RunState.SUBMITTED);

        ok(peere.answerIntents().revoke(Caller.of(principal(bank)), payment.agreementId()));
        ok(answer(chargeOf(atTheBank), CustomerDecision.APPROVE_RECURRING));

        assertThat(reread(payment).status()).isEqualTo(LinkPaymentStatus.CANCELLED);
        assertThat(reread(payment).lastPaidAt()).contains(Instant.parse("2027-02-28T08:00:00Z"));
        deliverDue();
        // Deliveries may overtake each other; each link's events carry their causal order in "sequence".
        List<JsonNode> heard = new ArrayList<>(callbacksSent());
        heard.sort(java.util.Comparator.comparingLong(c -> c.get("sequence").asLong()));
        assertThat(heard).extracting(c -> c.get("response").asText()).containsExactly("paid", "cancelled", "paid");
        assertThat(heard.getLast().get("subscriptionStatus").asText())
                .as("a period paid after the cancellation does not revive the subscription")
                .isEqualTo("cancelled");

        LinkPayment other = subscribed("order-15");
        now.set(Instant.parse("2027-03-31T08:00:00Z"));
        peere.runRenewals().runDue(100);
        Run declinedLater = latestRun(other);
        ok(peere.answerIntents().revoke(Caller.of(principal(bank)), other.agreementId()));
        decline(declinedLater, "insufficient_funds");
        deliverDue();
        assertThat(callbacksSent().stream()
                        .filter(c -> c.get("secret").asText().equals("order-15"))
                        .map(c -> c.get("response").asText()))
                .as("no failure is reported after a cancellation")
                .containsExactlyInAnyOrder("paid", "cancelled");
    }
}
