package network.peere.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import network.peere.app.testing.EndToEndTest;
import network.peere.app.testing.Response;
import network.peere.app.testing.ServerBackend;
import org.junit.jupiter.api.Test;

/**
 * Participants and API keys through real HTTP on a real database, every answer checked against docs/openapi.yaml.
 * One subclass per database the server runs on.
 */
abstract class ParticipantsApiContract extends EndToEndTest {
    ParticipantsApiContract(ServerBackend backend) {
        super(backend);
    }

    private String createMerchant(String name, String extraJson) {
        Response created = api.post(
                "/v1/operator/merchants",
                operator,
                "{\"name\":\"" + name + "\",\"email\":\"m@" + name.toLowerCase().replace(' ', '-') + ".test\""
                        + extraJson + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.data().get("id").asText();
    }

    private String issueKey(String participantId) {
        Response issued = api.post("/v1/operator/participants/" + participantId + "/keys", operator, "{}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.data().get("key").asText();
    }

    @Test
    void demo_merchant_key_reads_its_own_profile() {
        String key = server.demo().byRole("merchant", Optional.of("enhanced")).key();
        Response me = api.get("/v1/merchant", key);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("success").asBoolean()).isTrue();
        assertThat(me.data().get("userType").asText()).isEqualTo("merchant");
        assertThat(me.data().get("trustLevel").asText()).isEqualTo("enhanced");
        assertThat(me.data().get("providerId").asText())
                .isEqualTo(server.demo().byRole("provider", Optional.empty()).participantId());
    }

    @Test
    void operator_brings_a_bank_on_and_sets_its_time_zone() {
        Response bank =
                api.post("/v1/operator/banks", operator, "{\"name\":\"Zenith Test\",\"email\":\"ops@zenith.test\"}");
        assertThat(bank.status()).isEqualTo(201);
        assertThat(bank.data().get("timeZone").asText()).isEqualTo("Africa/Lagos");
        String id = bank.data().get("id").asText();
        assertThat(id).startsWith("bank_");

        Response updated = api.patch("/v1/operator/banks/" + id, operator, "{\"timeZone\":\"Europe/London\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(api.get("/v1/operator/participants/" + id, operator)
                        .data()
                        .get("timeZone")
                        .asText())
                .isEqualTo("Europe/London");

        Response notAZone = api.patch("/v1/operator/banks/" + id, operator, "{\"timeZone\":\"Mars/Olympus\"}");
        assertThat(notAZone.status()).isEqualTo(400);
        assertThat(notAZone.code()).isEqualTo("invalid_request");
        assertThat(notAZone.json().get("fieldErrors").get(0).get("field").asText())
                .isEqualTo("timeZone");
    }

    @Test
    void a_merchant_of_an_unknown_provider_is_refused_and_nothing_is_written() {
        long before = api.get("/v1/operator/participants?role=merchant", operator)
                .data()
                .get("total")
                .asLong();
        Response refused = api.post(
                "/v1/operator/merchants",
                operator,
                "{\"name\":\"Orphan\",\"email\":\"o@o.test\",\"providerId\":\"prv_doesnotexist\"}");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.code()).isEqualTo("provider_not_found");
        assertThat(api.get("/v1/operator/participants?role=merchant", operator)
                        .data()
                        .get("total")
                        .asLong())
                .isEqualTo(before);
    }

    @Test
    void lists_filter_by_role_and_page_newest_first() {
        String provider = api.post(
                        "/v1/operator/providers", operator, "{\"name\":\"Pager\",\"email\":\"p@pager.test\"}")
                .data()
                .get("id")
                .asText();
        String first = createMerchant("Paged One", ",\"providerId\":\"" + provider + "\"");
        String second = createMerchant("Paged Two", ",\"providerId\":\"" + provider + "\"");
        String third = createMerchant("Paged Three", ",\"providerId\":\"" + provider + "\"");

        Response page1 = api.get("/v1/operator/participants?providerId=" + provider + "&limit=2", operator);
        assertThat(page1.data().get("total").asLong()).isEqualTo(3);
        assertThat(ids(page1.data().get("participants"))).containsExactly(third, second);
        Response page2 = api.get("/v1/operator/participants?providerId=" + provider + "&limit=2&offset=2", operator);
        assertThat(ids(page2.data().get("participants"))).containsExactly(first);

        Response badFilter = api.get("/v1/operator/participants?providerId=not%20an%20id", operator);
        assertThat(badFilter.status())
                .as("a malformed filter never widens the list")
                .isEqualTo(400);

        Response badLimit = api.get("/v1/operator/participants?limit=101", operator);
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.code()).isEqualTo("invalid_request");
    }

    private static java.util.List<String> ids(JsonNode participants) {
        var out = new java.util.ArrayList<String>();
        participants.forEach(p -> out.add(p.get("id").asText()));
        return out;
    }

    @Test
    void suspended_participants_cannot_authenticate_until_reactivated() {
        String merchant = createMerchant("Suspendable", "");
        String key = issueKey(merchant);
        assertThat(api.get("/v1/merchant", key).status()).isEqualTo(200);

        assertThat(api.post("/v1/operator/participants/" + merchant + "/suspend", operator, null)
                        .status())
                .isEqualTo(200);
        Response refused = api.get("/v1/merchant", key);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("participant_suspended");
        Response twice = api.post("/v1/operator/participants/" + merchant + "/suspend", operator, null);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("participant_status_conflict");

        assertThat(api.post("/v1/operator/participants/" + merchant + "/reactivate", operator, null)
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/v1/merchant", key).status()).isEqualTo(200);
    }

    @Test
    void keys_rotate_a_new_key_works_and_a_revoked_one_is_refused() {
        String merchant = createMerchant("Rotator", "");
        String oldKey = issueKey(merchant);
        Response fresh = api.post("/v1/keys", oldKey, "{\"label\":\"deploy 2\"}");
        assertThat(fresh.status()).isEqualTo(201);
        assertThat(fresh.header("Cache-Control")).isEqualTo("no-store");
        String newKey = fresh.data().get("key").asText();
        assertThat(newKey).startsWith("sk_test_").isNotEqualTo(oldKey);

        Response listed = api.get("/v1/keys", newKey);
        assertThat(listed.data().get("total").asInt()).isEqualTo(2);
        assertThat(listed.body()).doesNotContain(oldKey).doesNotContain(newKey);

        String oldKeyId = null;
        for (JsonNode key : listed.data().get("keys")) {
            if (!key.get("id").asText().equals(fresh.data().get("id").asText())) {
                oldKeyId = key.get("id").asText();
            }
        }
        assertThat(api.post("/v1/keys/" + oldKeyId + "/revoke", newKey, null).status())
                .isEqualTo(200);
        Response revoked = api.get("/v1/merchant", oldKey);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.code()).isEqualTo("api_key_revoked");
        assertThat(api.get("/v1/merchant", newKey).status()).isEqualTo(200);
        Response again = api.post("/v1/keys/" + oldKeyId + "/revoke", newKey, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("api_key_already_revoked");
    }

    @Test
    void a_participant_cannot_touch_another_participants_keys() {
        String a = createMerchant("Key Owner A", "");
        String b = createMerchant("Key Owner B", "");
        String keyA = issueKey(a);
        issueKey(b);
        String keyOfB = api.get("/v1/operator/participants/" + b + "/keys", operator)
                .data()
                .get("keys")
                .get(0)
                .get("id")
                .asText();
        Response refused = api.post("/v1/keys/" + keyOfB + "/revoke", keyA, null);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.code()).isEqualTo("api_key_not_found");
    }

    @Test
    void missing_unknown_and_malformed_keys_get_401_and_wrong_roles_403() {
        Response missing = api.get("/v1/merchant", null);
        assertThat(missing.code()).isEqualTo("authentication_required");
        assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(api.get("/v1/merchant", "sk_test_" + "0".repeat(33)).code()).isEqualTo("invalid_api_key");
        assertThat(api.get("/v1/merchant", "not-a-key").code()).isEqualTo("invalid_api_key");
        Response basic = api.send("GET", "/v1/merchant", null, null, Map.of("Authorization", "Basic abc"));
        assertThat(basic.status()).isEqualTo(401);

        String bankKey = server.demo().byRole("bank", Optional.empty()).key();
        Response wrongRole = api.get("/v1/merchant", bankKey);
        assertThat(wrongRole.status()).isEqualTo(403);
        assertThat(wrongRole.code()).isEqualTo("insufficient_permissions");
        assertThat(api.get("/v1/operator/participants", bankKey).status()).isEqualTo(403);
    }

    @Test
    void bad_input_gets_a_problem_with_a_stable_code_and_writes_nothing() {
        long before = api.get("/v1/operator/participants", operator)
                .data()
                .get("total")
                .asLong();

        Response malformed = api.post("/v1/operator/banks", operator, "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("malformed_json");
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("at network.");

        Response wrongTypes = api.post("/v1/operator/banks", operator, "{\"name\":42,\"email\":true}");
        assertThat(wrongTypes.status()).isEqualTo(400);
        assertThat(wrongTypes.json().get("fieldErrors")).hasSize(2);

        Response unknownField = api.post(
                "/v1/operator/merchants", operator, "{\"name\":\"A\",\"email\":\"a@a.test\",\"trustLvl\":\"x\"}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("fieldErrors").get(0).get("code").asText())
                .isEqualTo("unknown_field");

        Response badEnum = api.post(
                "/v1/operator/merchants", operator, "{\"name\":\"A\",\"email\":\"a@a.test\",\"trustLevel\":\"gold\"}");
        assertThat(badEnum.status()).isEqualTo(400);

        Response duplicateKey =
                api.post("/v1/operator/banks", operator, "{\"name\":\"A\",\"name\":\"B\",\"email\":\"a@a.test\"}");
        assertThat(duplicateKey.code()).isEqualTo("malformed_json");

        Response notJson = api.send(
                "POST",
                "/v1/operator/banks",
                operator,
                "name=A",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(notJson.code()).isEqualTo("unsupported_media_type");

        // Expect: 100-continue lets the server refuse before the body is sent: without it, a server that answers 413
        // and closes while 2 MiB are still on their way can leave the client with a broken pipe instead of the answer.
        Response oversized = api.sendRefusedBody(
                "POST",
                "/v1/operator/banks",
                operator,
                "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\",\"email\":\"a@a.test\"}",
                Map.of("Content-Type", "application/json", "Expect", "100-continue"));
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(oversized.code()).isEqualTo("payload_too_large");

        assertThat(api.get("/v1/operator/participants", operator)
                        .data()
                        .get("total")
                        .asLong())
                .isEqualTo(before);
    }

    @Test
    void unknown_routes_and_ids_are_problems_too() {
        Response noRoute = api.get("/v1/nothing-here", operator);
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.code()).isEqualTo("route_not_found");
        assertThat(api.get("/v1/operator/participants/mer_nope", operator).code())
                .isEqualTo("participant_not_found");
        assertThat(api.get("/v1/operator/participants/bad%20id", operator).status())
                .isEqualTo(404);
    }

    @Test
    void every_response_carries_a_request_id_and_a_callers_id_is_kept() {
        Response answer = api.send("GET", "/health/live", null, null, Map.of("X-Request-Id", "trace-12345678"));
        assertThat(answer.header("X-Request-Id")).isEqualTo("trace-12345678");
        Response problem = api.get("/v1/merchant", null);
        assertThat(problem.json().get("requestId").asText()).isEqualTo(problem.header("X-Request-Id"));
    }

    private double liveChecksCounted() {
        var series = java.util.regex.Pattern.compile(
                        "(?m)^http_server_requests_seconds_count\\{[^}]*route=\"/health/live\"[^}]*status=\"200\"[^}]*} (\\S+)$")
                .matcher(api.get("/metrics", null).body());
        assertThat(series.find()).as("the /health/live series").isTrue();
        double counted = Double.parseDouble(series.group(1));
        assertThat(series.find()).as("one series only").isFalse();
        return counted;
    }

    @Test
    void health_metrics_and_the_contract_are_served() {
        assertThat(api.get("/health/live", null).json().get("status").asText()).isEqualTo("up");
        assertThat(api.get("/health/ready", null).status()).isEqualTo(200);
        assertThat(api.get("/v1/no-such-route", null).status()).isEqualTo(404);
        Response metrics = api.get("/metrics", null);
        assertThat(metrics.body()).contains("http_server_requests_seconds").contains("jvm_memory_used_bytes");
        // Requests are counted by the route that answered them (its template), and unknown paths together.
        assertThat(metrics.body())
                .contains("route=\"/health/live\"")
                .contains("route=\"unmatched\"")
                .doesNotContain("route=\"*\"");
        // Each request of a route and status adds to the one series.
        double before = liveChecksCounted();
        api.get("/health/live", null);
        api.get("/health/live", null);
        assertThat(liveChecksCounted()).isEqualTo(before + 2);
        assertThat(api.get("/openapi.yaml", null).body()).startsWith("openapi: 3.1");
        assertThat(api.get("/docs", null).body()).contains("swagger-ui");
    }

    @Test
    void every_change_lands_in_the_audit_log_with_who_made_it() {
        String merchant = createMerchant("Audited", "");
        issueKey(merchant);
        api.post("/v1/operator/participants/" + merchant + "/suspend", operator, null);
        api.post("/v1/operator/participants/" + merchant + "/suspend", operator, null);

        Response log = api.get("/v1/operator/audit-events?participantId=" + merchant, operator);
        assertThat(log.status()).isEqualTo(200);
        var actions = new java.util.ArrayList<String>();
        log.data().get("events").forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions)
                .as("newest first; the refused second suspension left no entry")
                .containsExactly("participant_suspended", "api_key_created", "participant_created");
        JsonNode actor = log.data().get("events").get(0).get("actor");
        assertThat(actor.get("type").asText()).isEqualTo("api_key");
        assertThat(actor.get("participantId").asText())
                .isEqualTo(server.demo().byRole("operator", Optional.empty()).participantId());

        Response onlySuspensions = api.get(
                "/v1/operator/audit-events?participantId=" + merchant + "&action=participant_suspended", operator);
        assertThat(onlySuspensions.data().get("total").asInt()).isEqualTo(1);
        Response future = api.get("/v1/operator/audit-events?from=2999-01-01T00:00:00Z", operator);
        assertThat(future.data().get("total").asInt()).isZero();
        Response badTime = api.get("/v1/operator/audit-events?from=yesterday", operator);
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().get("fieldErrors").get(0).get("field").asText())
                .isEqualTo("from");
        String bankKey = server.demo().byRole("bank", Optional.empty()).key();
        assertThat(api.get("/v1/operator/audit-events", bankKey).status()).isEqualTo(403);
    }

    private Response createBankWithKey(String key, String body) {
        return api.send(
                "POST",
                "/v1/operator/banks",
                operator,
                body,
                Map.of("Content-Type", "application/json", "Idempotency-Key", key));
    }

    private long banks() {
        return api.get("/v1/operator/participants?role=bank", operator)
                .data()
                .get("total")
                .asLong();
    }

    @Test
    void twenty_concurrent_identical_creates_with_one_key_make_one_bank() throws Exception {
        long before = banks();
        String key = "concurrent-" + java.util.UUID.randomUUID();
        String body = "{\"name\":\"Once Bank\",\"email\":\"once@bank.test\"}";
        var pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Response>>();
            for (int i = 0; i < 20; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return createBankWithKey(key, body);
                }));
            }
            start.countDown();
            var ids = new java.util.HashSet<String>();
            int replays = 0;
            for (var future : futures) {
                Response answer = future.get();
                assertThat(answer.status()).as(answer.body()).isEqualTo(201);
                ids.add(answer.data().get("id").asText());
                replays += "true".equals(answer.header("Idempotent-Replayed")) ? 1 : 0;
            }
            assertThat(ids).as("every answer names the same bank").hasSize(1);
            assertThat(replays).isEqualTo(19);
        } finally {
            pool.shutdownNow();
        }
        assertThat(banks()).isEqualTo(before + 1);
    }

    @Test
    void a_key_reused_with_another_body_is_refused_and_formatting_does_not_count() {
        String key = "reuse-" + java.util.UUID.randomUUID();
        Response first = createBankWithKey(key, "{\"name\":\"Reuse Bank\",\"email\":\"r@bank.test\"}");
        assertThat(first.status()).isEqualTo(201);
        Response reformatted = createBankWithKey(key, "{ \"email\" : \"r@bank.test\",\n  \"name\" : \"Reuse Bank\" }");
        assertThat(reformatted.status()).isEqualTo(201);
        assertThat(reformatted.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(reformatted.body()).isEqualTo(first.body());

        Response other = createBankWithKey(key, "{\"name\":\"Other Bank\",\"email\":\"o@bank.test\"}");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.code()).isEqualTo("idempotency_key_reused");

        String bankKey = server.demo().byRole("bank", Optional.empty()).key();
        Response anotherParticipant = api.send(
                "POST", "/v1/keys", bankKey, "{}", Map.of("Content-Type", "application/json", "Idempotency-Key", key));
        assertThat(anotherParticipant.status())
                .as("keys are scoped per participant")
                .isEqualTo(201);
    }

    @Test
    void refused_input_is_not_remembered_under_its_key() {
        String key = "fix-" + java.util.UUID.randomUUID();
        Response refused = createBankWithKey(key, "{\"name\":\"Fix Bank\"}");
        assertThat(refused.status()).isEqualTo(400);
        Response fixed = createBankWithKey(key, "{\"name\":\"Fix Bank\",\"email\":\"fix@bank.test\"}");
        assertThat(fixed.status()).isEqualTo(201);
        assertThat(fixed.header("Idempotent-Replayed")).isNull();

        Response malformedKey = createBankWithKey("has space", "{\"name\":\"X\",\"email\":\"x@bank.test\"}");
        assertThat(malformedKey.status()).isEqualTo(400);
        assertThat(malformedKey.json().get("fieldErrors").get(0).get("field").asText())
                .isEqualTo("Idempotency-Key");
    }

    @Test
    void a_replayed_key_issue_creates_no_second_key_and_never_shows_the_secret_again() {
        String merchant = createMerchant("Replay Keys", "");
        String path = "/v1/operator/participants/" + merchant + "/keys";
        var headers = Map.of("Content-Type", "application/json", "Idempotency-Key", "issue-once");
        Response first = api.send("POST", path, operator, "{\"label\":\"ci\"}", headers);
        Response replay = api.send("POST", path, operator, "{\"label\":\"ci\"}", headers);
        assertThat(first.data().get("key").asText()).startsWith("sk_test_");
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.data().get("key").isNull()).isTrue();
        assertThat(replay.data().get("id").asText())
                .isEqualTo(first.data().get("id").asText());
        assertThat(api.get(path, operator).data().get("total").asInt()).isEqualTo(1);
    }
}
