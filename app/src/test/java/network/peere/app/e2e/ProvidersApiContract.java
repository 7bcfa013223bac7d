package network.peere.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import network.peere.app.testing.EndToEndTest;
import network.peere.app.testing.Response;
import network.peere.app.testing.ServerBackend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provider API (onboarding, merchant details, trust) through real HTTP on a real database, every answer checked
 * against docs/openapi.yaml. One subclass per database the server runs on.
 */
abstract class ProvidersApiContract extends EndToEndTest {
    ProvidersApiContract(ServerBackend backend) {
        super(backend);
    }

    @BeforeAll
    void raiseRateLimits() {
        server.raiseRateLimits(
                server.demo().byRole("provider", java.util.Optional.empty()).participantId());
    }

    record Provider(String id, String key) {}

    /** A provider of its own, so each test counts only its own merchants. */
    private Provider newProvider(String name) {
        Response created = api.post(
                "/v1/operator/providers",
                operator,
                "{\"name\":\"" + name + "\",\"email\":\"ops@"
                        + name.toLowerCase().replace(' ', '-') + ".test\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.data().get("id").asText();
        server.raiseRateLimits(id);
        Response key = api.post("/v1/operator/participants/" + id + "/keys", operator, "{}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        return new Provider(id, key.data().get("key").asText());
    }

    private String onboardOne(Provider provider, String name) {
        Response created = api.post(
                "/v1/provider/merchants",
                provider.key(),
                "{\"merchants\":[{\"name\":\"" + name + "\",\"email\":\""
                        + name.toLowerCase().replace(' ', '.') + "@shop.test\"}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.data().get("results").get(0).get("data").get("id").asText();
    }

    private long merchantCount(Provider provider) {
        return api.get("/v1/provider/merchants", provider.key())
                .data()
                .get("total")
                .asLong();
    }

    private static List<String> texts(JsonNode array, String field) {
        var out = new ArrayList<String>();
        array.forEach(e -> out.add(e.get(field).asText()));
        return out;
    }

    // P3: batch create

    @Test
    void a_batch_of_valid_merchants_is_created_as_the_providers_basic_trusted_merchants() {
        Provider provider = newProvider("Batch Ok");
        Response created = api.post("/v1/provider/merchants", provider.key(), """
                {"merchants":[
                  {"name":"Mama Put","email":"mama@put.test","ref":"shop-1","phone":"+2348012345678",
                   "address":"3 Allen Avenue, Ikeja","website":"https://put.test","description":"Lunch",
                   "icon":"https://put.test/i.png","registrationNumber":"RC-1","industry":"Food","country":"NG",
                   "state":"Lagos"},
                  {"name":"Bolt Bikes","email":"hi@bolt.test"}
                ]}""");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("success").asBoolean()).isTrue();
        JsonNode results = created.data().get("results");
        assertThat(texts(results, "status")).containsExactly("created", "created");
        JsonNode summary = created.data().get("summary");
        assertThat(summary.get("total").asInt()).isEqualTo(2);
        assertThat(summary.get("successful").asInt()).isEqualTo(2);
        assertThat(summary.get("failed").asInt()).isZero();

        String id = results.get(0).get("data").get("id").asText();
        JsonNode merchant =
                api.get("/v1/provider/merchant?entityId=" + id, provider.key()).data();
        assertThat(merchant.get("ref").asText()).isEqualTo("shop-1");
        assertThat(merchant.get("code").asText()).isEqualTo(id.substring("mer_".length()));
        assertThat(merchant.get("providerId").asText()).isEqualTo(provider.id());
        assertThat(merchant.get("userType").asText()).isEqualTo("merchant");
        assertThat(merchant.get("trusted").asBoolean()).isTrue();
        assertThat(merchant.get("trustLevel").asText()).isEqualTo("basic");
        assertThat(merchant.get("deviceLookupEnabled").asBoolean()).isTrue();
        assertThat(merchant.get("address").asText()).isEqualTo("3 Allen Avenue, Ikeja");
        assertThat(merchant.get("registrationNumber").asText()).isEqualTo("RC-1");
        assertThat(merchant.get("industry").asText()).isEqualTo("Food");
        assertThat(merchant.get("state").asText()).isEqualTo("Lagos");
        String second = results.get(1).get("data").get("id").asText();
        JsonNode bare = api.get("/v1/provider/merchant?entityId=" + second, provider.key())
                .data();
        assertThat(bare.get("ref").isNull()).isTrue();
        assertThat(bare.get("phone").isNull()).isTrue();

        Response audit = api.get("/v1/operator/audit-events?participantId=" + id, operator);
        assertThat(texts(audit.data().get("events"), "action")).containsExactly("participant_created");
    }

    @Test
    void a_mixed_batch_answers_207_with_per_item_results_in_order_and_writes_only_the_created() {
        Provider provider = newProvider("Batch Mixed");
        String existing = onboardOne(provider, "Already Here");
        Response answer = api.post("/v1/provider/merchants", provider.key(), """
                {"merchants":[
                  {"name":"First","email":"first@shop.test","ref":"r-1"},
                  {"name":"No Email","trustLvl":"x"},
                  {"name":"Same Ref","email":"other@shop.test","ref":"r-1"},
                  {"name":"Same Email","email":"ALREADY.HERE@shop.test"},
                  {"name":"Last","email":"last@shop.test"}
                ]}""");

        assertThat(answer.status()).as(answer.body()).isEqualTo(207);
        assertThat(answer.json().get("success").asBoolean()).isFalse();
        JsonNode results = answer.data().get("results");
        assertThat(texts(results, "status")).containsExactly("created", "invalid", "duplicate", "duplicate", "created");
        assertThat(texts(results, "index")).containsExactly("0", "1", "2", "3", "4");
        assertThat(texts(results.get(1).get("fieldErrors"), "field")).containsExactlyInAnyOrder("email", "trustLvl");
        assertThat(results.get(1).get("code").asText()).isEqualTo("invalid_request");
        assertThat(results.get(2).get("code").asText()).isEqualTo("duplicate_merchant");
        assertThat(results.get(2).get("existingMerchantId").asText())
                .isEqualTo(results.get(0).get("data").get("id").asText());
        assertThat(results.get(3).get("existingMerchantId").asText()).isEqualTo(existing);
        JsonNode summary = answer.data().get("summary");
        assertThat(summary.get("total").asInt()).isEqualTo(5);
        assertThat(summary.get("successful").asInt()).isEqualTo(2);
        assertThat(summary.get("failed").asInt()).isEqualTo(3);
        assertThat(summary.get("duplicates").asInt()).isEqualTo(2);
        assertThat(summary.get("invalidData").asInt()).isEqualTo(1);

        JsonNode listed = api.get("/v1/provider/merchants", provider.key()).data();
        assertThat(listed.get("total").asInt()).isEqualTo(3);
        assertThat(texts(listed.get("merchants"), "name")).containsExactly("Last", "First", "Already Here");
    }

    @Test
    void more_than_100_merchants_or_none_is_a_bad_request_and_writes_nothing() {
        Provider provider = newProvider("Batch Big");
        var items = new ArrayList<String>();
        for (int i = 0; i < 101; i++) {
            items.add("{\"name\":\"M" + i + "\",\"email\":\"m" + i + "@big.test\"}");
        }
        Response tooMany =
                api.post("/v1/provider/merchants", provider.key(), "{\"merchants\":[" + String.join(",", items) + "]}");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.code()).isEqualTo("invalid_request");
        assertThat(tooMany.json().get("fieldErrors").get(0).get("field").asText())
                .isEqualTo("merchants");

        assertThat(api.post("/v1/provider/merchants", provider.key(), "{\"merchants\":[]}")
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/v1/provider/merchants", provider.key(), "{\"merchants\":{}}")
                        .status())
                .isEqualTo(400);
        assertThat(api.post(
                                "/v1/provider/merchants",
                                provider.key(),
                                "{\"merchants\":[{\"name\":\"A\",\"email\":\"a@a.test\"}],\"x\":1}")
                        .status())
                .isEqualTo(400);
        assertThat(merchantCount(provider)).isZero();
    }

    // Isolation

    @Test
    void another_providers_merchant_a_direct_merchant_and_an_unknown_id_all_answer_404_on_every_route() {
        Provider owner = newProvider("Owner");
        Provider other = newProvider("Other");
        String merchant = onboardOne(owner, "Owned Shop");
        String direct = server.demo().byRole("merchant", Optional.of("basic")).participantId();
        String demoProviderKey =
                server.demo().byRole("provider", Optional.empty()).key();

        for (var attempt : List.of(
                new String[] {other.key(), merchant},
                new String[] {owner.key(), direct},
                new String[] {demoProviderKey, merchant},
                new String[] {owner.key(), "mer_doesnotexist"},
                new String[] {owner.key(), "not an id"})) {
            String key = attempt[0];
            String id = attempt[1];
            String query = "?entityId=" + id.replace(" ", "%20");
            List<Response> answers = List.of(
                    api.get("/v1/provider/merchant" + query, key),
                    api.patch("/v1/provider/merchant", key, "{\"entityId\":\"" + id + "\",\"name\":\"Stolen\"}"),
                    api.patch("/v1/provider/merchant/trust", key, "{\"entityId\":\"" + id + "\",\"trusted\":false}"),
                    api.get("/v1/provider/merchant/trust" + query, key),
                    api.get("/v1/provider/merchant/trust/device-permission" + query, key),
                    api.post(
                            "/v1/provider/merchant/trust/validate",
                            key,
                            "{\"entityId\":\"" + id + "\",\"requiredTrustLevel\":\"basic\"}"));
            for (Response answer : answers) {
                assertThat(answer.status()).as(id + ": " + answer.body()).isEqualTo(404);
                assertThat(answer.code()).isEqualTo("merchant_not_found");
            }
        }
        assertThat(api.get("/v1/provider/merchants?ids=" + merchant, other.key())
                        .data()
                        .get("total")
                        .asInt())
                .as("an id filter never reaches another provider's merchants")
                .isZero();
        assertThat(merchantCount(other)).isZero();
        JsonNode unchanged = api.get("/v1/provider/merchant?entityId=" + merchant, owner.key())
                .data();
        assertThat(unchanged.get("name").asText()).isEqualTo("Owned Shop");
        assertThat(unchanged.get("trusted").asBoolean()).isTrue();
    }

    @Test
    void merchant_bank_and_operator_keys_may_not_call_provider_routes() {
        String merchantKey =
                server.demo().byRole("merchant", Optional.of("enhanced")).key();
        String bankKey = server.demo().byRole("bank", Optional.empty()).key();
        for (String key : List.of(merchantKey, bankKey, operator)) {
            Response list = api.get("/v1/provider/merchants", key);
            assertThat(list.status()).isEqualTo(403);
            assertThat(list.code()).isEqualTo("insufficient_permissions");
            assertThat(api.post("/v1/provider/merchants", key, "{\"merchants\":[]}")
                            .status())
                    .isEqualTo(403);
            assertThat(api.get("/v1/provider/merchant/trust/multiple", key).status())
                    .isEqualTo(403);
        }
        assertThat(api.get("/v1/provider/merchants", null).status()).isEqualTo(401);
    }

    // P1, P2, P4

    @Test
    void lists_the_providers_merchants_by_ids_and_trust_and_pages_them() {
        Provider provider = newProvider("Lister");
        String a = onboardOne(provider, "Shop A");
        String b = onboardOne(provider, "Shop B");
        String c = onboardOne(provider, "Shop C");
        api.patch("/v1/provider/merchant/trust", provider.key(), "{\"entityId\":\"" + b + "\",\"trusted\":false}");

        assertThat(texts(
                        api.get("/v1/provider/merchants", provider.key()).data().get("merchants"), "id"))
                .containsExactly(c, b, a);
        assertThat(texts(
                        api.get("/v1/provider/merchants?ids=" + a + "," + c, provider.key())
                                .data()
                                .get("merchants"),
                        "id"))
                .containsExactly(c, a);
        assertThat(texts(
                        api.get("/v1/provider/merchants?ids[]=" + a + "&ids[]=" + b, provider.key())
                                .data()
                                .get("merchants"),
                        "id"))
                .containsExactly(b, a);
        assertThat(texts(
                        api.get("/v1/provider/merchants?trusted=false", provider.key())
                                .data()
                                .get("merchants"),
                        "id"))
                .containsExactly(b);
        Response page = api.get("/v1/provider/merchants?limit=1&offset=1", provider.key());
        assertThat(texts(page.data().get("merchants"), "id")).containsExactly(b);
        assertThat(page.data().get("total").asInt()).isEqualTo(3);

        assertThat(api.get("/v1/provider/merchants?limit=101", provider.key()).status())
                .isEqualTo(400);
        assertThat(api.get("/v1/provider/merchants?trusted=maybe", provider.key())
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/v1/provider/merchants?ids=bad%20id", provider.key())
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/v1/provider/merchant", provider.key()).status()).isEqualTo(400);
    }

    @Test
    void edits_a_merchants_profile_refuses_unknown_fields_and_audits_the_change() {
        Provider provider = newProvider("Editor");
        String merchant = onboardOne(provider, "Before Name");

        Response edited = api.patch(
                "/v1/provider/merchant",
                provider.key(),
                "{\"entityId\":\"" + merchant + "\",\"name\":\"After Name\",\"address\":\"9 Broad St\","
                        + "\"industry\":\"Retail\"}");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.data().get("name").asText()).isEqualTo("After Name");
        assertThat(edited.data().get("address").asText()).isEqualTo("9 Broad St");
        assertThat(edited.data().get("email").asText()).isEqualTo("before.name@shop.test");

        Response unknown = api.patch(
                "/v1/provider/merchant",
                provider.key(),
                "{\"entityId\":\"" + merchant + "\",\"trustLevel\":\"premium\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("fieldErrors").get(0).get("code").asText())
                .isEqualTo("unknown_field");
        Response nothing = api.patch("/v1/provider/merchant", provider.key(), "{\"entityId\":\"" + merchant + "\"}");
        assertThat(nothing.status()).isEqualTo(400);
        Response badEmail = api.patch(
                "/v1/provider/merchant", provider.key(), "{\"entityId\":\"" + merchant + "\",\"email\":\"nope\"}");
        assertThat(badEmail.status()).isEqualTo(400);

        Response audit = api.get(
                "/v1/operator/audit-events?participantId=" + merchant + "&action=participant_updated", operator);
        assertThat(audit.data().get("total").asInt()).isEqualTo(1);
        assertThat(audit.data()
                        .get("events")
                        .get(0)
                        .get("details")
                        .get("fields")
                        .asText())
                .isEqualTo("name,address,industry");
    }

    // P5-P9

    @Test
    void a_trust_change_shows_in_the_trust_status_and_in_the_audit_log_with_before_and_after() {
        Provider provider = newProvider("Truster");
        String merchant = onboardOne(provider, "Trusty");
        String createdAt = api.get("/v1/provider/merchant/trust?entityId=" + merchant, provider.key())
                .data()
                .get("lastVerified")
                .asText();

        Response set = api.patch(
                "/v1/provider/merchant/trust",
                provider.key(),
                "{\"entityId\":\"" + merchant + "\",\"trusted\":false,\"trustLevel\":\"ENHANCED\","
                        + "\"deviceLookupEnabled\":false}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("message").asText()).isEqualTo("Merchant trust updated successfully");
        assertThat(set.data().get("trusted").asBoolean()).isFalse();
        assertThat(set.data().get("trustLevel").asText()).isEqualTo("enhanced");
        assertThat(set.data().get("deviceLookupEnabled").asBoolean()).isFalse();

        JsonNode status = api.get("/v1/provider/merchant/trust?entityId=" + merchant, provider.key())
                .data();
        assertThat(status.get("entityId").asText()).isEqualTo(merchant);
        assertThat(status.get("trusted").asBoolean()).isFalse();
        assertThat(status.get("trustLevel").asText()).isEqualTo("enhanced");
        assertThat(java.time.Instant.parse(status.get("lastVerified").asText()))
                .isAfter(java.time.Instant.parse(createdAt));

        Response audit = api.get(
                "/v1/operator/audit-events?participantId=" + merchant + "&action=merchant_trust_changed", operator);
        assertThat(audit.data().get("total").asInt()).isEqualTo(1);
        JsonNode event = audit.data().get("events").get(0);
        assertThat(event.get("actor").get("participantId").asText()).isEqualTo(provider.id());
        JsonNode details = event.get("details");
        assertThat(details.get("trustedBefore").asText()).isEqualTo("true");
        assertThat(details.get("trustedAfter").asText()).isEqualTo("false");
        assertThat(details.get("trustLevelBefore").asText()).isEqualTo("basic");
        assertThat(details.get("trustLevelAfter").asText()).isEqualTo("enhanced");
        assertThat(details.get("deviceLookupEnabledBefore").asText()).isEqualTo("true");
        assertThat(details.get("deviceLookupEnabledAfter").asText()).isEqualTo("false");

        Response empty =
                api.patch("/v1/provider/merchant/trust", provider.key(), "{\"entityId\":\"" + merchant + "\"}");
        assertThat(empty.status()).isEqualTo(400);
        Response badLevel = api.patch(
                "/v1/provider/merchant/trust",
                provider.key(),
                "{\"entityId\":\"" + merchant + "\",\"trustLevel\":\"gold\"}");
        assertThat(badLevel.status()).isEqualTo(400);
    }

    @Test
    void lists_trust_by_filters() {
        Provider provider = newProvider("Trust Lister");
        String basic = onboardOne(provider, "Plain");
        String enhanced = onboardOne(provider, "Better");
        String noDevice = onboardOne(provider, "Cautious");
        api.patch(
                "/v1/provider/merchant/trust",
                provider.key(),
                "{\"entityId\":\"" + enhanced + "\",\"trustLevel\":\"enhanced\"}");
        api.patch(
                "/v1/provider/merchant/trust",
                provider.key(),
                "{\"entityId\":\"" + noDevice + "\",\"trustLevel\":\"enhanced\",\"deviceLookupEnabled\":false}");

        Response all = api.get("/v1/provider/merchant/trust/multiple", provider.key());
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(texts(all.data().get("merchants"), "entityId")).containsExactly(noDevice, enhanced, basic);
        assertThat(all.data().get("total").asInt()).isEqualTo(3);
        assertThat(texts(
                        api.get("/v1/provider/merchant/trust/multiple?trustLevel=enhanced", provider.key())
                                .data()
                                .get("merchants"),
                        "entityId"))
                .containsExactly(noDevice, enhanced);
        assertThat(texts(
                        api.get(
                                        "/v1/provider/merchant/trust/multiple?trustLevel=enhanced&deviceLookupEnabled=true",
                                        provider.key())
                                .data()
                                .get("merchants"),
                        "entityId"))
                .containsExactly(enhanced);
        assertThat(api.get("/v1/provider/merchant/trust/multiple?trusted=false", provider.key())
                        .data()
                        .get("total")
                        .asInt())
                .isZero();
        assertThat(api.get("/v1/provider/merchant/trust/multiple?trustLevel=gold", provider.key())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void device_permission_follows_the_trust_level_and_the_providers_switch() {
        Provider provider = newProvider("Devices");
        String merchant = onboardOne(provider, "Device Shop");
        String path = "/v1/provider/merchant/trust/device-permission?entityId=" + merchant;

        Response basic = api.get(path, provider.key());
        assertThat(basic.status()).as(basic.body()).isEqualTo(200);
        assertThat(basic.json().has("success")).isFalse();
        assertThat(basic.json().get("message").asText()).isEqualTo("Device permission checked successfully");
        assertThat(basic.json().get("allowed").asBoolean()).isFalse();
        assertThat(basic.json().get("reason").asText()).isEqualTo("trust_level_too_low");
        assertThat(basic.json().get("trustStatus").get("trustLevel").asText()).isEqualTo("basic");

        api.patch(
                "/v1/provider/merchant/trust",
                provider.key(),
                "{\"entityId\":\"" + merchant + "\",\"trustLevel\":\"enhanced\"}");
        Response enhanced = api.get(path, provider.key());
        assertThat(enhanced.json().get("allowed").asBoolean()).isTrue();
        assertThat(enhanced.json().get("reason").asText()).isEqualTo("allowed");

        api.patch(
                "/v1/provider/merchant/trust",
                provider.key(),
                "{\"entityId\":\"" + merchant + "\",\"deviceLookupEnabled\":false}");
        Response switchedOff = api.get(path, provider.key());
        assertThat(switchedOff.json().get("allowed").asBoolean()).isFalse();
        assertThat(switchedOff.json().get("reason").asText()).isEqualTo("device_lookup_not_allowed");
        assertThat(switchedOff
                        .json()
                        .get("trustStatus")
                        .get("deviceLookupEnabled")
                        .asBoolean())
                .isFalse();

        api.post("/v1/operator/participants/" + merchant + "/suspend", operator, null);
        Response suspended = api.get(path, provider.key());
        assertThat(suspended.json().get("reason").asText()).isEqualTo("merchant_suspended");

        String demoMerchant =
                server.demo().byRole("merchant", Optional.of("enhanced")).participantId();
        String demoProvider = server.demo().byRole("provider", Optional.empty()).key();
        assertThat(api.get("/v1/provider/merchant/trust/device-permission?entityId=" + demoMerchant, demoProvider)
                        .json()
                        .get("allowed")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void validates_a_required_trust_level() {
        Provider provider = newProvider("Validator");
        String merchant = onboardOne(provider, "Validated");
        api.patch(
                "/v1/provider/merchant/trust",
                provider.key(),
                "{\"entityId\":\"" + merchant + "\",\"trustLevel\":\"enhanced\"}");

        Response enough = api.post(
                "/v1/provider/merchant/trust/validate",
                provider.key(),
                "{\"entityId\":\"" + merchant + "\",\"requiredTrustLevel\":\"basic\"}");
        assertThat(enough.status()).as(enough.body()).isEqualTo(200);
        assertThat(enough.json().get("message").asText()).isEqualTo("Trust level validated successfully");
        assertThat(enough.data().get("currentTrustLevel").asText()).isEqualTo("enhanced");
        assertThat(enough.data().get("valid").asBoolean()).isTrue();

        Response tooLow = api.post(
                "/v1/provider/merchant/trust/validate",
                provider.key(),
                "{\"entityId\":\"" + merchant + "\",\"requiredTrustLevel\":\"premium\"}");
        assertThat(tooLow.data().get("valid").asBoolean()).isFalse();

        Response missing =
                api.post("/v1/provider/merchant/trust/validate", provider.key(), "{\"entityId\":\"" + merchant + "\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("fieldErrors").get(0).get("field").asText())
                .isEqualTo("requiredTrustLevel");
    }

    @Test
    void the_operator_sets_a_direct_merchants_trust_and_a_providers_merchants_too() {
        Response created =
                api.post("/v1/operator/merchants", operator, "{\"name\":\"Direct\",\"email\":\"d@direct.test\"}");
        String direct = created.data().get("id").asText();

        Response set = api.patch(
                "/v1/operator/merchants/" + direct + "/trust",
                operator,
                "{\"trustLevel\":\"premium\",\"trusted\":false}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.data().get("entityId").asText()).isEqualTo(direct);
        assertThat(set.data().get("trustLevel").asText()).isEqualTo("premium");
        assertThat(set.data().get("trusted").asBoolean()).isFalse();
        assertThat(api.get("/v1/operator/participants/" + direct, operator)
                        .data()
                        .get("trustLevel")
                        .asText())
                .isEqualTo("premium");

        Provider provider = newProvider("Overseen");
        String merchant = onboardOne(provider, "Overseen Shop");
        assertThat(api.patch("/v1/operator/merchants/" + merchant + "/trust", operator, "{\"trustLevel\":\"enhanced\"}")
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/v1/provider/merchant/trust?entityId=" + merchant, provider.key())
                        .data()
                        .get("trustLevel")
                        .asText())
                .isEqualTo("enhanced");

        Response notAMerchant =
                api.patch("/v1/operator/merchants/" + provider.id() + "/trust", operator, "{\"trusted\":true}");
        assertThat(notAMerchant.status()).isEqualTo(404);
        assertThat(notAMerchant.code()).isEqualTo("merchant_not_found");
        assertThat(api.patch(
                                "/v1/operator/merchants/" + direct + "/trust",
                                operator,
                                "{\"entityId\":\"x\",\"trusted\":true}")
                        .status())
                .isEqualTo(400);
        assertThat(api.patch("/v1/operator/merchants/" + direct + "/trust", provider.key(), "{\"trusted\":true}")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void a_retried_batch_with_its_idempotency_key_onboards_nobody_twice() {
        Provider provider = newProvider("Retrying Provider");
        String batch = "{\"merchants\":[{\"name\":\"Retry One\",\"email\":\"one@retry.test\"},"
                + "{\"name\":\"Retry Bad\",\"email\":\"not-an-email\"}]}";
        var headers = java.util.Map.of("Content-Type", "application/json", "Idempotency-Key", "batch-7");
        Response first = api.send("POST", "/v1/provider/merchants", provider.key(), batch, headers);
        Response retry = api.send("POST", "/v1/provider/merchants", provider.key(), batch, headers);
        assertThat(first.status()).isEqualTo(207);
        assertThat(retry.status()).isEqualTo(207);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(merchantCount(provider)).isEqualTo(1);
    }
}
