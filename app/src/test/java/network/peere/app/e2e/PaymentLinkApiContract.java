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
 * secret refused, listed, read, deactivated, and invisible to another merchant. One subclass per database.
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
        assertThat(key).startsWith("cbk_").doesNotStartWith("sk_");
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

    private Response create(String key, String secret, String extraFields) {
        return api.post("/v1/payment-links", key, """
                {%s"amount":2500,"currency":"NGN","description":"Gym","customerEmail":"ada@example.com",\
                "secret":"%s","callbackUrl":"http://127.0.0.1:9/callback","metadata":{"plan":"gold"}}""".formatted(extraFields, secret));
    }
}
