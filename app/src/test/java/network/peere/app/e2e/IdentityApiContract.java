package network.peere.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import network.peere.app.testing.HttpApi;
import network.peere.app.testing.Response;
import network.peere.app.testing.RunningServer;
import network.peere.app.testing.WebhookReceiver;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.identity.ResolvePhrase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity directory through real HTTP on a real database, every answer checked against docs/openapi.yaml: banks
 * migrate customers and link devices, merchants and providers look them up and get phrases scoped to themselves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IdentityApiContract {
    private static final String RAISED = "{\"perMinute\":100000,\"burstPerSecond\":10000}";

    RunningServer server;
    HttpApi api;
    String operator;
    String bankA;
    String bankAId;
    String bankB;
    String basicMerchant;
    String basicMerchantId;
    String enhancedMerchant;
    String enhancedMerchantId;
    String provider;
    String providerMerchantId;
    String otherProvidersMerchantId;

    abstract RunningServer start(Path dataDir);

    void afterStop() {}

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        server = start(dataDir);
        api = server.api();
        operator = server.operatorKey();
        server.raiseOperatorRateLimits();
        bankAId = create("/v1/operator/banks", "{\"name\":\"First Lagos Bank\",\"email\":\"ops@flb.test\"}");
        bankA = keyOf(bankAId);
        String bankBId = create("/v1/operator/banks", "{\"name\":\"Second Abuja Bank\",\"email\":\"ops@sab.test\"}");
        bankB = keyOf(bankBId);
        basicMerchantId = create("/v1/operator/merchants", "{\"name\":\"Basic Shop\",\"email\":\"b@shop.test\"}");
        basicMerchant = keyOf(basicMerchantId);
        enhancedMerchantId = create(
                "/v1/operator/merchants",
                "{\"name\":\"Enhanced Shop\",\"email\":\"e@shop.test\",\"trustLevel\":\"enhanced\"}");
        enhancedMerchant = keyOf(enhancedMerchantId);
        String providerId = create("/v1/operator/providers", "{\"name\":\"Pay Provider\",\"email\":\"p@pay.test\"}");
        provider = keyOf(providerId);
        providerMerchantId = create(
                "/v1/operator/merchants",
                "{\"name\":\"Provider Shop\",\"email\":\"ps@shop.test\",\"trustLevel\":\"enhanced\",\"providerId\":\""
                        + providerId + "\"}");
        String otherProviderId =
                create("/v1/operator/providers", "{\"name\":\"Other Provider\",\"email\":\"o@pay.test\"}");
        otherProvidersMerchantId = create(
                "/v1/operator/merchants",
                "{\"name\":\"Other Shop\",\"email\":\"os@shop.test\",\"trustLevel\":\"premium\",\"providerId\":\""
                        + otherProviderId + "\"}");
        for (String id : List.of(bankAId, bankBId)) {
            Response raised = api.put(
                    "/v1/operator/participants/" + id + "/rate-limits",
                    operator,
                    "{\"standard\":" + RAISED + ",\"batch\":" + RAISED + ",\"read\":" + RAISED + "}");
            assertThat(raised.status()).as(raised.body()).isEqualTo(200);
        }
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
        afterStop();
    }

    private String create(String path, String body) {
        Response created = api.post(path, operator, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.data().get("id").asText();
    }

    private String keyOf(String participantId) {
        Response issued = api.post("/v1/operator/participants/" + participantId + "/keys", operator, "{}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.data().get("key").asText();
    }

    private static String customer(String n, String email, String extra) {
        return "{\"clientRef\":\"client-" + n + "\",\"reference\":\"ref-" + n + "\",\"firstname\":\"Adaeze\","
                + "\"lastname\":\"Okafor\",\"accountName\":\"Adaeze Chioma Okafor\",\"accountNumber\":\"0123456789\","
                + "\"email\":\"" + email + "\",\"country\":\"NG\"" + extra + "}";
    }

    private Response migrate(String bankKey, String... items) {
        return api.post("/v1/bank/customers", bankKey, "{\"customers\":[" + String.join(",", items) + "]}");
    }

    private JsonNode created(String bankKey, String n, String email, String extra) {
        Response batch = migrate(bankKey, customer(n, email, extra));
        assertThat(batch.status()).as(batch.body()).isEqualTo(201);
        JsonNode item = batch.data().get("items").get(0);
        assertThat(item.get("status").asText()).as(batch.body()).isEqualTo("created");
        return item;
    }

    @Test
    void a_bank_hears_of_each_processed_batch_by_webhook_with_its_counters() throws Exception {
        String bankId = create("/v1/operator/banks", "{\"name\":\"Webhook Bank\",\"email\":\"ops@whb.test\"}");
        String bank = keyOf(bankId);
        try (var receiver = new WebhookReceiver().start()) {
            Response endpoint = api.post(
                    "/v1/webhooks/endpoints",
                    bank,
                    "{\"url\":\"" + receiver.url("/hooks") + "\",\"eventTypes\":[\"customers.batch.completed\"]}");
            assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);

            Response batch = migrate(
                    bank,
                    customer("wh-1", "wh1@example.com", ""),
                    customer("wh-1", "wh1-again@example.com", ""),
                    customer("wh-2", "not-an-email", ""));
            assertThat(batch.status()).as(batch.body()).isEqualTo(201);
            String batchId = batch.data().get("batchId").asText();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !receiver.received().isEmpty());
            JsonNode body =
                    new ObjectMapper().readTree(receiver.received().get(0).body());
            assertThat(body.get("webhookType").asText()).isEqualTo("customers.batch.completed");
            assertThat(body.get("entityId").asText()).isEqualTo(bankId);
            JsonNode event = body.get("data").get(0);
            assertThat(event.get("batchId").asText()).isEqualTo(batchId);
            assertThat(event.get("status").asText()).isEqualTo("completed");
            JsonNode summary = event.get("summary");
            assertThat(Map.of(
                            "total", summary.get("total").asInt(),
                            "successful", summary.get("successful").asInt(),
                            "failed", summary.get("failed").asInt(),
                            "duplicates", summary.get("duplicates").asInt(),
                            "invalidData", summary.get("invalidData").asInt()))
                    .isEqualTo(Map.of("total", 3, "successful", 1, "failed", 2, "duplicates", 1, "invalidData", 1));
            assertThat(summary).isEqualTo(batch.data().get("summary"));
        }
    }

    @Test
    void a_batch_reports_each_item_and_the_documented_counters_and_can_be_read_again() {
        Response batch = migrate(
                bankA,
                customer("b1", "  Mixed.Case@Example.COM ", ",\"phone\":\"+234 801 234 5678\",\"gender\":\"female\""),
                customer("b2", "not-an-email", ",\"phone\":\"+2340000\"").replace("\"NG\"", "\"XX\""),
                customer("b1", "again@example.com", ""),
                "{\"clientRef\":\"client-b4\",\"reference\":\"ref-b4\",\"firstname\":42,\"typo\":\"x\"}");

        assertThat(batch.status()).as(batch.body()).isEqualTo(201);
        assertThat(batch.json().get("message").asText()).isEqualTo("Batch processed, customers will reflect shortly");
        JsonNode data = batch.data();
        assertThat(data.get("batchId").asText()).startsWith("cbt_");
        assertThat(data.get("status").asText()).isEqualTo("completed");
        JsonNode summary = data.get("summary");
        assertThat(counters(summary)).containsExactly(4, 1, 3, 1, 2);
        JsonNode items = data.get("items");
        assertThat(items.get(0).get("status").asText()).isEqualTo("created");
        assertThat(fields(items.get(1))).containsExactlyInAnyOrder("email", "phone", "country");
        assertThat(items.get(2).get("status").asText()).isEqualTo("duplicate");
        assertThat(items.get(2).get("customerId").asText())
                .isEqualTo(items.get(0).get("customerId").asText());
        assertThat(fields(items.get(3))).contains("firstname", "typo", "lastname", "email");
        assertThat(data.get("data").get("createdCount").asInt()).isEqualTo(1);

        String id = items.get(0).get("customerId").asText();
        Response stored = api.get("/v1/bank/customers/" + id, bankA);
        assertThat(stored.data().get("email").asText()).isEqualTo("mixed.case@example.com");
        assertThat(stored.data().get("phone").asText()).isEqualTo("+2348012345678");

        Response again =
                api.get("/v1/bank/customers/batches/" + data.get("batchId").asText(), bankA);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.data()).isEqualTo(data);
        assertThat(api.get("/v1/bank/customers/batches/" + data.get("batchId").asText(), bankB)
                        .code())
                .isEqualTo("batch_not_found");
    }

    /** {@code GET /v1/bank/customers…}: a bare array, as the public docs show it, with the match count apart. */
    private JsonNode listed(String path, String bankKey) {
        Response list = api.get(path, bankKey);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().isArray()).as(list.body()).isTrue();
        assertThat(Long.parseLong(list.header("X-Total-Count")))
                .isGreaterThanOrEqualTo(list.json().size());
        return list.json();
    }

    /** Every customer {@code GET /v1/bank/customers…} matches, across pages ({@code X-Total-Count}). */
    private int total(String path, String bankKey) {
        Response list = api.get(path, bankKey);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return Integer.parseInt(list.header("X-Total-Count"));
    }

    private static List<String> fields(JsonNode item) {
        assertThat(item.get("status").asText()).isEqualTo("invalid");
        List<String> fields = new ArrayList<>();
        item.get("fieldErrors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    @Test
    void resending_a_batch_never_creates_a_second_customer() {
        String body = "{\"customers\":[" + customer("r1", "r1@example.com", "") + "]}";
        var headers = Map.of("Content-Type", "application/json", "Idempotency-Key", "migration-r1");
        Response first = api.send("POST", "/v1/bank/customers", bankA, body, headers);
        Response replayed = api.send("POST", "/v1/bank/customers", bankA, body, headers);
        Response resent = api.post("/v1/bank/customers", bankA, body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.body()).isEqualTo(first.body());
        JsonNode item = resent.data().get("items").get(0);
        assertThat(item.get("status").asText()).isEqualTo("duplicate");
        assertThat(item.get("duplicateField").asText()).isEqualTo("reference");
        assertThat(total("/v1/bank/customers?reference=ref-r1", bankA)).isEqualTo(1);
    }

    @Test
    void a_batch_of_new_customers_ending_in_known_references_creates_only_the_new_ones() {
        created(bankA, "k1", "k1@example.com", "");
        String known2 =
                created(bankA, "k2", "k2@example.com", "").get("customerId").asText();
        String known1 = listed("/v1/bank/customers?reference=ref-k1", bankA)
                .get(0)
                .get("id")
                .asText();

        Response batch = migrate(
                bankA,
                customer("n1", "n1@example.com", ""),
                customer("n2", "n2@example.com", ""),
                customer("k1", "k1-again@example.com", ""),
                customer("n3", "n3@example.com", "").replace("client-n3", "client-k2"));

        assertThat(batch.status()).as(batch.body()).isEqualTo(201);
        JsonNode summary = batch.data().get("summary");
        assertThat(counters(summary)).containsExactly(4, 2, 2, 2, 0);
        JsonNode items = batch.data().get("items");
        assertThat(items.get(0).get("status").asText()).isEqualTo("created");
        assertThat(items.get(1).get("status").asText()).isEqualTo("created");
        assertThat(List.of(
                        items.get(2).get("status").asText(),
                        items.get(2).get("customerId").asText(),
                        items.get(2).get("duplicateField").asText()))
                .containsExactly("duplicate", known1, "reference");
        assertThat(List.of(
                        items.get(3).get("status").asText(),
                        items.get(3).get("customerId").asText(),
                        items.get(3).get("duplicateField").asText()))
                .containsExactly("duplicate", known2, "clientRef");
        for (String reference : List.of("ref-n1", "ref-n2", "ref-k1", "ref-k2")) {
            assertThat(total("/v1/bank/customers?reference=" + reference, bankA))
                    .as(reference)
                    .isEqualTo(1);
        }
        assertThat(total("/v1/bank/customers?reference=ref-n3", bankA)).isZero();
        JsonNode created = api.get(
                        "/v1/bank/customers/" + items.get(0).get("customerId").asText(), bankA)
                .data();
        assertThat(created.get("phrase").asText())
                .isEqualTo(items.get(0).get("phrase").asText());
    }

    @Test
    void a_repeat_within_a_batch_never_hides_a_reference_the_bank_already_had() {
        String known =
                created(bankA, "h1", "h1@example.com", "").get("customerId").asText();

        // The second item repeats the first's clientRef and also carries a known reference: the known customer wins,
        // as the reference is checked first.
        Response batch = migrate(
                bankA,
                customer("h2", "h2@example.com", ""),
                customer("h1", "h1-again@example.com", "").replace("client-h1", "client-h2"));

        assertThat(batch.status()).as(batch.body()).isEqualTo(201);
        JsonNode items = batch.data().get("items");
        assertThat(items.get(0).get("status").asText()).isEqualTo("created");
        assertThat(List.of(
                        items.get(1).get("status").asText(),
                        items.get(1).get("customerId").asText(),
                        items.get(1).get("duplicateField").asText()))
                .containsExactly("duplicate", known, "reference");
    }

    @Test
    void an_oversized_or_malformed_batch_is_refused_and_writes_nothing() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            items.add(customer("big" + i, "big" + i + "@example.com", ""));
        }
        Response tooLarge = migrate(bankA, items.toArray(String[]::new));
        Response empty = migrate(bankA);
        Response notJson = api.post("/v1/bank/customers", bankA, "{\"customers\":[");

        assertThat(tooLarge.status()).isEqualTo(422);
        assertThat(tooLarge.code()).isEqualTo("batch_too_large");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(notJson.code()).isEqualTo("malformed_json");
        assertThat(total("/v1/bank/customers?reference=ref-big0", bankA)).isZero();
    }

    @Test
    void a_bank_lists_its_customers_by_each_filter_and_page_by_page() {
        String bankId = create("/v1/operator/banks", "{\"name\":\"List Bank\",\"email\":\"ops@lb.test\"}");
        Response raised = api.put(
                "/v1/operator/participants/" + bankId + "/rate-limits",
                operator,
                "{\"standard\":" + RAISED + ",\"batch\":" + RAISED + ",\"read\":" + RAISED + "}");
        assertThat(raised.status()).as(raised.body()).isEqualTo(200);
        String bank = keyOf(bankId);
        // Two batches, so "newest first" has two moments to order: the second batch's two, then the first's three.
        List<String> ids = new ArrayList<>();
        List<JsonNode> made = new ArrayList<>();
        for (List<Integer> batch : List.of(List.of(1, 2, 3), List.of(4, 5))) {
            Response migrated = migrate(
                    bank,
                    batch.stream()
                            .map(i -> customer("list" + i, "list" + i + "@example.com", ""))
                            .toArray(String[]::new));
            assertThat(migrated.status()).as(migrated.body()).isEqualTo(201);
            migrated.data().get("items").forEach(item -> {
                made.add(item);
                ids.add(item.get("customerId").asText());
            });
        }

        Response first = api.get("/v1/bank/customers?sortBy=createdAt&limit=2&page=1", bank);
        assertThat(first.header("X-Total-Count")).isEqualTo("5");
        assertThat(idsOf(first.json())).containsExactlyInAnyOrder(ids.get(3), ids.get(4));
        assertThat(idsOf(listed("/v1/bank/customers?sortBy=createdAt&limit=2&page=2", bank)))
                .hasSize(2)
                .isSubsetOf(ids.subList(0, 3));
        assertThat(idsOf(listed("/v1/bank/customers?sortBy=createdAt&limit=2&page=3", bank)))
                .hasSize(1)
                .isSubsetOf(ids.subList(0, 3));
        List<String> paged = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            paged.addAll(idsOf(listed("/v1/bank/customers?limit=2&page=" + page, bank)));
        }
        assertThat(paged).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(total("/v1/bank/customers?limit=2&page=9", bank)).isEqualTo(5);
        assertThat(listed("/v1/bank/customers?limit=2&page=9", bank)).isEmpty();

        assertThat(idsOf(listed(
                        "/v1/bank/customers?phrases="
                                + made.get(1).get("phrase").asText(),
                        bank)))
                .containsExactly(ids.get(1));
        assertThat(idsOf(listed("/v1/bank/customers?email=LIST3@Example.com", bank)))
                .containsExactly(ids.get(2));
        assertThat(idsOf(listed("/v1/bank/customers?clientRef=client-list4", bank)))
                .containsExactly(ids.get(3));
        assertThat(idsOf(listed("/v1/bank/customers?reference=ref-list5", bank)))
                .containsExactly(ids.get(4));
        assertThat(idsOf(listed("/v1/bank/customers?ids=" + ids.get(0) + "," + ids.get(4), bank)))
                .containsExactlyInAnyOrder(ids.get(0), ids.get(4));
        assertThat(total("/v1/bank/customers?clientRef=client-list4&reference=ref-list5", bank))
                .isZero();

        for (String refused : List.of("sortBy=lastname", "limit=101", "page=0", "email=not-an-email")) {
            Response answer = api.get("/v1/bank/customers?" + refused, bank);
            assertThat(answer.status()).as(refused).isEqualTo(400);
            assertThat(answer.json().get("fieldErrors").get(0).get("field").asText())
                    .isEqualTo(refused.substring(0, refused.indexOf('=')));
        }
    }

    private static List<String> idsOf(JsonNode customers) {
        List<String> ids = new ArrayList<>();
        customers.forEach(customer -> ids.add(customer.get("id").asText()));
        return ids;
    }

    @Test
    void a_bank_reads_and_changes_only_its_own_customers() {
        JsonNode item = created(bankA, "own1", "own1@example.com", "");
        String id = item.get("customerId").asText();
        String phrase = item.get("phrase").asText();

        assertThat(api.get("/v1/bank/customer?id=" + id, bankA)
                        .data()
                        .get("phrase")
                        .asText())
                .isEqualTo(phrase);
        assertThat(api.get("/v1/bank/customer?phrase=" + phrase, bankA)
                        .data()
                        .get("id")
                        .asText())
                .isEqualTo(id);
        assertThat(api.get("/v1/bank/customer?email=OWN1@example.com", bankA)
                        .data()
                        .get("id")
                        .asText())
                .isEqualTo(id);
        assertThat(listed("/v1/bank/customers?ids=" + id, bankA)
                        .get(0)
                        .get("id")
                        .asText())
                .isEqualTo(id);
        assertThat(api.get("/v1/bank/customer?id=" + id, bankB).code()).isEqualTo("customer_not_found");
        assertThat(api.get("/v1/bank/customers/" + id, bankB).status()).isEqualTo(404);
        assertThat(total("/v1/bank/customers?ids=" + id, bankB)).isZero();
        assertThat(api.get("/v1/bank/customer?id=" + id + "&email=x@y.z", bankA).status())
                .isEqualTo(400);

        Response changed = api.patch(
                "/v1/bank/customer",
                bankA,
                "{\"id\":\"" + id + "\",\"phone\":\"+2348098765432\",\"address\":\"Ikeja\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.data().get("phone").asText()).isEqualTo("+2348098765432");
        assertThat(changed.data().get("reference").asText()).isEqualTo("ref-own1");
        Response invalid = api.patch("/v1/bank/customer", bankA, "{\"id\":\"" + id + "\",\"country\":\"Narnia\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("fieldErrors").get(0).get("field").asText())
                .isEqualTo("country");
        Response notMine = api.patch("/v1/bank/customer", bankB, "{\"id\":\"" + id + "\",\"address\":\"x\"}");
        assertThat(notMine.code()).isEqualTo("customer_not_found");
        Response immutable = api.patch("/v1/bank/customer", bankA, "{\"id\":\"" + id + "\",\"reference\":\"x\"}");
        assertThat(immutable.status()).isEqualTo(400);
    }

    @Test
    void a_bank_links_several_devices_lists_and_unlinks_them() {
        JsonNode ada = created(bankA, "dev1", "dev1@example.com", "");
        JsonNode bola = created(bankA, "dev2", "dev2@example.com", "");
        String link = "{\"customerId\":\"%s\",\"phrase\":\"%s\",\"deviceId\":\"%s\"}";
        String adaId = ada.get("customerId").asText();
        String adaPhrase = ada.get("phrase").asText();

        assertThat(api.post("/v1/bank/customer/device/link", bankA, link.formatted(adaId, adaPhrase, "dev1-phone"))
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/v1/bank/customer/device/link", bankA, link.formatted(adaId, adaPhrase, "dev1-laptop"))
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/v1/bank/customer/device/link", bankA, link.formatted(adaId, adaPhrase, "dev1-phone"))
                        .status())
                .isEqualTo(200);
        Response taken = api.post(
                "/v1/bank/customer/device/link",
                bankA,
                link.formatted(
                        bola.get("customerId").asText(), bola.get("phrase").asText(), "dev1-phone"));
        assertThat(taken.code()).isEqualTo("device_already_linked");
        Response wrongPhrase = api.post(
                "/v1/bank/customer/device/link",
                bankA,
                link.formatted(adaId, bola.get("phrase").asText(), "dev1-x"));
        assertThat(wrongPhrase.code()).isEqualTo("customer_not_found");

        Response listed = api.get("/v1/bank/devices/list?search=dev1-&sortBy=deviceId&sortOrder=asc&limit=1", bankA);
        assertThat(listed.data().get("total").asInt()).isEqualTo(2);
        assertThat(listed.data().get("devices").get(0).get("deviceId").asText()).isEqualTo("dev1-laptop");
        assertThat(listed.data().get("devices").get(0).get("phrase").asText()).isEqualTo(adaPhrase);
        assertThat(api.get("/v1/bank/devices/list?search=dev1-", bankB)
                        .data()
                        .get("total")
                        .asInt())
                .isZero();

        assertThat(api.post("/v1/bank/customer/device/unlink", bankA, link.formatted(adaId, adaPhrase, "dev1-laptop"))
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/v1/bank/customer/device/unlink", bankA, link.formatted(adaId, adaPhrase, "dev1-laptop"))
                        .code())
                .isEqualTo("device_not_found");
    }

    @Test
    void an_email_lookup_finds_the_person_at_every_bank_with_masked_data_and_merchant_scoped_phrases() {
        // The bank writes the number locally; with the customer's country it is stored as E.164, which lookups use.
        JsonNode atA = created(bankA, "lk1", "lookup@example.com", ",\"phone\":\"0801 111 2222\"");
        created(bankB, "lk1", "Lookup@Example.com", "");

        Response basic = api.get("/v1/customer/banks?email=LOOKUP@example.com", basicMerchant);
        Response enhanced = api.get("/v1/customer/banks?email=lookup@example.com", enhancedMerchant);

        assertThat(basic.status()).as(basic.body()).isEqualTo(200);
        JsonNode banks = basic.data().get("banks");
        assertThat(banks).hasSize(2);
        List<String> names = new ArrayList<>();
        banks.forEach(b -> names.add(b.get("bankName").asText()));
        assertThat(names).containsExactlyInAnyOrder("First Lagos Bank", "Second Abuja Bank");
        assertThat(banks.get(0).get("accountName").asText()).isEqualTo("A*** C*** O***");
        assertThat(banks.get(0).get("customerName").asText()).isEqualTo("A*** O.");
        assertThat(basic.body())
                .doesNotContain(
                        "Adaeze",
                        "Okafor",
                        "0123456789",
                        atA.get("customerId").asText(),
                        atA.get("phrase").asText());
        String basicPhrase = banks.get(0).get("phrase").asText();
        String enhancedPhrase =
                enhanced.data().get("banks").get(0).get("phrase").asText();
        assertThat(basicPhrase).isNotEqualTo(enhancedPhrase);

        var resolve = server.server().runtime().peere().resolvePhrase();
        var resolved = resolve.forMerchant(Mode.SANDBOX, new ParticipantId(basicMerchantId), basicPhrase);
        assertThat(resolved).isInstanceOf(ResolvePhrase.Resolution.Resolved.class);
        assertThat(resolve.forMerchant(Mode.SANDBOX, new ParticipantId(enhancedMerchantId), basicPhrase))
                .isEqualTo(new ResolvePhrase.Resolution.Refused(ResolvePhrase.Reason.NOT_YOURS));
        String bankOfPhrase = banks.get(0).get("bankId").asText();
        String bankKey = bankOfPhrase.equals(bankAId) ? bankA : bankB;
        assertThat(api.get("/v1/bank/customer?phrase=" + basicPhrase, bankKey).status())
                .isEqualTo(200);
        assertThat(api.get("/v1/bank/customer?phrase=" + basicPhrase, bankKey.equals(bankA) ? bankB : bankA)
                        .status())
                .isEqualTo(404);

        Response byPhone = api.get("/v1/customer/banks?phone=%2B2348011112222", basicMerchant);
        assertThat(byPhone.data().get("banks")).hasSize(1);
        assertThat(byPhone.data().get("banks").get(0).get("bankId").asText()).isEqualTo(bankAId);
        // The same number as an enhanced merchant and as a provider for its merchant. A lookup must name it in E.164:
        // a merchant knows no country to read a local number with.
        for (Response other : List.of(
                api.get("/v1/customer/banks?phone=%2B2348011112222", enhancedMerchant),
                api.get("/v1/customer/banks?phone=%2B2348011112222&entityId=" + providerMerchantId, provider))) {
            assertThat(other.status()).as(other.body()).isEqualTo(200);
            assertThat(other.data().get("banks").get(0).get("bankId").asText()).isEqualTo(bankAId);
            assertThat(other.data().get("banks").get(0).get("phrase").asText()).isNotEqualTo(basicPhrase);
        }
        assertThat(api.get("/v1/customer/banks?phone=08011112222", basicMerchant)
                        .status())
                .isEqualTo(400);

        // Over HTTP too: the basic merchant's phrase, presented by the enhanced merchant, names nobody.
        Response stolen = api.post(
                "/v1/billing/intent",
                enhancedMerchant,
                "{\"lookupPhrases\":[\"" + basicPhrase + "\"],\"currency\":\"NGN\",\"description\":\"x\"}");
        assertThat(stolen.json().get(0).get("code").asText()).as(stolen.body()).isEqualTo("phrase_not_found");
    }

    @Test
    void an_unknown_or_malformed_identity_is_answered_plainly() {
        Response unknown = api.get("/v1/customer/banks?email=nobody@example.com", basicMerchant);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("customer_not_found");
        assertThat(unknown.json().get("hint").asText()).contains("bank may not be on the network yet");
        Response malformed = api.get("/v1/customer/banks?email=not-an-email", basicMerchant);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("message").asText()).isEqualTo("Invalid email format");
        assertThat(api.get("/v1/customer/banks?phone=12", basicMerchant).status())
                .isEqualTo(400);
        assertThat(api.get("/v1/customer/banks", basicMerchant).status()).isEqualTo(400);
        assertThat(api.get("/v1/customer/banks?email=a@b.co&entityId=" + basicMerchantId, basicMerchant)
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/v1/customer/banks?email=a@b.co", bankA).code()).isEqualTo("insufficient_permissions");
    }

    @Test
    void device_lookup_needs_enhanced_trust_and_returns_every_bank_linking_the_device() {
        JsonNode atA = created(bankA, "dl1", "dl1@example.com", "");
        JsonNode atB = created(bankB, "dl1", "dl1-b@example.com", "");
        String link = "{\"customerId\":\"%s\",\"phrase\":\"%s\",\"deviceId\":\"device_789\"}";
        api.post(
                "/v1/bank/customer/device/link",
                bankA,
                link.formatted(atA.get("customerId").asText(), atA.get("phrase").asText()));
        api.post(
                "/v1/bank/customer/device/link",
                bankB,
                link.formatted(atB.get("customerId").asText(), atB.get("phrase").asText()));

        Response basic = api.post("/v1/customer/device/lookup", basicMerchant, "{\"deviceId\":\"device_789\"}");
        Response enhanced = api.post("/v1/customer/device/lookup", enhancedMerchant, "{\"deviceId\":\"device_789\"}");
        Response unknown = api.post("/v1/customer/device/lookup", enhancedMerchant, "{\"deviceId\":\"device_000\"}");

        assertThat(basic.status()).isEqualTo(403);
        assertThat(basic.code()).isEqualTo("device_lookup_not_allowed");
        assertThat(enhanced.status()).as(enhanced.body()).isEqualTo(200);
        assertThat(enhanced.data().isArray()).isTrue();
        assertThat(enhanced.data()).hasSize(2);
        assertThat(unknown.code()).isEqualTo("customer_not_found");
        assertThat(unknown.json().get("message").asText()).isEqualTo("Device not found in system");
    }

    @Test
    void a_provider_looks_up_for_its_own_merchants_only() {
        JsonNode item = created(bankA, "pv1", "provider-lookup@example.com", "");
        String link = "{\"customerId\":\"%s\",\"phrase\":\"%s\",\"deviceId\":\"device_pv1\"}";
        api.post(
                "/v1/bank/customer/device/link",
                bankA,
                link.formatted(
                        item.get("customerId").asText(), item.get("phrase").asText()));

        Response own = api.get(
                "/v1/customer/banks?email=provider-lookup@example.com&entityId=" + providerMerchantId, provider);
        Response ownDevice = api.post(
                "/v1/customer/device/lookup",
                provider,
                "{\"deviceId\":\"device_pv1\",\"entityId\":\"" + providerMerchantId + "\"}");
        Response foreign = api.get(
                "/v1/customer/banks?email=provider-lookup@example.com&entityId=" + otherProvidersMerchantId, provider);
        Response missing = api.get("/v1/customer/banks?email=provider-lookup@example.com", provider);

        assertThat(own.status()).as(own.body()).isEqualTo(200);
        String phrase = own.data().get("banks").get(0).get("phrase").asText();
        assertThat(server.server()
                        .runtime()
                        .peere()
                        .resolvePhrase()
                        .forMerchant(Mode.SANDBOX, new ParticipantId(providerMerchantId), phrase))
                .isInstanceOf(ResolvePhrase.Resolution.Resolved.class);
        assertThat(ownDevice.status()).as(ownDevice.body()).isEqualTo(200);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("merchant_not_found");
        assertThat(missing.status()).isEqualTo(400);
    }

    /** A batch summary's counters: total, successful, failed, duplicates, invalidData. */
    private static List<Integer> counters(JsonNode summary) {
        return List.of(
                summary.get("total").asInt(),
                summary.get("successful").asInt(),
                summary.get("failed").asInt(),
                summary.get("duplicates").asInt(),
                summary.get("invalidData").asInt());
    }
}
