package network.peere.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import network.peere.app.testing.CapturedLogs;
import network.peere.app.testing.Response;
import network.peere.app.testing.WebhookReceiver;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.DeliveryRecord;
import network.peere.core.ports.in.participant.ManageApiKeys;
import network.peere.core.ports.in.participant.RegisterParticipant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks end to end: the real server, a real receiver on 127.0.0.1, a clock the test moves so five days of retries
 * take seconds. Every API answer is checked against docs/openapi.yaml. One subclass per database.
 */
abstract class WebhooksApiContract extends WebhookServerContract {
    static final Map<String, String> FAST_DELIVERY = Map.of(
            "PEERE_WEBHOOK_POLL_MS", "25",
            "PEERE_WEBHOOK_TIMEOUT_MS", "1000");

    private DeliveryRecord onlyDelivery(Merchant merchant, String endpointId) {
        List<DeliveryRecord> all = deliveries(merchant, endpointId);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private DeliveryRecord awaitAttempts(Merchant merchant, String endpointId, int attempts) {
        await().atMost(WAIT)
                .until(() -> onlyDelivery(merchant, endpointId).attempts().size() >= attempts);
        return onlyDelivery(merchant, endpointId);
    }

    private static JsonNode body(WebhookReceiver.Received request) throws Exception {
        return JSON.readTree(request.body());
    }

    @Test
    void a_receiver_that_is_down_then_slow_then_failing_then_up_gets_the_event_signed_both_ways(@TempDir Path tmp)
            throws Exception {
        Merchant merchant = newMerchant("resilient");
        try (var receiver = new WebhookReceiver()) {
            JsonNode endpoint = createEndpoint(merchant, receiver.url("/hooks"), "\"api_key.revoked\"");
            String secret = endpoint.get("secret").asText();
            assertThat(secret).startsWith("whsec_");
            String endpointId = endpoint.get("id").asText();

            String keyId = revokeANewKey(merchant);

            // Down: nothing listens on the port.
            DeliveryRecord first = awaitAttempts(merchant, endpointId, 1);
            assertThat(first.attempts().get(0).statusCode()).isEmpty();
            assertThat(first.attempts().get(0).error()).isPresent();
            assertThat(Duration.between(
                            first.attempts().get(0).startedAt(),
                            first.delivery().nextAttemptAt()))
                    .isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));

            // Slow: answers after the 1 s timeout.
            receiver.start().behave(new WebhookReceiver.Behaviour(200, Duration.ofSeconds(3)));
            clock.set(first.delivery().nextAttemptAt());
            DeliveryRecord second = awaitAttempts(merchant, endpointId, 2);
            assertThat(second.attempts().get(1).error())
                    .hasValueSatisfying(e -> assertThat(e).contains("timed out"));
            assertThat(Duration.between(
                            second.attempts().get(1).startedAt(),
                            second.delivery().nextAttemptAt()))
                    .isBetween(Duration.ofSeconds(16), Duration.ofSeconds(24));

            // Failing: 500.
            receiver.behave(WebhookReceiver.Behaviour.answer(500));
            clock.set(second.delivery().nextAttemptAt());
            DeliveryRecord third = awaitAttempts(merchant, endpointId, 3);
            assertThat(third.attempts().get(2).statusCode()).hasValue(500);
            assertThat(Duration.between(
                            third.attempts().get(2).startedAt(),
                            third.delivery().nextAttemptAt()))
                    .isBetween(Duration.ofSeconds(32), Duration.ofSeconds(48));

            // Up.
            receiver.behave(WebhookReceiver.Behaviour.answer(200));
            clock.set(third.delivery().nextAttemptAt());
            DeliveryRecord delivered = awaitAttempts(merchant, endpointId, 4);
            assertThat(delivered.attempts().get(3).statusCode()).hasValue(200);
            assertThat(delivered.delivery().status().name()).isEqualTo("DELIVERED");

            List<WebhookReceiver.Received> requests = receiver.received();
            WebhookReceiver.Received last = requests.get(requests.size() - 1);
            JsonNode envelope = body(last);
            assertThat(envelope.get("entityId").asText()).isEqualTo(merchant.id());
            assertThat(envelope.get("entityType").asText()).isEqualTo("merchant");
            assertThat(envelope.get("webhookType").asText()).isEqualTo("api_key.revoked");
            assertThat(envelope.get("itemCount").asInt()).isEqualTo(1);
            assertThat(envelope.has("signature")).isFalse();
            JsonNode item = envelope.get("data").get(0);
            assertThat(item.get("keyId").asText()).isEqualTo(keyId);
            assertThat(item.get("sequence").asLong()).isEqualTo(1);
            assertThat(item.get("eventId").asText())
                    .isEqualTo(delivered.eventIds().get(0));
            // One batch id on every attempt, which is also the Standard Webhooks message id.
            for (WebhookReceiver.Received request : requests) {
                assertThat(body(request).get("batchId").asText())
                        .isEqualTo(delivered.delivery().id());
                assertThat(request.header("webhook-id"))
                        .isEqualTo(delivered.delivery().id());
                assertThat(request.header("User-Agent")).isEqualTo("Peere-Webhooks/1.0");
                Signatures.assertBothSchemesVerify(secret, request);
            }
            Signatures.assertNodeVerifies(secret, last, tmp);

            Response listed = api.get("/v1/webhooks/endpoints/" + endpointId + "/deliveries", merchant.key());
            assertThat(listed.status()).as(listed.body()).isEqualTo(200);
            JsonNode attempts = listed.data().get("deliveries").get(0).get("attempts");
            assertThat(attempts).hasSize(4);
            assertThat(attempts.get(2).get("statusCode").asInt()).isEqualTo(500);
            assertThat(attempts.get(3).get("result").asText()).isEqualTo("delivered");
        }
    }

    @Test
    void retries_follow_the_schedule_for_five_days_then_fail_and_are_announced_to_the_other_endpoints() {
        Merchant merchant = newMerchant("exhausted");
        try (var broken = new WebhookReceiver().start();
                var monitor = new WebhookReceiver().start()) {
            broken.behave(WebhookReceiver.Behaviour.answer(503));
            String brokenId = createEndpoint(merchant, broken.url("/hooks"), "\"api_key.revoked\"")
                    .get("id")
                    .asText();
            createEndpoint(merchant, monitor.url("/alerts"), "\"webhook.delivery.exhausted\"");

            revokeANewKey(merchant);
            DeliveryRecord record = awaitAttempts(merchant, brokenId, 1);
            Instant created = record.delivery().createdAt();
            while (record.delivery().status().name().equals("PENDING")) {
                int done = record.attempts().size();
                assertThat(done).isLessThan(60);
                clock.set(record.delivery().nextAttemptAt());
                record = awaitAttempts(merchant, brokenId, done + 1);
            }

            assertThat(record.delivery().status().name()).isEqualTo("FAILED");
            var attempts = record.attempts();
            assertThat(attempts.get(attempts.size() - 1).startedAt()).isEqualTo(created.plus(Duration.ofDays(5)));
            assertThat(attempts.get(attempts.size() - 1).result().name()).isEqualTo("EXHAUSTED");
            for (int i = 1; i < attempts.size() - 1; i++) {
                Duration gap = Duration.between(
                        attempts.get(i - 1).startedAt(), attempts.get(i).startedAt());
                Duration planned = Duration.ofSeconds(10L << Math.min(i - 1, 20));
                Duration capped = planned.compareTo(Duration.ofHours(12)) > 0 ? Duration.ofHours(12) : planned;
                assertThat(gap)
                        .as("gap before attempt %d", i + 1)
                        .isBetween(
                                capped.multipliedBy(79).dividedBy(100),
                                capped.multipliedBy(121).dividedBy(100));
            }

            await().atMost(WAIT).until(() -> !monitor.received().isEmpty());
            JsonNode alert = JSON.readTree(monitor.received().get(0).body());
            assertThat(alert.get("webhookType").asText()).isEqualTo("webhook.delivery.exhausted");
            assertThat(alert.get("data").get(0).get("endpointId").asText()).isEqualTo(brokenId);
            assertThat(alert.get("data").get(0).get("batchId").asText())
                    .isEqualTo(record.delivery().id());

            Response metrics = api.get("/metrics", null);
            assertThat(metrics.body()).contains("peere_webhook_attempts_total{outcome=\"exhausted\"");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_410_disables_the_endpoint() {
        Merchant merchant = newMerchant("gone");
        try (var receiver = new WebhookReceiver().start()) {
            receiver.behave(WebhookReceiver.Behaviour.answer(410));
            String id = createEndpoint(merchant, receiver.url("/hooks"), "\"api_key.revoked\"")
                    .get("id")
                    .asText();

            revokeANewKey(merchant);
            DeliveryRecord record = awaitAttempts(merchant, id, 1);

            assertThat(record.delivery().status().name()).isEqualTo("FAILED");
            Response endpoint = api.get("/v1/webhooks/endpoints/" + id, merchant.key());
            assertThat(endpoint.data().get("status").asText()).isEqualTo("gone");
            assertThat(endpoint.data().get("enabled").asBoolean()).isFalse();
        }
    }

    @Test
    void a_test_event_and_a_replay_reach_the_endpoint_with_the_events_ids() throws Exception {
        Merchant merchant = newMerchant("replayer");
        try (var receiver = new WebhookReceiver().start()) {
            JsonNode endpoint = createEndpoint(merchant, receiver.url("/hooks"), "\"api_key.revoked\"");
            String id = endpoint.get("id").asText();

            Response test = api.post("/v1/webhooks/test", merchant.key(), "{\"endpointId\":\"" + id + "\"}");
            assertThat(test.status()).as(test.body()).isEqualTo(202);
            await().atMost(WAIT).until(() -> receiver.received().size() == 1);
            JsonNode tested = body(receiver.received().get(0));
            assertThat(tested.get("webhookType").asText()).isEqualTo("webhook.test");
            assertThat(tested.get("data").get(0).get("eventId").asText())
                    .isEqualTo(test.data().get("eventId").asText());
            Signatures.assertBothSchemesVerify(
                    endpoint.get("secret").asText(), receiver.received().get(0));

            String eventId = test.data().get("eventId").asText();
            Response replay = api.post(
                    "/v1/webhooks/replay",
                    merchant.key(),
                    "{\"eventId\":\"" + eventId + "\",\"endpointId\":\"" + id + "\"}");
            assertThat(replay.status()).as(replay.body()).isEqualTo(202);
            await().atMost(WAIT).until(() -> receiver.received().size() == 2);
            JsonNode replayed = body(receiver.received().get(1));
            assertThat(replayed.get("data").get(0).get("eventId").asText()).isEqualTo(eventId);
            assertThat(replayed.get("batchId").asText())
                    .isNotEqualTo(tested.get("batchId").asText());
        }
    }

    @Test
    void rotation_signs_with_both_secrets_during_the_grace_period_and_with_the_new_one_alone_after_it()
            throws Exception {
        Merchant merchant = newMerchant("rotator");
        try (var receiver = new WebhookReceiver().start()) {
            JsonNode endpoint = createEndpoint(merchant, receiver.url("/hooks"), "\"api_key.revoked\"");
            String id = endpoint.get("id").asText();
            String oldSecret = endpoint.get("secret").asText();

            Response rotated = api.post(
                    "/v1/webhooks/endpoints/" + id + "/rotate-secret", merchant.key(), "{\"gracePeriodSeconds\":60}");
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            String newSecret = rotated.data().get("secret").asText();
            Instant graceEnds =
                    Instant.parse(rotated.data().get("previousSecretExpiresAt").asText());
            assertThat(graceEnds).isAfter(clock.now());

            // Within the grace period: the old secret in X-Peere-Signature, both in webhook-signature.
            WebhookReceiver.Received during = sendTest(merchant, id, receiver);
            assertThat(during.header("X-Peere-Signature")).isEqualTo(Signatures.peere(oldSecret, during.body()));
            assertThat(Signatures.standard(during))
                    .hasSize(2)
                    .contains(Signatures.standardFor(oldSecret, during), Signatures.standardFor(newSecret, during));

            clock.set(graceEnds.plusSeconds(1));
            WebhookReceiver.Received after = sendTest(merchant, id, receiver);
            assertThat(after.header("X-Peere-Signature"))
                    .isEqualTo(Signatures.peere(newSecret, after.body()))
                    .isNotEqualTo(Signatures.peere(oldSecret, after.body()));
            assertThat(Signatures.standard(after)).containsExactly(Signatures.standardFor(newSecret, after));
            Signatures.assertBothSchemesVerify(newSecret, after);
        }
    }

    /** Sends a test event to the endpoint and answers the request the receiver got for it. */
    private WebhookReceiver.Received sendTest(Merchant merchant, String endpointId, WebhookReceiver receiver) {
        int before = receiver.received().size();
        api.post("/v1/webhooks/test", merchant.key(), "{\"endpointId\":\"" + endpointId + "\"}");
        await().atMost(WAIT).until(() -> receiver.received().size() == before + 1);
        return receiver.received().get(before);
    }

    @Test
    void put_replaces_the_url_and_event_types_and_get_and_the_list_see_the_change() {
        Merchant merchant = newMerchant("updater");
        JsonNode created = createEndpoint(merchant, "http://127.0.0.1:9/before", "\"webhook.test\"");
        String id = created.get("id").asText();

        Response updated = api.put(
                "/v1/webhooks/endpoints/" + id,
                merchant.key(),
                "{\"url\":\"http://127.0.0.1:9/after\",\"eventTypes\":[\"webhook.test\",\"api_key.revoked\"]}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.data().get("id").asText()).isEqualTo(id);
        assertThat(updated.data().get("url").asText()).isEqualTo("http://127.0.0.1:9/after");
        assertThat(texts(updated.data().get("eventTypes"))).containsExactly("api_key.revoked", "webhook.test");
        assertThat(updated.data().get("enabled").asBoolean()).isTrue();

        Response read = api.get("/v1/webhooks/endpoints/" + id, merchant.key());
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.data().get("url").asText()).isEqualTo("http://127.0.0.1:9/after");
        assertThat(texts(read.data().get("eventTypes"))).containsExactly("api_key.revoked", "webhook.test");

        // Only the event types change; and enabled: false turns the endpoint off.
        Response narrowed = api.put(
                "/v1/webhooks/endpoints/" + id,
                merchant.key(),
                "{\"url\":\"http://127.0.0.1:9/after\",\"eventTypes\":[\"api_key.revoked\"],\"enabled\":false}");
        assertThat(narrowed.status()).as(narrowed.body()).isEqualTo(200);
        JsonNode listed = api.get("/v1/webhooks/endpoints", merchant.key()).data();
        assertThat(listed.get("total").asInt()).isEqualTo(1);
        JsonNode only = listed.get("endpoints").get(0);
        assertThat(only.get("id").asText()).isEqualTo(id);
        assertThat(only.get("url").asText()).isEqualTo("http://127.0.0.1:9/after");
        assertThat(texts(only.get("eventTypes"))).containsExactly("api_key.revoked");
        assertThat(only.get("enabled").asBoolean()).isFalse();
        assertThat(only.get("status").asText()).isEqualTo("disabled");
    }

    @Test
    void another_participants_put_is_not_found_and_changes_nothing() {
        Merchant owner = newMerchant("putowner");
        Merchant other = newMerchant("putother");
        String id = createEndpoint(owner, "http://127.0.0.1:9/mine", "\"webhook.test\"")
                .get("id")
                .asText();

        Response refused = api.put(
                "/v1/webhooks/endpoints/" + id,
                other.key(),
                "{\"url\":\"http://127.0.0.1:9/theirs\",\"eventTypes\":[\"api_key.revoked\"]}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(404);
        assertThat(refused.code()).isEqualTo("webhook_endpoint_not_found");

        JsonNode unchanged =
                api.get("/v1/webhooks/endpoints/" + id, owner.key()).data();
        assertThat(unchanged.get("url").asText()).isEqualTo("http://127.0.0.1:9/mine");
        assertThat(texts(unchanged.get("eventTypes"))).containsExactly("webhook.test");
    }

    @Test
    void an_invalid_put_is_400_invalid_request_naming_the_field_and_changes_nothing() {
        Merchant merchant = newMerchant("badput");
        String id = createEndpoint(merchant, "http://127.0.0.1:9/kept", "\"webhook.test\"")
                .get("id")
                .asText();
        String path = "/v1/webhooks/endpoints/" + id;

        Map<String, List<String>> fieldCodes = new java.util.LinkedHashMap<>();
        fieldCodes.put("{\"eventTypes\":[\"webhook.test\"]}", List.of("url", "required"));
        fieldCodes.put("{\"url\":\"http://127.0.0.1:9/x\"}", List.of("eventTypes", "required"));
        fieldCodes.put("{\"url\":\"not a url\",\"eventTypes\":[\"webhook.test\"]}", List.of("url", "invalid_format"));
        fieldCodes.put(
                "{\"url\":\"http://127.0.0.1:9/x\",\"eventTypes\":[\"no.such.event\"]}",
                List.of("eventTypes", "invalid_value"));
        fieldCodes.put(
                "{\"url\":\"http://127.0.0.1:9/x\",\"eventTypes\":[\"webhook.test\"],\"secret\":\"whsec_AAAA\"}",
                List.of("secret", "unknown_field"));
        fieldCodes.forEach((body, expected) -> {
            Response refused = api.put(path, merchant.key(), body);
            assertThat(refused.status()).as(body + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.code()).as(body).isEqualTo("invalid_request");
            JsonNode error = refused.json().get("fieldErrors").get(0);
            assertThat(List.of(error.get("field").asText(), error.get("code").asText()))
                    .as(body)
                    .isEqualTo(expected);
        });

        Response notJson = api.put(path, merchant.key(), "{\"url\":");
        assertThat(notJson.status()).as(notJson.body()).isEqualTo(400);
        assertThat(notJson.code()).isEqualTo("malformed_json");

        JsonNode unchanged = api.get(path, merchant.key()).data();
        assertThat(unchanged.get("url").asText()).isEqualTo("http://127.0.0.1:9/kept");
        assertThat(texts(unchanged.get("eventTypes"))).containsExactly("webhook.test");
    }

    @Test
    void the_secret_is_shown_once_only_by_the_create_answer_and_never_by_get_list_put_or_an_idempotent_replay() {
        Merchant merchant = newMerchant("secretive");
        String body = "{\"url\":\"http://127.0.0.1:9/hooks\",\"eventTypes\":[\"webhook.test\"]}";
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Idempotency-Key", "create-once");

        Response created = api.send("POST", "/v1/webhooks/endpoints", merchant.key(), body, headers);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String secret = created.data().get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        String id = created.data().get("id").asText();

        Response read = api.get("/v1/webhooks/endpoints/" + id, merchant.key());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.data().has("secret")).isFalse();
        Response listed = api.get("/v1/webhooks/endpoints", merchant.key());
        assertThat(listed.data().get("endpoints").get(0).has("secret")).isFalse();
        Response updated = api.put("/v1/webhooks/endpoints/" + id, merchant.key(), body);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.data().has("secret")).isFalse();
        for (Response answer : List.of(read, listed, updated)) {
            assertThat(answer.body()).doesNotContain(secret);
        }

        // The same request again: the stored answer, with the secret blanked; no second endpoint, no new secret.
        Response replayed = api.send("POST", "/v1/webhooks/endpoints", merchant.key(), body, headers);
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(201);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.data().get("id").asText()).isEqualTo(id);
        assertThat(replayed.data().has("secret")).isTrue();
        assertThat(replayed.data().get("secret").isNull()).isTrue();
        assertThat(replayed.body()).doesNotContain(secret).doesNotContain("whsec_");
        assertThat(api.get("/v1/webhooks/endpoints", merchant.key())
                        .data()
                        .get("total")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void no_secret_is_ever_logged_while_endpoints_are_created_rotated_and_delivered_to() throws Exception {
        Merchant merchant = newMerchant("quiet");
        List<String> secrets = new java.util.ArrayList<>();
        List<String> logged;
        try (var receiver = new WebhookReceiver().start();
                var logs = CapturedLogs.start()) {
            receiver.behave(WebhookReceiver.Behaviour.answer(500));
            Response created = api.send(
                    "POST",
                    "/v1/webhooks/endpoints",
                    merchant.key(),
                    "{\"url\":\"" + receiver.url("/hooks") + "\",\"eventTypes\":[\"api_key.revoked\"]}",
                    Map.of("Content-Type", "application/json", "Idempotency-Key", "quiet-create"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.data().get("id").asText();
            secrets.add(created.data().get("secret").asText());

            Response rotated = api.send(
                    "POST",
                    "/v1/webhooks/endpoints/" + id + "/rotate-secret",
                    merchant.key(),
                    "{\"gracePeriodSeconds\":3600}",
                    Map.of("Content-Type", "application/json", "Idempotency-Key", "quiet-rotate"));
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            secrets.add(rotated.data().get("secret").asText());

            // A delivery that fails, is retried, and then arrives; signed with both secrets.
            revokeANewKey(merchant);
            DeliveryRecord failed = awaitAttempts(merchant, id, 1);
            assertThat(failed.attempts().get(0).statusCode()).hasValue(500);
            receiver.behave(WebhookReceiver.Behaviour.answer(200));
            clock.set(failed.delivery().nextAttemptAt());
            DeliveryRecord delivered = awaitAttempts(merchant, id, 2);
            assertThat(delivered.delivery().status().name()).isEqualTo("DELIVERED");
            Signatures.assertBothSchemesVerify(
                    secrets.get(0), receiver.received().get(1));

            // A replayed create and a refused request that carries a secret-like value.
            Response replayed = api.send(
                    "POST",
                    "/v1/webhooks/endpoints",
                    merchant.key(),
                    "{\"url\":\"" + receiver.url("/hooks") + "\",\"eventTypes\":[\"api_key.revoked\"]}",
                    Map.of("Content-Type", "application/json", "Idempotency-Key", "quiet-create"));
            assertThat(replayed.status()).isEqualTo(201);
            api.put(
                    "/v1/webhooks/endpoints/" + id,
                    merchant.key(),
                    "{\"url\":\"" + receiver.url("/hooks") + "\",\"eventTypes\":[\"api_key.revoked\"],\"secret\":\""
                            + secrets.get(1) + "\"}");
            logged = logs.texts();
        }

        // The capture works: it holds the access log of the calls above.
        assertThat(logged).anySatisfy(text -> assertThat(text).startsWith("network.peere.http.access POST"));
        for (String secret : secrets) {
            String key = secret.substring("whsec_".length());
            assertThat(logged)
                    .as("log texts containing a webhook secret")
                    .noneMatch(text -> text.contains(secret) || text.contains(key));
        }
        assertThat(logged).noneMatch(text -> text.contains("whsec_"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    @Test
    void another_participants_endpoint_is_not_found() {
        Merchant owner = newMerchant("owner");
        Merchant other = newMerchant("other");
        String id = createEndpoint(owner, "http://127.0.0.1:9/hooks", "\"webhook.test\"")
                .get("id")
                .asText();

        assertThat(api.get("/v1/webhooks/endpoints/" + id, other.key()).code()).isEqualTo("webhook_endpoint_not_found");
        assertThat(api.delete("/v1/webhooks/endpoints/" + id, other.key()).status())
                .isEqualTo(404);
        assertThat(api.get("/v1/webhooks/endpoints", other.key())
                        .data()
                        .get("total")
                        .asInt())
                .isZero();
        assertThat(api.delete("/v1/webhooks/endpoints/" + id, owner.key()).status())
                .isEqualTo(200);
    }

    @Test
    void a_live_participant_may_register_only_https_endpoints_on_public_addresses() {
        var registered = peere().registerParticipant()
                .register(new RegisterParticipant.Command(
                        Mode.LIVE,
                        "Live hooks",
                        "hooks@live.test",
                        new Profile.ProviderProfile(),
                        Actor.system("webhooks e2e")));
        var live = ((RegisterParticipant.Registration.Registered) registered).participant();
        var issued = (ManageApiKeys.Issue.Issued)
                peere().manageApiKeys().issue(Mode.LIVE, live.id(), "hooks", Actor.system("webhooks e2e"));
        String key = issued.secret().reveal();

        for (String url : List.of(
                "http://93.184.216.34/hooks", // http
                "https://127.0.0.1/hooks", // loopback
                "https://localhost/hooks",
                "https://10.0.0.7/hooks", // private
                "https://169.254.169.254/hooks", // link-local (cloud metadata)
                "https://[::1]/hooks")) {
            Response refused = api.post(
                    "/v1/webhooks/endpoints", key, "{\"url\":\"" + url + "\",\"eventTypes\":[\"webhook.test\"]}");
            assertThat(refused.status()).as(url + ": " + refused.body()).isEqualTo(422);
            assertThat(refused.code()).as(url).isEqualTo("webhook_url_not_allowed");
        }
        assertThat(api.get("/v1/webhooks/endpoints", key).data().get("total").asInt())
                .isZero();
        // The same local receiver is fine in sandbox, which the configuration relaxes.
        Merchant sandbox = newMerchant("sandboxed");
        createEndpoint(sandbox, "http://127.0.0.1:9/hooks", "\"webhook.test\"");
    }

    @Test
    void replaying_every_event_that_failed_since_a_time_sends_them_again_with_their_ids() throws Exception {
        Merchant merchant = newMerchant("failedsince");
        try (var receiver = new WebhookReceiver().start()) {
            receiver.behave(WebhookReceiver.Behaviour.answer(503));
            JsonNode endpoint = createEndpoint(merchant, receiver.url("/hooks"), "\"api_key.revoked\"");
            String endpointId = endpoint.get("id").asText();
            Instant before = clock.now();
            String keyId = revokeANewKey(merchant);

            DeliveryRecord record = awaitAttempts(merchant, endpointId, 1);
            while (record.delivery().status().name().equals("PENDING")) {
                int done = record.attempts().size();
                assertThat(done).isLessThan(60);
                clock.set(record.delivery().nextAttemptAt());
                record = awaitAttempts(merchant, endpointId, done + 1);
            }
            assertThat(record.delivery().status().name()).isEqualTo("FAILED");
            String eventId = record.eventIds().get(0);
            Instant failedAt = record.delivery().finishedAt().orElseThrow();

            Response none = api.post(
                    "/v1/webhooks/replay", merchant.key(), "{\"failedSince\":\"" + failedAt.plusSeconds(1) + "\"}");
            assertThat(none.status()).as(none.body()).isEqualTo(202);
            assertThat(none.data().get("events").asInt()).isZero();

            receiver.behave(WebhookReceiver.Behaviour.answer(200));
            int sentBefore = receiver.received().size();
            Response replay = api.post("/v1/webhooks/replay", merchant.key(), "{\"failedSince\":\"" + before + "\"}");
            assertThat(replay.status()).as(replay.body()).isEqualTo(202);
            assertThat(replay.data().get("events").asInt()).isEqualTo(1);

            await().atMost(WAIT).until(() -> receiver.received().size() == sentBefore + 1);
            WebhookReceiver.Received replayed = receiver.received().get(sentBefore);
            JsonNode item = body(replayed).get("data").get(0);
            assertThat(item.get("eventId").asText()).isEqualTo(eventId);
            assertThat(item.get("keyId").asText()).isEqualTo(keyId);
            assertThat(body(replayed).get("batchId").asText())
                    .isNotEqualTo(record.delivery().id());
            Signatures.assertBothSchemesVerify(endpoint.get("secret").asText(), replayed);
        }
    }

    @Test
    void history_past_the_retention_is_purged_but_pending_deliveries_stay() {
        Merchant merchant = newMerchant("forgetful");
        try (var receiver = new WebhookReceiver().start();
                var down = new WebhookReceiver()) {
            String served = createEndpoint(merchant, receiver.url("/hooks"), "\"api_key.revoked\"")
                    .get("id")
                    .asText();
            revokeANewKey(merchant);
            DeliveryRecord delivered = awaitAttempts(merchant, served, 1);
            assertThat(delivered.delivery().status().name()).isEqualTo("DELIVERED");
            String eventId = delivered.eventIds().get(0);

            clock.set(clock.now().plus(Duration.ofDays(31)));
            String waiting = createEndpoint(merchant, down.url("/hooks"), "\"webhook.test\"")
                    .get("id")
                    .asText();
            api.post("/v1/webhooks/test", merchant.key(), "{\"endpointId\":\"" + waiting + "\"}");
            DeliveryRecord pending = awaitAttempts(merchant, waiting, 1);
            assertThat(pending.delivery().status().name()).isEqualTo("PENDING");

            while (!peere().purgeWebhookHistory()
                    .purge(Duration.ofDays(30), 500)
                    .none()) {
                // in batches, until nothing is left past the retention
            }

            Response listed = api.get("/v1/webhooks/endpoints/" + served + "/deliveries", merchant.key());
            assertThat(listed.status()).as(listed.body()).isEqualTo(200);
            assertThat(listed.data().get("total").asInt()).isZero();
            Response replay = api.post("/v1/webhooks/replay", merchant.key(), "{\"eventId\":\"" + eventId + "\"}");
            assertThat(replay.code()).isEqualTo("webhook_event_not_found");
            assertThat(onlyDelivery(merchant, waiting).delivery().id())
                    .isEqualTo(pending.delivery().id());
        }
    }
}
