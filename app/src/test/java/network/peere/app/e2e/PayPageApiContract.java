package network.peere.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import network.peere.app.testing.HttpApi;
import network.peere.app.testing.Response;
import network.peere.app.testing.RunningServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hosted pay page's public routes through HTTP, without a key: the page and its headers, the bank lookup, paying
 * and following a payment until the simulated bank answers, the refusals, and the per-address rate limit. Each call
 * comes from a loopback address of its own ({@link #client()}), so the limit never throttles what a test does not
 * mean it to. One subclass per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PayPageApiContract {
    static final Map<String, String> SETTINGS = Map.of("PEERE_SANDBOX_BANK_POLL_MS", "50");
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    RunningServer server;
    HttpApi api;
    SandboxNetwork network;
    String merchant;
    String bankKey;

    abstract RunningServer start(Path dataDir);

    void afterStop() {}

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        server = start(dataDir);
        api = server.api();
        network = new SandboxNetwork(server);
        merchant = network.keyOf(network.create(
                "/v1/operator/merchants",
                "{\"name\":\"<Gym> & \\\"Spa\\\"\",\"email\":\"gym@pay-api.test\",\"trustLevel\":\"enhanced\"}"));
        bankKey = network.keyOf(network.simulatedBank("Page Bank"));
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
        afterStop();
    }

    @Test
    void the_page_shows_the_link_escaped_with_headers_that_keep_it_out_of_frames_and_caches() {
        String id = link("\"recurring\":true,\"recurringDuration\":\"quarterly\",", "<script>alert(1)</script>");

        Response page = client().get("/pay/" + id, null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert")
                .contains("&lt;Gym&gt; &amp; &quot;Spa&quot;")
                .contains("2,500.00 NGN")
                .contains("every 3 months")
                .contains("<label for=\"identity\">")
                .contains("name=\"viewport\"");
        assertThat(page.header("Content-Security-Policy"))
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void the_assets_the_page_links_are_cached_for_good_and_other_urls_revalidated() {
        String page = client().get("/pay/" + link("", "Gym"), null).body();
        String script = page.replaceAll("(?s).*<script src=\"([^\"]+)\".*", "$1");

        Response js = client().get(script, null);
        Response unversioned = client().get("/pay/assets/pay.css", null);

        assertThat(script).startsWith("/pay/assets/pay.js?v=");
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.contentType()).startsWith("text/javascript");
        assertThat(js.header("Cache-Control")).contains("immutable");
        assertThat(unversioned.contentType()).startsWith("text/css");
        assertThat(unversioned.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(client().get("/pay/assets/other.js", null).status()).isEqualTo(404);
    }

    @Test
    void an_unknown_link_answers_a_404_page() {
        Response page = client().get("/pay/lnk_NOSUCHLINK", null);

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("Payment link not found");
        assertThat(client().post("/pay/lnk_NOSUCHLINK/banks", null, "{\"email\":\"a@b.test\"}")
                        .code())
                .isEqualTo("payment_link_not_found");
    }

    @Test
    void a_customer_finds_their_bank_pays_and_follows_the_payment_until_the_period_is_paid() {
        SandboxNetwork.Customer customer = network.newCustomer(bankKey);
        String id = link("\"recurring\":true,\"recurringDuration\":\"monthly\",", "Gym");

        Response banks = client().post("/pay/" + id + "/banks", null, email(customer));

        assertThat(banks.status()).as(banks.body()).isEqualTo(200);
        JsonNode bank = banks.data().get("banks").get(0);
        assertThat(bank.get("bankName").asText()).isEqualTo("Page Bank");
        assertThat(bank.get("accountName").asText()).isNotEmpty();
        assertThat(bank.has("phrase")).as("no phrase leaves the server").isFalse();
        Response paid = client().post("/pay/" + id + "/payments", null, pay(customer, bank));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        String paymentId = paid.data().get("paymentId").asText();
        assertThat(paid.data().has("customerId")).isFalse();
        JsonNode active = awaitStatus(id, paymentId, "active");
        assertThat(active.get("lastPaidAt").isTextual()).isTrue();
        assertThat(active.get("nextDueAt").isTextual()).isTrue();
        assertThat(active.get("failureReason").isNull()).isTrue();
        Response again = client().post("/pay/" + id + "/payments", null, pay(customer, bank));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.data().get("paymentId").asText()).isEqualTo(paymentId);
        assertThat(again.data().get("status").asText()).isEqualTo("active");
        SandboxNetwork.Customer other = network.newCustomer(bankKey);
        Response taken = client().post("/pay/" + id + "/payments", null, pay(other, bank));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("payment_link_already_paid");
        Response closed = client().get("/pay/" + id, null);
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.body()).contains("This link cannot be paid").doesNotContain("identify-form");
    }

    @Test
    void a_denied_intent_makes_the_payment_declined_and_frees_the_link() {
        SandboxNetwork.Customer denied = network.newCustomer(bankKey, "+deny");
        String id = link("", "Once");
        JsonNode bank = client().post("/pay/" + id + "/banks", null, email(denied))
                .data()
                .get("banks")
                .get(0);

        String paymentId = client().post("/pay/" + id + "/payments", null, pay(denied, bank))
                .data()
                .get("paymentId")
                .asText();

        JsonNode declined = awaitStatus(id, paymentId, "declined");
        assertThat(declined.get("failureReason").asText()).isNotEmpty();
        assertThat(client().get("/pay/" + id, null).body()).contains("identify-form");
    }

    @Test
    void bodies_are_validated_before_anything_is_looked_up() {
        String id = link("", "Gym");
        String banks = "/pay/" + id + "/banks";

        assertThat(client().post(banks, null, "{}").code()).isEqualTo("invalid_request");
        assertThat(client().post(banks, null, "{\"email\":\"a@b.test\",\"phone\":\"+2348031234567\"}")
                        .code())
                .isEqualTo("invalid_request");
        Response unknown = client().post(banks, null, "{\"email\":\"a@b.test\",\"name\":\"Ada\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown_field");
        assertThat(client().post(banks, null, "{\"email\":").code()).isEqualTo("malformed_json");
        assertThat(client().post(banks, null, "[]").code()).isEqualTo("malformed_json");
        assertThat(client().post(banks, null, "{\"email\":\"not-an-email\"}").code())
                .isEqualTo("invalid_identity");
        assertThat(client().post(banks, null, "{\"phone\":\"+2348031234567\"}").code())
                .isEqualTo("customer_not_found");
        Response noBank = client().post("/pay/" + id + "/payments", null, "{\"email\":\"a@b.test\"}");
        assertThat(noBank.status()).isEqualTo(400);
        assertThat(noBank.body()).contains("bankId");
        assertThat(client().post("/pay/" + id + "/payments", null, "{\"email\":\"a@b.test\",\"bankId\":\"x y\"}")
                        .code())
                .isEqualTo("invalid_request");
        assertThat(client().get("/pay/" + id + "/payments/lpy_NOSUCH", null).code())
                .isEqualTo("link_payment_not_found");
    }

    @Test
    void another_site_cannot_drive_the_pay_calls_from_its_visitors_browsers() {
        String banks = "/pay/" + link("", "Gym") + "/banks";
        String body = "{\"email\":\"a@b.test\"}";

        Response plain = client().send("POST", banks, null, body, Map.of("Content-Type", "text/plain"));
        assertThat(plain.status())
                .as("a simple cross-site request has no JSON type")
                .isEqualTo(415);
        assertThat(plain.code()).isEqualTo("unsupported_media_type");
        Response crossSite = client().send(
                        "POST",
                        banks,
                        null,
                        body,
                        Map.of("Content-Type", "application/json", "Sec-Fetch-Site", "cross-site"));
        assertThat(crossSite.status()).isEqualTo(403);
        Response sameOrigin = client().send(
                        "POST",
                        banks,
                        null,
                        body,
                        Map.of("Content-Type", "application/json", "Sec-Fetch-Site", "same-origin"));
        assertThat(sameOrigin.code()).as("the page's own call gets through").isEqualTo("customer_not_found");
    }

    @Test
    void a_link_for_one_customer_takes_only_that_customers_email() {
        SandboxNetwork.Customer customer = network.newCustomer(bankKey);
        String id = link("\"customerEmail\":\"" + customer.email() + "\",", "Yours");

        assertThat(client().post("/pay/" + id + "/banks", null, "{\"email\":\"someone-else@example.com\"}")
                        .code())
                .isEqualTo("invalid_identity");
        assertThat(client().post("/pay/" + id + "/banks", null, email(customer)).status())
                .isEqualTo(200);
    }

    @Test
    void a_deactivated_link_shows_that_it_cannot_be_paid_and_refuses_lookups() {
        String id = link("", "Old");
        assertThat(api.post("/v1/payment-links/" + id + "/deactivate", merchant, "")
                        .status())
                .isEqualTo(200);

        Response page = client().get("/pay/" + id, null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("switched this payment link off");
        assertThat(client().post("/pay/" + id + "/banks", null, "{\"email\":\"a@b.test\"}")
                        .code())
                .isEqualTo("payment_link_inactive");
    }

    @Test
    void one_address_probing_for_customers_is_throttled_and_others_are_not() {
        String banks = "/pay/" + link("", "Gym") + "/banks";

        HttpApi prober = client();
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(prober.post(banks, null, "{\"email\":\"probe-" + i + "@example.com\"}"));
        }

        Response refused = answers.stream()
                .filter(r -> r.status() == 429)
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no 429 among " + answers.stream().map(Response::status).toList()));
        assertThat(refused.code()).isEqualTo("rate_limited");
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("30");
        assertThat(prober.get("/pay/assets/pay.js", null).status())
                .as("assets are not limited")
                .isEqualTo(200);
        assertThat(client().post(banks, null, "{\"email\":\"probe@example.com\"}")
                        .status())
                .as("another address")
                .isEqualTo(404);
    }

    /** The customer's side of the page, from a loopback address no other call used. */
    private HttpApi client() {
        int n = CLIENTS.incrementAndGet();
        try {
            return api.from(InetAddress.getByAddress(new byte[] {127, 0, (byte) (n / 250), (byte) (2 + n % 250)}));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode awaitStatus(String linkId, String paymentId, String status) {
        String path = "/pay/" + linkId + "/payments/" + paymentId;
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> status.equals(
                        client().get(path, null).data().get("status").asText()));
        return client().get(path, null).data();
    }

    private String link(String extraFields, String description) {
        Response created = api.post("/v1/payment-links", merchant, """
                {%s"amount":2500,"currency":"NGN","description":"%s",\
                "secret":"page-%d","callbackUrl":"http://127.0.0.1:9/callback"}""".formatted(
                        extraFields, description.replace("\"", "\\\""), System.nanoTime()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.data().get("linkId").asText();
    }

    private static String email(SandboxNetwork.Customer customer) {
        return "{\"email\":\"" + customer.email() + "\"}";
    }

    private static String pay(SandboxNetwork.Customer customer, JsonNode bank) {
        return "{\"email\":\"" + customer.email() + "\",\"bankId\":\""
                + bank.get("bankId").asText() + "\"}";
    }
}
