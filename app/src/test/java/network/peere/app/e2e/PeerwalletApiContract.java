package network.peere.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import network.peere.app.testing.HttpApi;
import network.peere.app.testing.Response;
import network.peere.app.testing.RunningServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Peerwallet-compatible routes (docs/peerwallet.md) through real HTTP: POST values, the key in Peerwallet's
 * headers, answers with a numeric {@code status} and a {@code note}, mapped onto the payment link and transaction use
 * cases. Every answer is also checked against docs/openapi.yaml. One subclass per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PeerwalletApiContract {
    static final Map<String, String> SETTINGS = Map.of();
    private static final String POST_URL = "http://127.0.0.1:9/peerwallet-callback";

    RunningServer server;
    HttpApi api;
    SandboxNetwork network;
    String merchant;
    String bank;

    abstract RunningServer start(Path dataDir);

    void afterStop() {}

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        server = start(dataDir);
        api = server.api();
        network = new SandboxNetwork(server);
        merchant = network.keyOf(network.create(
                "/v1/operator/merchants",
                "{\"name\":\"Wallet Shop\",\"email\":\"shop@peerwallet.test\",\"trustLevel\":\"enhanced\"}"));
        bank = network.keyOf(network.simulatedBank("Peerwallet Bank"));
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
        afterStop();
    }

    @Test
    void creates_a_one_off_link_and_keeps_the_customer_details_as_metadata() {
        Response created =
                createLink(merchant, link("one-off-1", "10.04", "USD", Map.of("fname", "Ada", "city", "Lagos")));

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode body = created.json();
        assertThat(body.get("status").asInt()).isEqualTo(200);
        assertThat(body.get("note").asText()).isEqualTo("Payment link created");
        String payId = body.get("pay_id").asText();
        assertThat(payId).startsWith("lnk_");
        assertThat(body.get("link").asText()).startsWith("http").endsWith("/pay/" + payId);
        assertThat(body.get("secret").asText()).isEqualTo("one-off-1");
        assertThat(body.get("recurring").asText()).isEqualTo("no");
        assertThat(body.get("recurring_duration").isNull()).isTrue();
        assertThat(body.get("callback_key").asText()).startsWith("whsec_");
        assertThat(body.get("amount").decimalValue()).isEqualByComparingTo("10.04");
        JsonNode stored = api.get("/v1/payment-links/" + payId, merchant).data();
        assertThat(stored.get("customerEmail").asText()).isEqualTo("ada@example.com");
        assertThat(stored.get("currency").asText()).isEqualTo("USD");
        assertThat(stored.get("description").asText()).isEqualTo("Payment to Wallet Shop");
        assertThat(stored.get("callbackUrl").asText()).isEqualTo(POST_URL);
        assertThat(stored.get("metadata").get("fname").asText()).isEqualTo("Ada");
        assertThat(stored.get("metadata").get("city").asText()).isEqualTo("Lagos");
    }

    @ParameterizedTest
    @CsvSource({
        "Monthly, Monthly, monthly",
        "Half-Yearly, Half-Yearly, half_yearly",
        "half-yearly, Half-Yearly, half_yearly"
    })
    void creates_a_recurring_link_for_each_peerwallet_duration(String sent, String answered, String peere) {
        String secret = "recurring-" + sent;
        Response created =
                createLink(merchant, link(secret, "40", "NGN", Map.of("recurring", "yes", "recurring_duration", sent)));

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("recurring").asText()).isEqualTo("yes");
        assertThat(created.json().get("recurring_duration").asText()).isEqualTo(answered);
        JsonNode stored = api.get(
                        "/v1/payment-links/" + created.json().get("pay_id").asText(), merchant)
                .data();
        assertThat(stored.get("recurring").asBoolean()).isTrue();
        assertThat(stored.get("recurringDuration").asText()).isEqualTo(peere);
    }

    @Test
    void a_recurring_link_needs_its_duration_and_recurring_is_yes_or_no() {
        Response noDuration = createLink(merchant, link("no-duration", "40", "NGN", Map.of("recurring", "yes")));
        Response maybe = createLink(merchant, link("maybe", "40", "NGN", Map.of("recurring", "maybe")));

        assertThat(noDuration.status()).isEqualTo(400);
        assertThat(fields(noDuration)).containsExactly("recurring_duration");
        assertThat(maybe.status()).isEqualTo(400);
        assertThat(fields(maybe)).containsExactly("recurring");
    }

    @Test
    void three_decimals_are_refused_for_a_two_decimal_currency_never_rounded() {
        Response refused = createLink(merchant, link("usd-3-decimals", "20.019", "USD", Map.of()));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("status").asInt()).isEqualTo(500);
        assertThat(refused.json().get("code").asText()).isEqualTo("invalid_amount");
        assertThat(refused.json().get("note").asText()).contains("20.019").contains("USD allows (2)");
    }

    @Test
    void three_decimals_are_kept_exactly_for_a_three_decimal_currency() {
        Response created = createLink(merchant, link("kwd-3-decimals", "20.019", "KWD", Map.of()));

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("amount").decimalValue()).isEqualByComparingTo("20.019");
        assertThat(created.json().get("currency_code").asText()).isEqualTo("KWD");
    }

    @Test
    void an_amount_with_a_thousands_separator_is_refused() {
        Response refused = createLink(merchant, link("separator", "1,000.00", "USD", Map.of()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly("amount");
    }

    @Test
    void a_wrong_or_missing_key_answers_111() {
        Response wrong = createLink("sk_test_not_a_real_key_at_all", link("bad-key", "10", "USD", Map.of()));
        Response missing = send("create-link", Map.of(), link("no-key", "10", "USD", Map.of()));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("status").asInt()).isEqualTo(111);
        assertThat(wrong.json().get("note").asText()).isEqualTo("API key is either not correct or its in-active");
        assertThat(wrong.json().get("code").asText()).isEqualTo("invalid_api_key");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("status").asInt()).isEqualTo(111);
        assertThat(missing.json().get("code").asText()).isEqualTo("authentication_required");
    }

    @Test
    void the_key_may_come_as_a_post_value_too() {
        Map<String, String> fields = new LinkedHashMap<>(link("key-field", "10", "USD", Map.of()));
        fields.put("api-public-key", merchant);

        Response created = send("create-link", Map.of(), fields);

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("ignored_fields")).isEmpty();
    }

    @Test
    void only_a_merchants_key_may_call() {
        Response refused = createLink(bank, link("bank-key", "10", "USD", Map.of()));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("status").asInt()).isEqualTo(500);
        assertThat(refused.json().get("code").asText()).isEqualTo("insufficient_permissions");
    }

    @Test
    void a_missing_secret_or_post_url_is_refused_with_every_field_named() {
        Map<String, String> fields = new LinkedHashMap<>(link("unused", "10", "USD", Map.of()));
        fields.remove("secret");
        fields.remove("post_url");

        Response refused = createLink(merchant, fields);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("status").asInt()).isEqualTo(500);
        assertThat(refused.json().get("code").asText()).isEqualTo("invalid_request");
        assertThat(fields(refused)).containsExactlyInAnyOrder("secret", "post_url");
        assertThat(refused.json().get("note").asText()).contains("secret is required");
        assertThat(refused.json().get("request_id").asText()).isNotBlank();
    }

    @Test
    void a_secret_already_used_is_refused_and_names_its_link() {
        String first = createLink(merchant, link("dup-secret", "10", "USD", Map.of()))
                .json()
                .get("pay_id")
                .asText();

        Response again = createLink(merchant, link("dup-secret", "12", "USD", Map.of()));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("status").asInt()).isEqualTo(500);
        assertThat(again.json().get("note").asText()).isEqualTo("secret already used");
        assertThat(again.json().get("code").asText()).isEqualTo("duplicate_link_secret");
        assertThat(again.json().get("pay_id").asText()).isEqualTo(first);
    }

    @Test
    void a_form_is_required() {
        Response json = api.send(
                "POST",
                "/peerwallet/create-link",
                null,
                "{\"secret\":\"json\"}",
                Map.of("Content-Type", "application/json", "api-public-key", merchant));

        assertThat(json.status()).isEqualTo(415);
        assertThat(json.json().get("code").asText()).isEqualTo("unsupported_media_type");
    }

    @Test
    void a_broken_multipart_body_is_the_callers_error_not_a_server_error() {
        for (String contentType : List.of("multipart/form-data; boundary=XYZ", "multipart/form-data")) {
            Response broken = api.sendRefusedBody(
                    "POST",
                    "/peerwallet/create-link",
                    null,
                    "--XYZ\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\ncut off",
                    Map.of("Content-Type", contentType, "api-public-key", merchant));

            assertThat(broken.status()).as(broken.body()).isEqualTo(400);
            assertThat(broken.json().get("status").asInt()).isEqualTo(500);
            assertThat(broken.json().get("code").asText()).isEqualTo("invalid_request");
        }
    }

    @Test
    void verifies_an_unpaid_link_by_its_secret() {
        String payId = createLink(merchant, link("verify-unpaid", "10", "USD", Map.of()))
                .json()
                .get("pay_id")
                .asText();

        Response verified =
                send("verify-payment", Map.of("api-private-key", merchant), Map.of("secret", "verify-unpaid"));

        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        JsonNode body = verified.json();
        assertThat(names(body))
                .containsExactly(
                        "status",
                        "payment_status",
                        "escrow_status",
                        "last_date",
                        "last_date_iso",
                        "next_due_date_iso",
                        "pay_id",
                        "invoice_id",
                        "link",
                        "note");
        assertThat(body.get("status").asInt()).isEqualTo(200);
        assertThat(body.get("payment_status").asText()).isEqualTo("Unpaid");
        assertThat(body.get("escrow_status").asText()).isEqualTo("pending");
        assertThat(body.get("last_date").isNull()).isTrue();
        assertThat(body.get("next_due_date_iso").isNull()).isTrue();
        assertThat(body.get("pay_id").asText()).isEqualTo(payId);
        assertThat(body.get("invoice_id").isNull()).isTrue();
        assertThat(body.get("note").asText()).isEqualTo("Payment verification has been processed");
    }

    @Test
    void verifying_an_unknown_secret_says_so() {
        Response refused = send("verify-payment", Map.of("api-private-key", merchant), Map.of("secret", "never-made"));

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.json().get("status").asInt()).isEqualTo(500);
        assertThat(refused.json().get("code").asText()).isEqualTo("payment_link_not_found");
    }

    @Test
    void a_transaction_nobody_has_is_not_found() {
        Response refused = send("transaction", Map.of("api-private-key", merchant), Map.of("invoice_id", "txn_NOPE"));

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.json().get("status").asInt()).isEqualTo(500);
        assertThat(refused.json().get("code").asText()).isEqualTo("transaction_not_found");
        assertThat(refused.json().get("note").asText()).isEqualTo("No such transaction of yours.");
    }

    @Test
    void an_unpaid_link_has_no_transaction_yet() {
        String payId = createLink(merchant, link("tx-unpaid", "10", "USD", Map.of()))
                .json()
                .get("pay_id")
                .asText();

        Response byPayId = send("transaction", Map.of("api-private-key", merchant), Map.of("pay_id", payId));
        Response byInvoiceField = send("transaction", Map.of("api-private-key", merchant), Map.of("invoice_id", payId));

        assertThat(byPayId.status()).isEqualTo(404);
        assertThat(byPayId.json().get("note").asText()).isEqualTo("This payment link has no paid transaction yet.");
        assertThat(byInvoiceField.json().get("note").asText())
                .isEqualTo("This payment link has no paid transaction yet.");
    }

    @Test
    void a_confirmed_charge_reads_as_peerwallets_receipt() {
        var customer = network.newCustomer(bank);
        String phrase = network.approvedRecurringAgreement(merchant, customer);
        Response billed = api.post(
                "/v1/customer/bill",
                merchant,
                "{\"agreementPhrases\":[\"" + phrase
                        + "\"],\"amount\":1500.5,\"currency\":\"NGN\",\"description\":\"Order\"}");
        assertThat(billed.status()).as(billed.body()).isEqualTo(201);
        String invoiceId = billed.json().get(0).get("reference").asText();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> "Paid"
                        .equals(transaction(invoiceId)
                                .json()
                                .path("payment_status")
                                .asText()));

        JsonNode body = transaction(invoiceId).json();

        assertThat(names(body)).containsExactly("status", "payment_status", "invoice_id", "receipt_id", "data", "note");
        assertThat(body.get("invoice_id").asText()).isEqualTo(invoiceId);
        assertThat(body.get("receipt_id").asText()).isNotBlank();
        assertThat(body.get("note").asText()).isEqualTo("Transaction fetched!");
        JsonNode data = body.get("data");
        assertThat(data.get("selling_currency").asText()).isEqualTo("NGN");
        assertThat(data.get("selling_amount").decimalValue()).isEqualByComparingTo("1500.50");
        assertThat(data.get("selling_total_amount").decimalValue()).isEqualByComparingTo("1500.50");
        assertThat(data.get("seller_net_amount").decimalValue())
                .isEqualByComparingTo(data.get("seller_amount")
                        .decimalValue()
                        .subtract(data.get("fee").decimalValue()));
        assertThat(data.get("payment_method").asText()).isEqualTo("bank");
        assertThat(data.get("exchange_rate").asInt()).isEqualTo(1);
        assertThat(data.get("fees_by").asText()).isEqualTo("sellers");
        assertThat(data.get("merchant").asText()).isEqualTo("Wallet Shop");
        assertThat(data.get("date_processed").asLong()).isPositive();
        assertThat(data.get("date_paid_failed").asLong())
                .isGreaterThanOrEqualTo(data.get("date_processed").asLong());
        assertThat(data.has("selling_amouunt")).isFalse();
    }

    private Response transaction(String invoiceId) {
        return send("transaction", Map.of("api-private-key", merchant), Map.of("invoice_id", invoiceId));
    }

    private Response createLink(String key, Map<String, String> fields) {
        return send("create-link", Map.of("api-public-key", key), fields);
    }

    private Map<String, String> link(String secret, String amount, String currency, Map<String, String> extra) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("email", "ada@example.com");
        fields.put("amount", amount);
        fields.put("currency_code", currency);
        fields.put("secret", secret);
        fields.put("post_url", POST_URL);
        fields.putAll(extra);
        return fields;
    }

    private Response send(String route, Map<String, String> keyHeaders, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        Map<String, String> headers = new LinkedHashMap<>(keyHeaders);
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        return api.send("POST", "/peerwallet/" + route, null, form, headers);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> fields(Response refused) {
        return Optional.ofNullable(refused.json().get("errors")).stream()
                .flatMap(errors -> errors.findValuesAsText("field").stream())
                .toList();
    }

    private static List<String> names(JsonNode body) {
        List<String> names = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
