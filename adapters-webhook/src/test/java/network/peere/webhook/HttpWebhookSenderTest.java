package network.peere.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.WebhookSecret;
import network.peere.core.ports.out.WebhookSender.Format;
import network.peere.core.ports.out.WebhookSender.Outgoing;
import network.peere.core.ports.out.WebhookSender.Result;
import network.peere.core.ports.out.WebhookUrlPolicy;
import network.peere.webhook.testing.StubReceiver;
import network.peere.webhook.testing.StubReceiver.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real HTTP to an embedded receiver: an envelope is acknowledged by any 2xx; a link callback is a signed form with the
 * merchant's {@code api-secret-key}, acknowledged only by a 2xx whose JSON body says {@code "status": "success"}.
 */
class HttpWebhookSenderTest {
    private static final WebhookSecret CALLBACK_KEY = secret(1);
    private static final WebhookSecret ENDPOINT_SECRET = secret(2);
    private static final Instant AT = Instant.parse("2026-11-23T08:00:00Z");
    private static final String ITEM = """
            {"call_method":"recurring","secret":"gym ada&co=1","response":"paid","amount":10.00,"sequence":3,\
            "final":false,"metadata": {"plan": "gold", "seats": [1, 2.50]},"reason":null,"note":"naïve €"}""";

    private final StubReceiver receiver = new StubReceiver();
    private final HttpWebhookSender sender =
            new HttpWebhookSender(Duration.ofSeconds(2), new PublicUrlPolicy(Set.of(Mode.SANDBOX)));

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static WebhookSecret secret(int fill) {
        byte[] random = new byte[WebhookSecret.RANDOM_BYTES];
        Arrays.fill(random, (byte) fill);
        return WebhookSecret.generate(random);
    }

    private Outgoing linkCallback() {
        return new Outgoing(
                "whd_1",
                receiver.url("/callback"),
                Mode.SANDBOX,
                "mer_1",
                "merchant",
                EventType.PAYMENT_LINK_CALLBACK,
                AT,
                List.of(ITEM),
                CALLBACK_KEY,
                List.of(CALLBACK_KEY),
                new Format.LinkCallback(CALLBACK_KEY));
    }

    private Outgoing envelope() {
        return new Outgoing(
                "whd_2",
                receiver.url("/hooks"),
                Mode.SANDBOX,
                "mer_1",
                "merchant",
                EventType.WEBHOOK_TEST,
                AT,
                List.of("{\"eventId\":\"evt_1\"}"),
                ENDPOINT_SECRET,
                List.of(ENDPOINT_SECRET),
                new Format.Envelope());
    }

    private Result answered(Answer answer, Outgoing delivery) {
        receiver.answer(answer);
        return sender.send(delivery);
    }

    private static Map<String, String> fields(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            String[] parts = pair.split("=", 2);
            fields.put(
                    URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    @Test
    void a_link_callback_is_the_items_members_as_a_form_in_order_without_nulls() {
        answered(Answer.of(200, "{\"status\":\"success\"}"), linkCallback());

        StubReceiver.Received request = receiver.received().get(0);
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(fields(request.text()))
                .containsExactly(
                        Map.entry("call_method", "recurring"),
                        Map.entry("secret", "gym ada&co=1"),
                        Map.entry("response", "paid"),
                        Map.entry("amount", "10.00"),
                        Map.entry("sequence", "3"),
                        Map.entry("final", "false"),
                        Map.entry("metadata", "{\"plan\":\"gold\",\"seats\":[1,2.50]}"),
                        Map.entry("note", "naïve €"));
        assertThat(request.text()).startsWith("call_method=recurring&secret=gym+ada%26co%3D1&");
    }

    @Test
    void a_link_callback_carries_the_callback_key_and_both_signatures_over_the_raw_form() throws Exception {
        answered(Answer.of(200, "{\"status\":\"success\"}"), linkCallback());

        StubReceiver.Received request = receiver.received().get(0);
        assertThat(request.header("api-secret-key")).isEqualTo(CALLBACK_KEY.reveal());
        assertThat(request.header("User-Agent")).isEqualTo(HttpWebhookSender.USER_AGENT);
        String peere = "sha256="
                + HexFormat.of()
                        .formatHex(hmac(CALLBACK_KEY.reveal().getBytes(StandardCharsets.UTF_8), request.body()));
        assertThat(MessageDigest.isEqual(
                        peere.getBytes(StandardCharsets.US_ASCII),
                        request.header("X-Peere-Signature").getBytes(StandardCharsets.US_ASCII)))
                .isTrue();
        assertThat(request.header("webhook-id")).isEqualTo("whd_1");
        assertThat(request.header("webhook-timestamp")).isEqualTo(Long.toString(AT.getEpochSecond()));
        byte[] signed = ("whd_1." + AT.getEpochSecond() + "." + request.text()).getBytes(StandardCharsets.UTF_8);
        byte[] key = Base64.getDecoder().decode(CALLBACK_KEY.reveal().substring(WebhookSecret.PREFIX.length()));
        assertThat(request.header("webhook-signature"))
                .isEqualTo("v1," + Base64.getEncoder().encodeToString(hmac(key, signed)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"status\":\"success\"}",
                "{\"status\":\"SUCCESS\"}",
                " {\"message\":\"ok\", \"status\" : \" Success \"}\n"
            })
    void a_link_callback_is_acknowledged_by_a_2xx_saying_status_success(String reply) {
        assertThat(answered(Answer.of(200, reply), linkCallback()))
                .isInstanceOfSatisfying(
                        Result.Accepted.class,
                        accepted -> assertThat(accepted.statusCode()).isEqualTo(200));
    }

    @Test
    void a_link_callback_needs_no_json_content_type_to_be_acknowledged() {
        Answer reply = Answer.of(201, "{\"status\":\"success\"}").with("Content-Type", "text/html");

        assertThat(answered(reply, linkCallback())).isInstanceOf(Result.Accepted.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "OK",
                "{\"status\":\"failed\"}",
                "\"success\"", // a JSON string, not an object
                "[{\"status\":\"success\"}]",
                "{\"status\":true}",
                "{\"result\":{\"status\":\"success\"}}", // not a top-level member
                "{\"status\":\"success\",\"status\":\"failed\"}", // which one?
                "{\"status\":\"success\"", // cut short
                ""
            })
    void any_other_2xx_leaves_a_link_callback_unacknowledged(String reply) {
        assertThat(answered(Answer.of(200, reply), linkCallback()))
                .isInstanceOfSatisfying(Result.Unacknowledged.class, unacknowledged -> {
                    assertThat(unacknowledged.statusCode()).isEqualTo(200);
                    assertThat(unacknowledged.reason()).startsWith("2xx without {\"status\":\"success\"}: ");
                });
    }

    @Test
    void a_201_with_the_json_string_success_is_not_an_acknowledgement() {
        assertThat(answered(Answer.of(201, "\"success\""), linkCallback()))
                .isInstanceOfSatisfying(Result.Unacknowledged.class, unacknowledged -> {
                    assertThat(unacknowledged.statusCode()).isEqualTo(201);
                    assertThat(unacknowledged.reason()).isEqualTo("2xx without {\"status\":\"success\"}: \"success\"");
                });
    }

    @Test
    void an_unacknowledging_reply_is_shown_short_and_without_control_characters() {
        Result plain = answered(Answer.of(200, "OK"), linkCallback());
        Result hostile = answered(Answer.of(200, "<html>\r\n\u001b[31m\u202e" + "x".repeat(5000)), linkCallback());

        assertThat(((Result.Unacknowledged) plain).reason()).isEqualTo("2xx without {\"status\":\"success\"}: OK");
        assertThat(((Result.Unacknowledged) hostile).reason())
                .isEqualTo("2xx without {\"status\":\"success\"}: <html>[31m" + "x".repeat(90));
    }

    @Test
    void a_huge_reply_is_read_only_up_to_the_cap() {
        String huge = "{\"status\":\"success\",\"padding\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}";

        assertThat(answered(Answer.of(200, huge), linkCallback()))
                .isInstanceOfSatisfying(
                        Result.Unacknowledged.class,
                        unacknowledged -> assertThat(unacknowledged.reason())
                                .startsWith(
                                        "2xx without {\"status\":\"success\"} in its first 16384 bytes: {\"status\""));
    }

    @Test
    void a_reply_body_that_stalls_past_the_timeout_is_unreachable() {
        var impatient = new HttpWebhookSender(Duration.ofMillis(300), new PublicUrlPolicy(Set.of(Mode.SANDBOX)));
        receiver.answer(Answer.of(200, "{\"status\":\"success\"}").stallingAfterFirstByte(Duration.ofSeconds(3)));

        assertThat(impatient.send(linkCallback()))
                .isInstanceOfSatisfying(
                        Result.Unreachable.class,
                        unreachable -> assertThat(unreachable.error()).isEqualTo("timed out after 300 ms"));
    }

    @Test
    void an_envelope_whose_2xx_body_stalls_past_the_timeout_holds_no_sender_and_is_unreachable() {
        var impatient = new HttpWebhookSender(Duration.ofMillis(300), new PublicUrlPolicy(Set.of(Mode.SANDBOX)));
        receiver.answer(
                Answer.of(200, "a body the receiver never finishes").stallingAfterFirstByte(Duration.ofSeconds(3)));

        long started = System.nanoTime();
        Result result = impatient.send(envelope());

        assertThat(result)
                .isInstanceOfSatisfying(
                        Result.Unreachable.class,
                        unreachable -> assertThat(unreachable.error()).isEqualTo("timed out after 300 ms"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void a_link_callback_refused_or_gone_is_answered_like_an_envelope() {
        assertThat(answered(Answer.of(500, "{\"status\":\"success\"}").with("Retry-After", "120"), linkCallback()))
                .isInstanceOfSatisfying(Result.Refused.class, refused -> {
                    assertThat(refused.statusCode()).isEqualTo(500);
                    assertThat(refused.retryAfter()).contains(Duration.ofSeconds(120));
                });
        assertThat(answered(Answer.of(410, ""), linkCallback())).isInstanceOf(Result.Gone.class);
    }

    @Test
    void an_unreachable_callback_url_is_unreachable() {
        receiver.close();

        assertThat(sender.send(linkCallback())).isInstanceOf(Result.Unreachable.class);
    }

    @Test
    void an_envelope_is_json_signed_with_the_endpoint_secret_and_acknowledged_by_any_2xx() throws Exception {
        assertThat(answered(Answer.of(204, ""), envelope()))
                .isInstanceOfSatisfying(
                        Result.Accepted.class,
                        accepted -> assertThat(accepted.statusCode()).isEqualTo(204));
        assertThat(answered(Answer.of(200, "OK"), envelope())).isInstanceOf(Result.Accepted.class);

        StubReceiver.Received request = receiver.received().get(0);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("api-secret-key")).isNull();
        assertThat(request.text())
                .isEqualTo("{\"entityId\":\"mer_1\",\"entityType\":\"merchant\",\"webhookType\":\"webhook.test\","
                        + "\"timestamp\":\"2026-11-23T08:00:00.000Z\",\"batchId\":\"whd_2\","
                        + "\"data\":[{\"eventId\":\"evt_1\"}],\"itemCount\":1}");
        assertThat(request.header("X-Peere-Signature"))
                .isEqualTo("sha256="
                        + HexFormat.of()
                                .formatHex(hmac(
                                        ENDPOINT_SECRET.reveal().getBytes(StandardCharsets.UTF_8), request.body())));
    }

    @Test
    void an_https_url_whose_server_does_not_speak_tls_is_unreachable_and_nothing_is_sent_in_the_clear() {
        receiver.answer(Answer.of(200, ""));
        Outgoing plain = envelope();
        Outgoing tls = new Outgoing(
                plain.batchId(),
                URI.create(plain.url().toString().replaceFirst("^http:", "https:")),
                plain.mode(),
                plain.entityId(),
                plain.entityType(),
                plain.type(),
                plain.timestamp(),
                plain.items(),
                plain.peereSecret(),
                plain.standardSecrets(),
                plain.format());

        assertThat(sender.send(tls)).isInstanceOf(Result.Unreachable.class);
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void a_connection_goes_only_to_addresses_the_policy_allows_for_the_mode_when_it_is_opened() {
        // The check before the send says yes (as a DNS answer may have said a moment earlier), but the address the
        // host resolves to when connecting is a loopback one: a live delivery must not reach it; a sandbox one may.
        WebhookUrlPolicy rebound = new WebhookUrlPolicy() {
            @Override
            public Verdict check(Mode mode, URI url) {
                return new Verdict.Allowed();
            }

            @Override
            public boolean connectsTo(Mode mode, java.net.InetAddress address) {
                return mode == Mode.SANDBOX || PublicUrlPolicy.isPublic(address);
            }
        };
        receiver.answer(Answer.of(200, ""));
        try (var guarded = new HttpWebhookSender(Duration.ofSeconds(2), rebound)) {
            Outgoing sandbox = envelope();
            Outgoing live = new Outgoing(
                    "whd_live",
                    sandbox.url(),
                    Mode.LIVE,
                    sandbox.entityId(),
                    sandbox.entityType(),
                    sandbox.type(),
                    sandbox.timestamp(),
                    sandbox.items(),
                    sandbox.peereSecret(),
                    sandbox.standardSecrets(),
                    sandbox.format());

            assertThat(guarded.send(live))
                    .isInstanceOfSatisfying(
                            Result.Unreachable.class,
                            unreachable -> assertThat(unreachable.error()).contains("loopback, private or link-local"));
            assertThat(receiver.received()).isEmpty();
            // The same host in sandbox mode (its own connections: the mode tags them) is reached.
            assertThat(guarded.send(sandbox)).isInstanceOf(Result.Accepted.class);
            assertThat(receiver.received()).hasSize(1);
            // And live stays refused after a sandbox connection to the same host exists.
            assertThat(guarded.send(live)).isInstanceOf(Result.Unreachable.class);
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void keeps_no_cookies_asks_for_no_compression_and_reads_a_401_as_a_refusal() {
        assertThat(answered(Answer.of(200, "").with("Set-Cookie", "session=merchant-a; Path=/"), envelope()))
                .isInstanceOf(Result.Accepted.class);
        assertThat(answered(
                        Answer.of(401, "x".repeat(64 * 1024)).with("WWW-Authenticate", "Basic realm=\"hooks\""),
                        envelope()))
                .isInstanceOfSatisfying(
                        Result.Refused.class,
                        refused -> assertThat(refused.statusCode()).isEqualTo(401));

        StubReceiver.Received second = receiver.received().get(1);
        assertThat(second.header("Cookie")).isNull();
        assertThat(second.header("Accept-Encoding")).isNull();
        assertThat(second.header("User-Agent")).isEqualTo(HttpWebhookSender.USER_AGENT);
    }

    @Test
    void an_envelope_refused_or_gone_is_answered_as_before() {
        assertThat(answered(Answer.of(503, "").with("Retry-After", "30"), envelope()))
                .isInstanceOfSatisfying(Result.Refused.class, refused -> {
                    assertThat(refused.statusCode()).isEqualTo(503);
                    assertThat(refused.retryAfter()).contains(Duration.ofSeconds(30));
                });
        assertThat(answered(Answer.of(410, ""), envelope())).isInstanceOf(Result.Gone.class);
    }
}
