package network.peere.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import network.peere.app.testing.HttpApi;
import network.peere.app.testing.Response;
import network.peere.app.testing.RunningServer;
import network.peere.app.testing.ShiftedClock;
import network.peere.app.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payment links end to end through HTTP, on a clock the test drives: a customer subscribes on the pay page's JSON
 * routes at the simulated sandbox bank, the merchant's real callback receiver hears {@code paid} for the first period
 * and for a renewal a month later, then {@code failed} when the bank declines a renewal for insufficient funds, {@code
 * cancelled} when the bank revokes, and a receiver that answers 200 without {@code {"status":"success"}} for two days
 * is called again until it acknowledges, then no more. One subclass per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LinkCallbacksApiContract {
    static final Map<String, String> FAST = Map.of(
            "PEERE_RENEWAL_INTERVAL", "50ms",
            "PEERE_SANDBOX_BANK_POLL_MS", "25",
            "PEERE_WEBHOOK_POLL_MS", "25",
            "PEERE_WEBHOOK_TIMEOUT_MS", "1000");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SUCCESS = "{\"status\":\"success\"}";

    final ShiftedClock clock = new ShiftedClock();
    private final WebhookReceiver receiver = new WebhookReceiver();
    RunningServer server;
    HttpApi api;
    SandboxNetwork network;
    String bankId;
    String bank;
    String merchant;

    abstract RunningServer start(Path dataDir, ShiftedClock clock);

    void afterStop() {}

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        receiver.start();
        server = start(dataDir, clock);
        api = server.api();
        network = new SandboxNetwork(server);
        bankId = network.simulatedBank("Link Bank");
        bank = network.keyOf(bankId);
        merchant = network.keyOf(network.create(
                "/v1/operator/merchants",
                "{\"name\":\"Gym Lagos\",\"email\":\"gym@links.test\",\"trustLevel\":\"enhanced\"}"));
    }

    @AfterAll
    void stopServer() {
        receiver.close();
        if (server != null) {
            server.close();
        }
        afterStop();
    }

    private record Link(String id, String secret, String callbackKey) {}

    private Link monthlyLink(String secret, String amount) {
        Response created = api.post(
                "/v1/payment-links", merchant, """
                {"amount":%s,"currency":"NGN","description":"Gym membership","secret":"%s",
                 "callbackUrl":"%s","recurring":true,"recurringDuration":"monthly","metadata":{"plan":"gold"}}""".formatted(amount, secret, receiver.url("/callbacks/" + secret)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Link(
                created.data().get("linkId").asText(),
                secret,
                created.data().get("callbackKey").asText());
    }

    /** The customer on the pay page: finds the bank by e-mail and subscribes; answers the payment id. */
    private String subscribe(Link link, SandboxNetwork.Customer customer) {
        Response banks = api.post("/pay/" + link.id() + "/banks", null, "{\"email\":\"" + customer.email() + "\"}");
        assertThat(banks.status()).as(banks.body()).isEqualTo(200);
        assertThat(banks.data().get("banks").get(0).get("bankId").asText()).isEqualTo(bankId);
        Response paid = api.post(
                "/pay/" + link.id() + "/payments",
                null,
                "{\"email\":\"" + customer.email() + "\",\"bankId\":\"" + bankId + "\"}");
        assertThat(paid.status()).as(paid.body()).isIn(200, 201);
        return paid.data().get("paymentId").asText();
    }

    private String paymentStatus(Link link, String paymentId) {
        return api.get("/pay/" + link.id() + "/payments/" + paymentId, null)
                .data()
                .get("status")
                .asText();
    }

    private static Map<String, String> form(WebhookReceiver.Received received) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : new String(received.body(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            fields.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** The callbacks this link's receiver path got, in arrival order. */
    private List<WebhookReceiver.Received> callbacksOf(Link link) {
        return receiver.received().stream()
                .filter(r -> form(r).get("secret").equals(link.secret()))
                .toList();
    }

    /** The first callback of this link with this response and period that arrived. */
    private Map<String, String> awaitCallback(Link link, String response, String period) {
        return await().atMost(WAIT)
                .until(
                        () -> callbacksOf(link).stream()
                                .map(LinkCallbacksApiContract::form)
                                .filter(f -> f.get("response").equals(response)
                                        && (period == null || period.equals(f.get("period"))))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    private static String hmacHex(String key, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void a_monthly_subscription_calls_back_paid_each_period_then_failed_when_the_bank_declines_a_renewal()
            throws Exception {
        receiver.behave(WebhookReceiver.Behaviour.answer(200, SUCCESS));
        Link link = monthlyLink("sub-renewals", "2500");
        SandboxNetwork.Customer ada = network.newCustomer(bank);
        String payment = subscribe(link, ada);
        await().atMost(WAIT).until(() -> paymentStatus(link, payment).equals("active"));

        Map<String, String> first = awaitCallback(link, "paid", "0");
        assertThat(first).containsEntry("call_method", "recurring").containsEntry("currency", "NGN");
        assertThat(new java.math.BigDecimal(first.get("amount"))).isEqualByComparingTo("2500");
        assertThat(first.get("eventId")).startsWith("evt_");
        assertThat(first.get("reference")).isNotBlank();
        assertThat(first.get("metadata")).contains("\"plan\":\"gold\"");
        WebhookReceiver.Received raw = callbacksOf(link).getFirst();
        assertThat(raw.header("api-secret-key")).isEqualTo(link.callbackKey());
        assertThat(raw.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(raw.header("X-Peere-Signature")).isEqualTo("sha256=" + hmacHex(link.callbackKey(), raw.body()));
        Response verified = api.get("/v1/payment-links/" + link.id() + "/verification", merchant);
        assertThat(verified.data().get("paid").asBoolean()).as(verified.body()).isTrue();

        clock.advance(Duration.ofDays(31));
        assertThat(awaitCallback(link, "paid", "1").get("eventId")).isNotEqualTo(first.get("eventId"));

        // The bank stops being simulated and declines the next renewal itself.
        Response manual =
                api.put("/v1/operator/banks/" + bankId + "/simulation", server.operatorKey(), "{\"enabled\":false}");
        assertThat(manual.status()).as(manual.body()).isEqualTo(200);
        try {
            String schedule = first.get("scheduleId");
            clock.advance(Duration.ofDays(31));
            JsonNode run = await().atMost(WAIT)
                    .until(
                            () -> api.get("/v1/recurring/" + schedule, merchant)
                                    .data()
                                    .get("runs")
                                    .get(0),
                            r -> r.get("period").asInt() == 2
                                    && "submitted".equals(r.get("state").asText()));
            Response declined = api.post("/v1/billing/bank-response", bank, """
                    {"billingRequestId":"%s","action":"deny","declineReason":"insufficient_funds"}""".formatted(
                            run.get("transactionId").asText()));
            assertThat(declined.status()).as(declined.body()).isIn(200, 201);

            Map<String, String> failed = awaitCallback(link, "failed", "2");
            assertThat(failed).containsEntry("reason", "insufficient_funds");
            assertThat(paymentStatus(link, payment)).isEqualTo("failed");
        } finally {
            api.put("/v1/operator/banks/" + bankId + "/simulation", server.operatorKey(), "{\"enabled\":true}");
        }
    }

    @Test
    void the_bank_revoking_the_agreement_calls_back_cancelled() {
        receiver.behave(WebhookReceiver.Behaviour.answer(200, SUCCESS));
        Link link = monthlyLink("sub-revoked", "3000");
        String payment = subscribe(link, network.newCustomer(bank));
        await().atMost(WAIT).until(() -> paymentStatus(link, payment).equals("active"));
        String decision = awaitCallback(link, "paid", "0").get("customerDecisionId");
        Response payments = api.get("/v1/payment-links/" + link.id() + "/payments", merchant);
        assertThat(payments.status()).as(payments.body()).isEqualTo(200);
        JsonNode listed = payments.data().get("payments").get(0);
        assertThat(listed.get("paymentId").asText()).isEqualTo(payment);
        assertThat(listed.get("status").asText()).isEqualTo("active");
        assertThat(listed.get("customerDecisionId").asText()).isEqualTo(decision);
        assertThat(listed.get("scheduleId").asText()).startsWith("rsc_");

        Response revoked = api.post("/v1/customer-decisions/" + decision + "/revoke", bank, "{}");
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

        assertThat(awaitCallback(link, "cancelled", null)).containsEntry("reason", "agreement_revoked");
        assertThat(paymentStatus(link, payment)).isEqualTo("cancelled");
        assertThat(api.get("/v1/payment-links/" + link.id() + "/payments", merchant)
                        .data()
                        .get("payments")
                        .get(0)
                        .get("status")
                        .asText())
                .isEqualTo("cancelled");
    }

    @Test
    void a_receiver_answering_200_without_success_for_two_days_is_called_again_until_it_acknowledges() {
        receiver.behave(WebhookReceiver.Behaviour.answer(200, "OK"));
        Link link = monthlyLink("sub-unacknowledged", "3500");
        String payment = subscribe(link, network.newCustomer(bank));
        await().atMost(WAIT).until(() -> paymentStatus(link, payment).equals("active"));
        awaitCallback(link, "paid", "0");

        Instant start = clock.now();
        while (clock.now().isBefore(start.plus(Duration.ofDays(2)))) {
            clock.advance(Duration.ofMinutes(45));
            int seen = callbacksOf(link).size();
            // Give the delivery worker a moment on each step; a due retry arrives within it.
            await().pollDelay(Duration.ofMillis(60))
                    .atMost(WAIT)
                    .until(() -> callbacksOf(link).size() >= seen);
        }
        int unacknowledged = callbacksOf(link).size();
        assertThat(unacknowledged).as("retried with backoff over two days").isBetween(4, 70);
        Response listed = api.get("/v1/payment-links/" + link.id() + "/callbacks", merchant);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);

        receiver.behave(WebhookReceiver.Behaviour.answer(200, SUCCESS));
        clock.advance(Duration.ofDays(1));
        await().atMost(WAIT).until(() -> callbacksOf(link).size() == unacknowledged + 1);
        clock.advance(Duration.ofDays(3));
        await().pollDelay(Duration.ofMillis(500)).atMost(WAIT).until(() -> true);
        assertThat(callbacksOf(link)).as("acknowledged: no more calls").hasSize(unacknowledged + 1);
        assertThat(callbacksOf(link).stream()
                        .map(LinkCallbacksApiContract::form)
                        .map(f -> f.get("eventId")))
                .as("every call repeats the same event")
                .containsOnly(form(callbacksOf(link).getFirst()).get("eventId"));
    }
}
