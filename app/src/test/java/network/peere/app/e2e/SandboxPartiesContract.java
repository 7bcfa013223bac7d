package network.peere.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;
import network.peere.app.e2e.SandboxNetwork.Customer;
import network.peere.app.testing.HttpApi;
import network.peere.app.testing.Response;
import network.peere.app.testing.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parties the billing and money suites share, on the real server with a real webhook receiver: a bank, a
 * merchant and another merchant, a provider with a merchant of its own, and a merchant of another provider. Each
 * suite names its bank and merchant; one subclass per suite and database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SandboxPartiesContract {
    private final String bankName;
    private final String merchantName;
    final WebhookInbox webhooks = new WebhookInbox();

    RunningServer server;
    HttpApi api;
    String operator;
    SandboxNetwork network;
    String bankId;
    String bank;
    String merchantId;
    String merchant;
    String otherMerchant;
    String provider;
    String providerMerchantId;
    String otherProvidersMerchantId;

    SandboxPartiesContract(String bankName, String merchantName) {
        this.bankName = bankName;
        this.merchantName = merchantName;
    }

    abstract RunningServer start(Path dataDir);

    void afterStop() {}

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        server = start(dataDir);
        api = server.api();
        operator = server.operatorKey();
        network = new SandboxNetwork(server);
        webhooks.start();
        bankId = network.create("/v1/operator/banks", participant(bankName, "ops@bank.test"));
        bank = network.keyOf(bankId);
        merchantId = network.create("/v1/operator/merchants", participant(merchantName, "merchant@shop.test"));
        merchant = network.keyOf(merchantId);
        otherMerchant =
                network.keyOf(network.create("/v1/operator/merchants", participant("Other Shop", "other@shop.test")));
        String providerId = network.create("/v1/operator/providers", participant("Pay Co", "p@payco.test"));
        provider = network.keyOf(providerId);
        providerMerchantId = network.create(
                "/v1/operator/merchants",
                "{\"name\":\"Provider Shop\",\"email\":\"ps@shop.test\",\"providerId\":\"" + providerId + "\"}");
        String otherProviderId = network.create("/v1/operator/providers", participant("Pay Two", "p@two.test"));
        otherProvidersMerchantId = network.create(
                "/v1/operator/merchants",
                "{\"name\":\"Two Shop\",\"email\":\"ts@shop.test\",\"providerId\":\"" + otherProviderId + "\"}");
    }

    @AfterAll
    void stopServer() {
        webhooks.close();
        if (server != null) {
            server.close();
        }
        afterStop();
    }

    /** A customer of the suite's bank. */
    Customer newCustomer() {
        return network.newCustomer(bank);
    }

    /** A recurring intent from the suite's merchant that its bank approved; its agreement phrase. */
    String approvedAgreement(Customer customer) {
        return approvedAgreement(customer, Optional.empty());
    }

    /** A recurring intent the bank approved with these limits (a JSON object); its agreement phrase. */
    String approvedAgreement(Customer customer, String spendingLimits) {
        return approvedAgreement(customer, Optional.of(spendingLimits));
    }

    private String approvedAgreement(Customer customer, Optional<String> spendingLimits) {
        JsonNode intent = network.recurringIntent(merchant, customer);
        network.approveRecurring(bank, customer, intent, spendingLimits);
        return intent.get("agreementPhrase").asText();
    }

    /** The customer decision id of the suite's merchant's agreement phrase. */
    String decisionOf(String agreementPhrase) {
        Response listed = api.get("/v1/merchant/customer-decisions?agreementPhrase=" + agreementPhrase, merchant);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        return listed.json().get("data").get(0).get("id").asText();
    }

    /** Bills one agreement phrase with this key; the whole answer. */
    Response bill(String key, String agreementPhrase, String amount, String currency) {
        return api.post(
                "/v1/customer/bill",
                key,
                "{\"agreementPhrases\":[\"" + agreementPhrase + "\"],\"amount\":" + amount + ",\"currency\":\""
                        + currency + "\",\"description\":\"Charge\"}");
    }

    /** Bills one phrase in NGN and answers its one item. */
    JsonNode billOne(String key, String agreementPhrase, String amount) {
        Response billed = bill(key, agreementPhrase, amount, "NGN");
        assertThat(billed.status()).as(billed.body()).isIn(201, 207);
        return billed.json().get(0);
    }

    /** {@code GET /v1/transaction-history} with this query, as this key sees it. */
    JsonNode history(String key, String query) {
        Response found = api.get("/v1/transaction-history?" + query, key);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.data();
    }

    private static String participant(String name, String email) {
        return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}";
    }
}
