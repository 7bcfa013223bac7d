package network.peere.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import network.peere.app.testing.EndToEndTest;
import network.peere.app.testing.Response;
import network.peere.app.testing.ServerBackend;
import org.junit.jupiter.api.Test;

/**
 * Rate limits through real HTTP on a real database: the operator lowers a merchant's limit, the merchant's burst is
 * refused with the documented headers and body, nobody else is affected, and the bucket refills. Every answer is
 * checked against docs/openapi.yaml. One subclass per database.
 */
abstract class RateLimitsApiContract extends EndToEndTest {
    RateLimitsApiContract(ServerBackend backend) {
        super(backend);
    }

    @Test
    void a_burst_over_the_limit_gets_429_and_the_bucket_refills() {
        String merchant = createMerchant("Throttled Shop", "basic");
        String key = issueKey(merchant);
        String secondKey = issueKey(merchant);
        String neighbour = issueKey(createMerchant("Neighbour Shop", "basic"));

        // 10 reads a minute: the minute refills one token every 6 s, far longer than the burst takes.
        Response set = api.put(limitsOf(merchant), operator, "{\"read\":{\"perMinute\":10,\"burstPerSecond\":10}}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.data().get("read").get("overridden").asBoolean()).isTrue();

        List<Long> remaining = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Response served = api.get("/v1/merchant", key);
            assertThat(served.status()).as(served.body()).isEqualTo(200);
            assertThat(served.header("X-RateLimit-Limit")).isEqualTo("10");
            assertThat(Long.parseLong(served.header("X-RateLimit-Reset"))).isBetween(1L, 60L);
            remaining.add(Long.parseLong(served.header("X-RateLimit-Remaining")));
        }
        assertThat(remaining).containsExactly(9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L, 0L);

        Response refused = api.get("/v1/merchant", key);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("rate_limited");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 6L);
        assertThat(refused.json().get("retryAfter").asLong()).isEqualTo(retryAfter);
        assertThat(refused.json().get("statusCode").asInt()).isEqualTo(429);
        assertThat(refused.json().get("success").asBoolean()).isFalse();
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("10");
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(refused.header("X-RateLimit-Reset"))).isBetween(retryAfter, 60L);

        Response otherKey = api.get("/v1/merchant", secondKey);
        assertThat(otherKey.status()).as("each key has its own bucket").isEqualTo(200);
        assertThat(otherKey.header("X-RateLimit-Remaining")).isEqualTo("9");
        Response otherMerchant = api.get("/v1/merchant", neighbour);
        assertThat(otherMerchant.status()).isEqualTo(200);
        assertThat(otherMerchant.header("X-RateLimit-Limit")).isEqualTo("300");
        Response write = api.post("/v1/keys", key, "{}");
        assertThat(write.status()).as("standard calls draw from another bucket").isEqualTo(201);
        assertThat(write.header("X-RateLimit-Limit")).isEqualTo("100");

        await().atMost(Duration.ofSeconds(retryAfter + 5))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> api.get("/v1/merchant", key).status() == 200);
    }

    @Test
    void limits_scale_with_trust_and_the_operator_can_override_and_reset_them() {
        String enhanced = createMerchant("Enhanced Shop", "enhanced");
        Response computed = api.get(limitsOf(enhanced), operator);
        assertThat(computed.status()).isEqualTo(200);
        assertThat(computed.data().get("trustFactor").asInt()).isEqualTo(2);
        assertLimit(computed.data().get("standard"), 200, 20, false);
        assertLimit(computed.data().get("batch"), 20, 4, false);
        assertLimit(computed.data().get("read"), 600, 60, false);

        String premium = createMerchant("Premium Shop", "premium");
        assertLimit(api.get(limitsOf(premium), operator).data().get("standard"), 500, 50, false);
        String bank = api.post("/v1/operator/banks", operator, "{\"name\":\"Limits Bank\",\"email\":\"l@bank.test\"}")
                .data()
                .get("id")
                .asText();
        assertLimit(api.get(limitsOf(bank), operator).data().get("read"), 300, 30, false);

        Response overridden =
                api.put(limitsOf(enhanced), operator, "{\"standard\":{\"perMinute\":1000,\"burstPerSecond\":50}}");
        assertThat(overridden.status()).isEqualTo(200);
        assertLimit(overridden.data().get("standard"), 1000, 50, true);
        assertLimit(overridden.data().get("read"), 600, 60, false);

        Response replaced =
                api.put(limitsOf(enhanced), operator, "{\"batch\":{\"perMinute\":30,\"burstPerSecond\":3}}");
        assertLimit(replaced.data().get("standard"), 200, 20, false);
        assertLimit(replaced.data().get("batch"), 30, 3, true);

        Response reset = api.delete(limitsOf(enhanced), operator);
        assertThat(reset.status()).isEqualTo(200);
        assertLimit(reset.data().get("batch"), 20, 4, false);
        assertThat(api.delete(limitsOf(enhanced), operator).status())
                .as("resetting twice is not an error")
                .isEqualTo(200);
    }

    @Test
    void bad_overrides_get_400_with_every_field_error_and_change_nothing() {
        String merchant = createMerchant("Validated Shop", "basic");

        Response empty = api.put(limitsOf(merchant), operator, "{}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.code()).isEqualTo("invalid_request");

        Response wrong = api.put(
                limitsOf(merchant),
                operator,
                "{\"read\":{\"perMinute\":0,\"burstPerSecond\":5},\"standard\":{\"perMinute\":10},"
                        + "\"batch\":{\"perMinute\":5,\"burstPerSecond\":6,\"window\":1},\"writes\":{}}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(fieldErrors(wrong))
                .containsExactlyInAnyOrder(
                        "read.perMinute:out_of_range",
                        "standard.burstPerSecond:required",
                        "batch.burstPerSecond:out_of_range",
                        "batch.window:unknown_field",
                        "writes:unknown_field");
        assertThat(wrong.header("X-RateLimit-Limit"))
                .as("an authenticated error carries the headers too")
                .isNotNull();

        Response notAnObject = api.put(limitsOf(merchant), operator, "{\"read\":5}");
        assertThat(fieldErrors(notAnObject)).containsExactly("read:invalid_type");

        Response unchanged = api.get(limitsOf(merchant), operator);
        assertLimit(unchanged.data().get("read"), 300, 30, false);
    }

    @Test
    void unknown_participants_get_404_and_other_roles_403() {
        String unknown = limitsOf("mer_doesnotexist");
        assertThat(api.get(unknown, operator).code()).isEqualTo("participant_not_found");
        assertThat(api.put(unknown, operator, "{\"read\":{\"perMinute\":5,\"burstPerSecond\":5}}")
                        .code())
                .isEqualTo("participant_not_found");
        assertThat(api.delete(unknown, operator).code()).isEqualTo("participant_not_found");

        String merchant = createMerchant("Curious Shop", "basic");
        Response forbidden = api.get(limitsOf(merchant), issueKey(merchant));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.header("X-RateLimit-Limit")).isEqualTo("300");
    }

    @Test
    void public_routes_and_refused_keys_carry_no_rate_limit_headers() {
        assertThat(api.get("/health/live", null).header("X-RateLimit-Limit")).isNull();
        Response unauthenticated = api.get("/v1/merchant", null);
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.header("X-RateLimit-Limit")).isNull();
    }

    private static void assertLimit(JsonNode limit, int perMinute, int burstPerSecond, boolean overridden) {
        assertThat(limit.get("perMinute").asInt()).isEqualTo(perMinute);
        assertThat(limit.get("burstPerSecond").asInt()).isEqualTo(burstPerSecond);
        assertThat(limit.get("overridden").asBoolean()).isEqualTo(overridden);
    }

    private static List<String> fieldErrors(Response response) {
        List<String> out = new ArrayList<>();
        response.json()
                .get("fieldErrors")
                .forEach(e ->
                        out.add(e.get("field").asText() + ":" + e.get("code").asText()));
        return out;
    }

    private static String limitsOf(String participantId) {
        return "/v1/operator/participants/" + participantId + "/rate-limits";
    }

    private String createMerchant(String name, String trustLevel) {
        Response created = api.post(
                "/v1/operator/merchants",
                operator,
                "{\"name\":\"" + name + "\",\"email\":\"m@" + name.toLowerCase().replace(' ', '-') + ".test\","
                        + "\"trustLevel\":\"" + trustLevel + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.data().get("id").asText();
    }

    private String issueKey(String participantId) {
        Response issued = api.post("/v1/operator/participants/" + participantId + "/keys", operator, "{}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.data().get("key").asText();
    }
}
