package network.peere.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import network.peere.app.testing.HttpApi;
import network.peere.app.testing.Response;
import network.peere.app.testing.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payment links through HTTP: created one-off and recurring with a pay URL and the merchant's callback key, a duplicate
 * secret refused, listed, read, deactivated, verified by id and by secret, their (still empty) callbacks listed, an
 * unknown callback refused for replay, and all of it invisible to another merchant. One subclass per database. Paying
 * a link and its callbacks are in {@code LinkCallbacksApiContract}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PaymentLinkApiContract {
    static final Map<String, String> SETTINGS = Map.of();

    RunningServer server;
    HttpApi api;
    SandboxNetwork network;
    String merchant;
    String otherMerchant;

    abstract RunningServer start(Path dataDir);

    void afterStop() {}

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        server = start(dataDir);
        api = server.api();
        network = new SandboxNetwork(server);
        merchant = network.keyOf(network.create(
                "/v1/operator/merchants",
                "{\"name\":\"Gym Links\",\"email\":\"gym@links.test\",\"trustLevel\":\"enhanced\"}"));
        otherMerchant = network.keyOf(network.create(
                "/v1/operator/merchants",
                "{\"name\":\"Other\",\"email\":\"other@links.test\",\"trustLevel\":\"enhanced\"}"));
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
        afterStop();
    }

    @Test
    void a_recurring_link_answers_its_pay_url_and_the_merchants_callback_key() {
        Response created = create(merchant, "gold-1", "\"recurring\":true,\"recurringDuration\":\"half_yearly\",");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode link = created.data();
        String id = link.get("linkId").asText();
        assertThat(id).startsWith("lnk_");
        assertThat(link.get("payUrl").asText()).endsWith("/pay/" + id).startsWith("http");
        assertThat(link.get("status").asText()).isEqualTo("active");
        assertThat(link.get("recurringDuration").asText()).isEqualTo("half_yearly");
        assertThat(link.get("metadata").get("plan").asText()).isEqualTo("gold");
        String key = link.get("callbackKey").asText();
        assertThat(key).as("a webhook-style secret, not an API key").startsWith("whsec_");
        Response second = create(merchant, "gold-2", "");
        assertThat(second.data().get("callbackKey").asText())
                .as("one key per merchant")
                .isEqualTo(key);
        assertThat(second.data().get("recurring").asBoolean()).isFalse();
        JsonNode read = api.get("/v1/payment-links/" + id, merchant).data();
        assertThat(read.get("secret").asText()).isEqualTo("gold-1");
        assertThat(read.has("callbackKey")).isFalse();
    }

    @Test
    void a_secret_the_merchant_already_used_is_refused_but_another_merchant_may_use_it() {
        assertThat(create(merchant, "dup-1", "").status()).isEqualTo(201);

        Response again = create(merchant, "dup-1", "");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("duplicate_link_secret");
        assertThat(create(otherMerchant, "dup-1", "").status()).isEqualTo(201);
    }

    @Test
    void a_recurring_link_needs_its_duration() {
        Response refused = create(merchant, "no-duration", "\"recurring\":true,");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("recurringDuration");
    }

    @Test
    void a_link_is_listed_read_and_deactivated_only_by_its_merchant() {
        String id = create(merchant, "deact-1", "").data().get("linkId").asText();

        assertThat(api.get("/v1/payment-links/" + id, otherMerchant).code()).isEqualTo("payment_link_not_found");
        assertThat(api.post("/v1/payment-links/" + id + "/deactivate", otherMerchant, "")
                        .status())
                .isEqualTo(404);
        Response deactivated = api.post("/v1/payment-links/" + id + "/deactivate", merchant, "");
        assertThat(deactivated.status()).as(deactivated.body()).isEqualTo(200);
        assertThat(deactivated.data().get("status").asText()).isEqualTo("inactive");
        assertThat(api.post("/v1/payment-links/" + id + "/deactivate", merchant, "")
                        .data()
                        .get("status")
                        .asText())
                .isEqualTo("inactive");
        JsonNode list = api.get("/v1/payment-links?limit=100", merchant).data();
        assertThat(list.get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(list.get("links").findValuesAsText("linkId")).contains(id);
        JsonNode others = api.get("/v1/payment-links?limit=100", otherMerchant).data();
        assertThat(others.get("links").findValuesAsText("linkId")).doesNotContain(id);
    }

    @Test
    void an_unpaid_link_verifies_as_not_paid_by_its_id_and_by_its_secret() {
        String id = create(merchant, "verify-1", "").data().get("linkId").asText();

        Response byId = api.get("/v1/payment-links/" + id + "/verification", merchant);

        assertThat(byId.status()).as(byId.body()).isEqualTo(200);
        JsonNode verified = byId.data();
        assertThat(verified.get("linkId").asText()).isEqualTo(id);
        assertThat(verified.get("secret").asText()).isEqualTo("verify-1");
        assertThat(verified.get("status").asText()).isEqualTo("active");
        assertThat(verified.get("paid").asBoolean()).isFalse();
        for (String none : java.util.List.of(
                "paymentStatus", "paymentId", "lastPaymentDate", "nextDueDate", "lastTransactionId")) {
            assertThat(verified.get(none).isNull()).as(none).isTrue();
        }
        Response bySecret = api.get("/v1/payment-links/verification?secret=verify-1", merchant);
        assertThat(bySecret.status()).as(bySecret.body()).isEqualTo(200);
        assertThat(bySecret.data()).isEqualTo(verified);
    }

    @Test
    void verification_of_another_merchants_link_or_an_unknown_secret_is_not_found() {
        String id = create(merchant, "verify-2", "").data().get("linkId").asText();

        assertThat(api.get("/v1/payment-links/" + id + "/verification", otherMerchant)
                        .code())
                .isEqualTo("payment_link_not_found");
        assertThat(api.get("/v1/payment-links/verification?secret=verify-2", otherMerchant)
                        .code())
                .isEqualTo("payment_link_not_found");
        assertThat(api.get("/v1/payment-links/verification?secret=never-made", merchant)
                        .code())
                .isEqualTo("payment_link_not_found");
        Response noSecret = api.get("/v1/payment-links/verification", merchant);
        assertThat(noSecret.status()).isEqualTo(400);
        assertThat(noSecret.body()).contains("secret");
    }

    @Test
    void a_link_nobody_paid_has_no_callbacks_and_an_unknown_one_cannot_be_replayed() {
        String id = create(merchant, "callbacks-1", "").data().get("linkId").asText();

        Response listed = api.get("/v1/payment-links/" + id + "/callbacks?status=failed&skip=0&limit=10", merchant);

        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.data().get("deliveries")).isEmpty();
        assertThat(listed.data().get("total").asLong()).isZero();
        Response replay = api.post("/v1/payment-links/" + id + "/callbacks/evt_unknown/replay", merchant, "");
        assertThat(replay.status()).as(replay.body()).isEqualTo(404);
        assertThat(replay.code()).isEqualTo("callback_not_found");
        assertThat(api.get("/v1/payment-links/" + id + "/callbacks", otherMerchant)
                        .code())
                .isEqualTo("payment_link_not_found");
        assertThat(api.post("/v1/payment-links/" + id + "/callbacks/evt_unknown/replay", otherMerchant, "")
                        .code())
                .isEqualTo("payment_link_not_found");
        assertThat(api.get("/v1/payment-links/" + id + "/callbacks?status=lost", merchant)
                        .status())
                .isEqualTo(400);
    }

    private Response create(String key, String secret, String extraFields) {
        return api.post("/v1/payment-links", key, """
                {%s"amount":2500,"currency":"NGN","description":"Gym","customerEmail":"ada@example.com",\
                "secret":"%s","callbackUrl":"http://127.0.0.1:9/callback","metadata":{"plan":"gold"}}""".formatted(extraFields, secret));
    }
}
