package network.peere.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import network.peere.app.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxDemoTest {
    @TempDir
    Path dataDir;

    @Test
    void first_start_writes_the_demo_keys_file_readable_by_its_owner_only() throws Exception {
        try (RunningServer server = RunningServer.onDefaultH2(dataDir)) {
            Path file = dataDir.resolve(SandboxDemo.KEYS_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            JsonNode keys = new ObjectMapper().readTree(file.toFile()).get("keys");
            List<String> described = new ArrayList<>();
            for (JsonNode key : keys) {
                described.add(
                        key.get("role").asText() + "/" + key.path("trustLevel").asText("-"));
                assertThat(key.get("apiKey").asText()).startsWith("sk_test_");
                assertThat(key.get("mode").asText()).isEqualTo("sandbox");
                assertThat(key.get("participantId").asText()).isNotBlank();
                var answer = server.api().get("/v1/keys", key.get("apiKey").asText());
                assertThat(answer.status()).as("every demo key authenticates").isEqualTo(200);
            }
            assertThat(described)
                    .containsExactlyInAnyOrder(
                            "operator/-", "bank/-", "provider/-", "merchant/basic", "merchant/enhanced");
        }
    }

    @Test
    void the_demo_bank_s_customers_can_be_looked_up_at_once() {
        try (RunningServer server = RunningServer.onDefaultH2(dataDir)) {
            String basic = server.demo()
                    .byRole("merchant", java.util.Optional.of("basic"))
                    .key();
            String enhanced = server.demo()
                    .byRole("merchant", java.util.Optional.of("enhanced"))
                    .key();

            var byEmail = server.api().get("/v1/customer/banks?email=adaeze@sandbox.peere.test", basic);
            var byPhone = server.api().get("/v1/customer/banks?phone=%2B2348023456789", basic);
            var byDevice = server.api()
                    .post("/v1/customer/device/lookup", enhanced, "{\"deviceId\":\"" + SandboxDemo.DEMO_DEVICE + "\"}");

            assertThat(byEmail.status()).as(byEmail.body()).isEqualTo(200);
            assertThat(byEmail.data().get("banks").get(0).get("bankName").asText())
                    .isEqualTo("Sandbox Bank");
            assertThat(byPhone.data().get("banks").get(0).get("customerName").asText())
                    .isEqualTo("T*** B.");
            assertThat(byDevice.status()).as(byDevice.body()).isEqualTo(200);
        }
    }

    @Test
    void a_merchant_alone_runs_the_whole_billing_flow_against_the_simulated_demo_bank() {
        try (RunningServer server = RunningServer.onDefaultH2(dataDir)) {
            var api = server.api();
            String merchant = server.demo()
                    .byRole("merchant", java.util.Optional.of("basic"))
                    .key();
            String bankId =
                    server.demo().byRole("bank", java.util.Optional.empty()).participantId();
            String operator =
                    server.demo().byRole("operator", java.util.Optional.empty()).key();
            assertThat(api.get("/v1/operator/banks/" + bankId + "/simulation", operator)
                            .data()
                            .get("simulated")
                            .asBoolean())
                    .as("the demo bank is simulated")
                    .isTrue();

            String phrase = api.get("/v1/customer/banks?email=adaeze@sandbox.peere.test", merchant)
                    .data()
                    .get("banks")
                    .get(0)
                    .get("phrase")
                    .asText();
            var intent = api.post(
                    "/v1/billing/intent",
                    merchant,
                    "{\"lookupPhrases\":[\"" + phrase + "\"],\"currency\":\"NGN\",\"description\":\"Gym\","
                            + "\"type\":\"recurring\",\"spendingLimits\":{\"single\":5000,\"monthly\":20000}}");
            assertThat(intent.status()).as(intent.body()).isEqualTo(200);
            String decision = intent.json().get(0).get("customerDecisionId").asText();
            String agreement = intent.json().get(0).get("agreementPhrase").asText();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.get("/v1/customer-decisions/" + decision, merchant)
                            .data()
                            .get("status")
                            .asText()
                            .equals("active"));

            var bill = api.post(
                    "/v1/customer/bill",
                    merchant,
                    "{\"agreementPhrases\":[\"" + agreement
                            + "\"],\"amount\":1500,\"currency\":\"NGN\",\"description\":\"November\"}");
            assertThat(bill.status()).as(bill.body()).isEqualTo(201);
            String reference = bill.json().get(0).get("reference").asText();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.get("/v1/transaction-details/" + reference, merchant)
                            .data()
                            .get("status")
                            .asText()
                            .equals("completed"));
            assertThat(api.get("/v1/transaction-details/" + reference, merchant)
                            .data()
                            .get("customerAction")
                            .asText())
                    .isEqualTo("accepted");
        }
    }

    @Test
    void a_restart_keeps_the_network_and_creates_no_second_one() {
        String firstBank;
        try (RunningServer first = RunningServer.onDefaultH2(dataDir)) {
            firstBank = first.demo().byRole("bank", java.util.Optional.empty()).participantId();
        }
        try (RunningServer second = RunningServer.onDefaultH2(dataDir)) {
            assertThat(second.server().demo()).isEmpty();
            var banks = second.server()
                    .runtime()
                    .peere()
                    .findParticipants()
                    .list(
                            network.peere.core.domain.shared.Mode.SANDBOX,
                            network.peere.core.domain.participant.ParticipantFilter.role(
                                    network.peere.core.domain.participant.Role.BANK),
                            network.peere.core.domain.shared.PageRequest.first());
            assertThat(banks.total()).isEqualTo(1);
            assertThat(banks.items().get(0).id().value()).isEqualTo(firstBank);
        }
    }
}
