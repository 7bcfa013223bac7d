package network.peere.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import network.peere.app.testing.Response;
import network.peere.app.testing.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Money after the charge, end to end on the real server and a real database, every answer checked against
 * docs/openapi.yaml: fees kept at confirmation, refunds asked of the bank ({@code refund.request}) and answered to
 * the merchant ({@code refund.response}), payout accounts, settlement windows with their lines, CSV reports and
 * payouts, and a ledger that reconciles. The server runs on a clock the test moves, so a day's window can close.
 * One subclass per database.
 */
abstract class MoneyApiContract extends SandboxPartiesContract {
    /** Fast webhooks; the settlement timer out of the way, so the test decides when windows settle. */
    static final Map<String, String> SETTINGS = Map.of(
            "PEERE_WEBHOOK_POLL_MS", "25",
            "PEERE_WEBHOOK_TIMEOUT_MS", "2000",
            "PEERE_SETTLEMENT_INTERVAL", "24h");

    final TestClock clock = new TestClock(Instant.now());

    MoneyApiContract() {
        super("Refund Test Bank", "Refund Shop");
    }

    @BeforeAll
    void subscribeToWebhooks() {
        network.webhookEndpoint(bank, webhooks.url("/bank"), List.of("refund.request"));
        network.webhookEndpoint(
                merchant, webhooks.url("/merchant"), List.of("refund.response", "settlement.completed"));
    }

    @Test
    void charges_pay_the_merchants_fee_are_refunded_through_the_bank_settle_and_pay_out() {
        // The operator gives the merchant its own fee: 1 % plus 50.00 NGN (minor units: one schedule, any currency).
        Response fee = api.put(
                "/v1/operator/fees/" + merchantId,
                operator,
                "{\"basisPoints\":100,\"fixedMinor\":5000,\"minimumMinor\":0,\"maximumMinor\":null}");
        assertThat(fee.status()).as(fee.body()).isEqualTo(200);
        assertThat(fee.data().get("owner").asText()).isEqualTo(merchantId);
        assertThat(api.get("/v1/operator/fees/" + merchantId, operator)
                        .data()
                        .get("basisPoints")
                        .asInt())
                .isEqualTo(100);
        Response fees = api.get("/v1/merchant/fees", merchant);
        assertThat(fees.status()).as(fees.body()).isEqualTo(200);
        assertThat(fees.data().get("source").asText()).isEqualTo("merchant");
        assertThat(fees.data().get("fixedMinor").asLong()).isEqualTo(5000);
        assertThat(api.get("/v1/merchant/fees", otherMerchant)
                        .data()
                        .get("source")
                        .asText())
                .isEqualTo("network");

        Response account = api.put(
                "/v1/merchant/payout-account",
                merchant,
                "{\"bankName\":\"Payout Bank\",\"accountNumber\":\"0123456789\",\"accountName\":\"Refund Shop Ltd\"}");
        assertThat(account.status()).as(account.body()).isEqualTo(200);
        assertThat(account.data().get("accountNumber").asText()).isEqualTo("******6789");
        assertThat(api.get("/v1/merchant/payout-account", merchant)
                        .data()
                        .get("accountName")
                        .asText())
                .isEqualTo("Refund Shop Ltd");
        assertThat(api.get("/v1/merchant/payout-account", otherMerchant).code()).isEqualTo("payout_account_not_found");

        String agreementPhrase = approvedAgreement(newCustomer());
        String refunded = confirmedCharge(agreementPhrase, "1000");
        String kept = confirmedCharge(agreementPhrase, "2000");

        JsonNode charge =
                api.get("/v1/transaction-details/" + refunded, merchant).data();
        assertThat(charge.get("status").asText()).isEqualTo("completed");
        assertThat(charge.get("fee").decimalValue()).isEqualByComparingTo("60"); // 10.00 + 50.00
        assertThat(charge.get("refunded").decimalValue()).isEqualByComparingTo("0");
        assertThat(charge.get("refundable").decimalValue()).isEqualByComparingTo("1000");

        // A partial refund: pending, the bank hears refund.request, then works on it and completes it.
        Response partial = initiate(merchant, refunded, "400", "partial", "{\"ticket\":\"T-1\"}");
        assertThat(partial.status()).as(partial.body()).isEqualTo(201);
        assertThat(partial.json().get("message").asText()).isEqualTo("Refund initiated successfully");
        assertThat(partial.data().get("status").asText()).isEqualTo("pending");
        assertThat(partial.data().get("estimatedProcessingTime").asText()).isEqualTo("1-3 business days");
        String partialId = partial.data().get("refundId").asText();

        JsonNode asked = webhooks.awaitItem("refund.request", bankId, "refundId", partialId);
        assertThat(asked.get("originalTransactionId").asText()).isEqualTo(refunded);
        assertThat(asked.get("amount").decimalValue()).isEqualByComparingTo("400");

        Response status = api.get("/v1/refunds/" + partialId + "/status", merchant);
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        assertThat(status.json().has("data")).isFalse();
        JsonNode pending = status.json().get("refund");
        assertThat(pending.get("status").asText()).isEqualTo("pending");
        assertThat(pending.get("originalTransactionId").asText()).isEqualTo(refunded);
        assertThat(pending.get("originalAmount").decimalValue()).isEqualByComparingTo("1000");
        assertThat(pending.get("refundType").asText()).isEqualTo("partial");
        assertThat(pending.get("initiatedBy").asText()).isEqualTo(merchantId);
        assertThat(pending.get("feeReturned").decimalValue()).isEqualByComparingTo("24"); // 60 × 400 / 1000
        assertThat(pending.get("metadata").get("ticket").asText()).isEqualTo("T-1");

        assertThat(answer(partialId, "{\"status\":\"processing\"}")
                        .data()
                        .get("status")
                        .asText())
                .isEqualTo("processing");
        assertThat(answer(partialId, "{\"status\":\"completed\",\"bankReference\":\"bank_rfd_1\"}")
                        .data()
                        .get("status")
                        .asText())
                .isEqualTo("completed");
        JsonNode done = awaitResponse(partialId, "completed");
        assertThat(done.get("bankReference").asText()).isEqualTo("bank_rfd_1");
        JsonNode completed =
                api.get("/v1/refunds/" + partialId + "/status", bank).json().get("refund");
        assertThat(completed.get("status").asText()).isEqualTo("completed");
        assertThat(completed.get("processedAt").isNull()).isFalse();
        assertThat(answer(partialId, "{\"status\":\"failed\"}").code()).isEqualTo("refund_already_final");

        // Never more than what remains, and `full` means exactly all of it.
        Response tooMuch = initiate(merchant, refunded, "700", "partial", null);
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.code()).isEqualTo("refund_exceeds_remainder");
        assertThat(initiate(merchant, refunded, "500", "full", null).code()).isEqualTo("refund_type_mismatch");

        // The rest in full: the transaction reads refunded at once; the bank fails it, and it is refundable again.
        Response rest = initiate(merchant, refunded, "600", "full", null);
        assertThat(rest.status()).as(rest.body()).isEqualTo(201);
        String failedId = rest.data().get("refundId").asText();
        assertThat(api.get("/v1/transaction-details/" + refunded, merchant)
                        .data()
                        .get("status")
                        .asText())
                .isEqualTo("refunded");
        assertThat(initiate(merchant, refunded, "1", "partial", null).code()).isEqualTo("refund_exceeds_remainder");
        webhooks.awaitItem("refund.request", bankId, "refundId", failedId);
        Response failed = answer(failedId, "{\"status\":\"failed\",\"reason\":\"account closed\"}");
        assertThat(failed.data().get("status").asText()).isEqualTo("failed");
        assertThat(awaitResponse(failedId, "failed").get("failureReason").asText())
                .isEqualTo("account closed");
        JsonNode afterFailure =
                api.get("/v1/transaction-details/" + refunded, merchant).data();
        assertThat(afterFailure.get("status").asText()).isEqualTo("completed");
        assertThat(afterFailure.get("refundable").decimalValue()).isEqualByComparingTo("600");

        String finalId = initiate(merchant, refunded, "600", "full", null)
                .data()
                .get("refundId")
                .asText();
        answer(finalId, "{\"status\":\"completed\"}");
        JsonNode fully = api.get("/v1/transaction-details/" + refunded, bank).data();
        assertThat(fully.get("status").asText()).isEqualTo("refunded");
        assertThat(fully.get("refunded").decimalValue()).isEqualByComparingTo("1000");
        assertThat(fully.get("refundable").decimalValue()).isEqualByComparingTo("0");

        Response listed = api.get("/v1/refunds?limit=10", merchant);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.data().get("total").asLong()).isEqualTo(3);
        assertThat(ids(listed.data().get("refunds"), "refundId"))
                .containsExactlyInAnyOrder(partialId, failedId, finalId);

        assertThat(settledFlags(merchant)).containsEntry(kept, false).containsEntry(refunded, false);

        // The day is over and settled: one window with every journal entry of the merchant's payable.
        clock.advance(Duration.ofDays(2));
        Response run = api.post("/v1/operator/settlements/run", operator, "{}");
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.data().get("settled").asInt()).isPositive();
        // Both confirmed charges are now in a settlement, in every read of them, by either party.
        assertThat(settledFlags(merchant)).containsEntry(kept, true).containsEntry(refunded, true);
        assertThat(settledFlags(bank)).containsEntry(kept, true).containsEntry(refunded, true);
        assertThat(api.get("/v1/transaction-details/" + kept, merchant)
                        .data()
                        .get("isSettled")
                        .asBoolean())
                .isTrue();

        Response settlements = api.get("/v1/settlements", merchant);
        assertThat(settlements.status()).as(settlements.body()).isEqualTo(200);
        assertThat(settlements.data().get("total").asLong()).isEqualTo(1);
        JsonNode summary = settlements.data().get("settlements").get(0);
        String settlementId = summary.get("settlementId").asText();
        assertThat(summary.has("lines")).isFalse();
        assertThat(summary.get("entityId").asText()).isEqualTo(merchantId);
        assertThat(summary.get("charges").decimalValue()).isEqualByComparingTo("3000");
        assertThat(summary.get("refunds").decimalValue()).isEqualByComparingTo("1000");
        assertThat(summary.get("fees").decimalValue()).isEqualByComparingTo("70"); // all of the refunded one's back
        assertThat(summary.get("net").decimalValue()).isEqualByComparingTo("1930");
        assertThat(summary.get("payout").decimalValue()).isEqualByComparingTo("1930");
        assertThat(summary.get("payoutStatus").asText()).isEqualTo("pending");
        assertThat(summary.get("payoutAccount").get("accountNumber").asText()).isEqualTo("******6789");
        webhooks.awaitItem("settlement.completed", merchantId, "settlementId", settlementId);

        Response detail = api.get("/v1/settlements/" + settlementId, merchant);
        assertThat(detail.status()).as(detail.body()).isEqualTo(200);
        JsonNode lines = detail.data().get("lines");
        assertThat(ids(lines, "kind"))
                .containsExactlyInAnyOrder(
                        "charge", "charge", "refund", "refund", "refund_reversal", "refund", "payout");
        assertThat(ids(lines, "reference")).contains(refunded, kept);

        Response csv = api.get("/v1/settlements/" + settlementId + "/report.csv", merchant);
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> rows = csv.body().lines().toList();
        assertThat(rows.get(0))
                .isEqualTo("settlement_id,window_start,window_end,kind,reference,gross,fee,net,currency,bank_id,"
                        + "occurred_at");
        assertThat(rows).hasSize(1 + lines.size());
        assertThat(rows.subList(1, rows.size())).allMatch(row -> row.startsWith(settlementId + ","));
        assertThat(rows).anyMatch(row -> row.contains(",charge," + kept + ",2000.00,"));
        Response range = api.get("/v1/settlements/report.csv", merchant);
        assertThat(range.status()).as(range.body()).isEqualTo(200);
        assertThat(range.body()).isEqualTo(csv.body());
        assertThat(api.get("/v1/settlements/report.csv?from=2999-01-01", merchant)
                        .body()
                        .lines())
                .hasSize(1);

        Response payout = api.get("/v1/settlements/" + settlementId + "/payout", merchant);
        assertThat(payout.status()).as(payout.body()).isEqualTo(200);
        assertThat(payout.data().get("status").asText()).isEqualTo("pending");
        assertThat(payout.data().get("amount").decimalValue()).isEqualByComparingTo("1930");
        Response paid =
                api.put("/v1/operator/settlements/" + settlementId + "/payout", operator, "{\"status\":\"paid\"}");
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        assertThat(paid.data().get("payoutStatus").asText()).isEqualTo("paid");
        Response again =
                api.put("/v1/operator/settlements/" + settlementId + "/payout", operator, "{\"status\":\"failed\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("payout_status_conflict");

        Response books = api.get("/v1/operator/reconciliation", operator);
        assertThat(books.status()).as(books.body()).isEqualTo(200);
        assertThat(books.data().get("mismatches")).as(books.body()).isEmpty();
        assertThat(books.data().get("balanced").asBoolean()).isTrue();
        assertThat(books.data().get("journalTotals").get("NGN").decimalValue()).isEqualByComparingTo("0");

        // Another merchant sees none of it, and hears 404, never 403.
        assertThat(api.get("/v1/refunds/" + partialId + "/status", otherMerchant)
                        .code())
                .isEqualTo("refund_not_found");
        assertThat(initiate(otherMerchant, kept, "1", "partial", null).code()).isEqualTo("transaction_not_found");
        assertThat(api.get("/v1/settlements/" + settlementId, otherMerchant).code())
                .isEqualTo("settlement_not_found");
        assertThat(api.get("/v1/settlements/" + settlementId + "/report.csv", otherMerchant)
                        .code())
                .isEqualTo("settlement_not_found");
        assertThat(api.get("/v1/settlements/" + settlementId + "/payout", otherMerchant)
                        .code())
                .isEqualTo("settlement_not_found");
        assertThat(api.get("/v1/refunds", otherMerchant).data().get("total").asLong())
                .isZero();
        assertThat(api.get("/v1/settlements/report.csv", otherMerchant).body().lines())
                .hasSize(1);
    }

    @Test
    void each_role_reaches_only_its_money_routes() {
        for (String path :
                new String[] {"/v1/refunds", "/v1/settlements", "/v1/merchant/payout-account", "/v1/merchant/fees"}) {
            assertThat(api.get(path, bank).code()).as(path).isEqualTo("insufficient_permissions");
        }
        assertThat(initiate(bank, "txn_x", "1", "partial", null).status()).isEqualTo(403);
        assertThat(api.post("/v1/bank/refunds/rfd_x/response", merchant, "{\"status\":\"completed\"}")
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/v1/operator/reconciliation", merchant).status()).isEqualTo(403);
        assertThat(api.put("/v1/operator/fees/network", bank, "{\"basisPoints\":1,\"fixedMinor\":0,\"minimumMinor\":0}")
                        .status())
                .isEqualTo(403);
        assertThat(api.post("/v1/operator/settlements/run", merchant, "{}").status())
                .isEqualTo(403);

        assertThat(api.get("/v1/refunds/rfd_nobody/status", bank).code()).isEqualTo("refund_not_found");
        assertThat(api.post("/v1/bank/refunds/rfd_nobody/response", bank, "{\"status\":\"completed\"}")
                        .code())
                .isEqualTo("refund_not_found");
        assertThat(api.post("/v1/bank/refunds/rfd_nobody/response", bank, "{\"status\":\"pending\"}")
                        .status())
                .isEqualTo(400);
        assertThat(api.put("/v1/operator/settlements/stl_nobody/payout", operator, "{\"status\":\"paid\"}")
                        .code())
                .isEqualTo("settlement_not_found");
    }

    @Test
    void providers_act_for_their_own_merchants_and_the_operator_manages_fee_schedules() {
        Response own = api.get("/v1/merchant/fees?entityId=" + providerMerchantId, provider);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.data().get("source").asText()).isIn("network", "provider");
        assertThat(api.get("/v1/merchant/fees?entityId=" + otherProvidersMerchantId, provider)
                        .code())
                .isEqualTo("merchant_not_found");
        assertThat(api.get("/v1/merchant/fees", provider).status()).isEqualTo(400);
        assertThat(api.get("/v1/merchant/fees?entityId=" + providerMerchantId, merchant)
                        .status())
                .isEqualTo(400);

        Response account = api.put(
                "/v1/merchant/payout-account",
                provider,
                "{\"entityId\":\"" + providerMerchantId
                        + "\",\"bankName\":\"B\",\"accountNumber\":\"9988776655\",\"accountName\":\"Provider Shop\"}");
        assertThat(account.status()).as(account.body()).isEqualTo(200);
        assertThat(api.get("/v1/merchant/payout-account?entityId=" + providerMerchantId, provider)
                        .data()
                        .get("accountNumber")
                        .asText())
                .isEqualTo("******6655");
        assertThat(api.get("/v1/settlements?entityId=" + providerMerchantId, provider)
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/v1/refunds?entityId=" + providerMerchantId, provider)
                        .status())
                .isEqualTo(200);

        String path = "/v1/operator/fees/" + providerMerchantId;
        assertThat(api.get(path, operator).code()).isEqualTo("fee_schedule_not_found");
        assertThat(api.put(path, operator, "{\"basisPoints\":10001,\"fixedMinor\":0,\"minimumMinor\":0}")
                        .status())
                .isEqualTo(400);
        assertThat(api.put(
                                path,
                                operator,
                                "{\"basisPoints\":50,\"fixedMinor\":0,\"minimumMinor\":500," + "\"maximumMinor\":100}")
                        .status())
                .isEqualTo(400);
        Response set = api.put(path, operator, "{\"basisPoints\":50,\"fixedMinor\":0,\"minimumMinor\":100}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.data().get("maximumMinor").isNull()).isTrue();
        assertThat(api.get("/v1/merchant/fees?entityId=" + providerMerchantId, provider)
                        .data()
                        .get("source")
                        .asText())
                .isEqualTo("merchant");
        assertThat(api.delete(path, operator).status()).isEqualTo(204);
        assertThat(api.get(path, operator).code()).isEqualTo("fee_schedule_not_found");
        assertThat(api.get("/v1/operator/fees/not%20an%20id", operator).status())
                .isEqualTo(404);
    }

    // ---- helpers

    private Response initiate(String key, String transactionId, String amount, String type, String metadata) {
        return api.post(
                "/v1/refunds/initiate",
                key,
                "{\"transactionId\":\"" + transactionId + "\",\"amount\":" + amount
                        + ",\"reason\":\"Customer returned it\",\"refundType\":\"" + type + "\""
                        + (metadata == null ? "" : ",\"metadata\":" + metadata) + "}");
    }

    private Response answer(String refundId, String body) {
        return api.post("/v1/bank/refunds/" + refundId + "/response", bank, body);
    }

    private JsonNode awaitResponse(String refundId, String status) {
        return webhooks.awaitItem(
                "refund.response",
                merchantId,
                item -> item.path("refundId").asText().equals(refundId)
                        && item.path("status").asText().equals(status));
    }

    private static List<String> ids(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.get(field).asText()));
        return values;
    }

    /** A bill the bank approved; its transaction id. */
    private String confirmedCharge(String agreementPhrase, String amount) {
        Response billed = api.post(
                "/v1/customer/bill",
                merchant,
                "{\"agreementPhrases\":[\"" + agreementPhrase + "\"],\"amount\":" + amount
                        + ",\"currency\":\"NGN\",\"description\":\"Order\"}");
        assertThat(billed.status()).as(billed.body()).isEqualTo(201);
        String transactionId = billed.json().get(0).get("reference").asText();
        Response processed = api.post(
                "/v1/billing/bank-response",
                bank,
                "{\"billingRequestId\":\"" + transactionId + "\",\"action\":\"approve_recurring\"}");
        assertThat(processed.status()).as(processed.body()).isEqualTo(200);
        return transactionId;
    }

    /** {@code isSettled} of every transaction the caller reads in its history, and of each one read alone. */
    private Map<String, Boolean> settledFlags(String key) {
        Response history = api.get("/v1/transaction-history?limit=100", key);
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        Map<String, Boolean> flags = new java.util.HashMap<>();
        for (JsonNode transaction : history.data().get("transactions")) {
            String id = transaction.get("transactionId").asText();
            boolean alone = api.get("/v1/transaction-details/" + id, key)
                    .data()
                    .get("isSettled")
                    .asBoolean();
            assertThat(alone)
                    .as("details of " + id)
                    .isEqualTo(transaction.get("isSettled").asBoolean());
            flags.put(id, alone);
        }
        return flags;
    }
}
