package network.peere.http.routes;

import java.util.List;
import java.util.Map;
import network.peere.core.domain.identity.BatchItem;
import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.identity.CustomerBatch;
import network.peere.core.domain.identity.CustomerDetails;
import network.peere.core.domain.identity.Device;
import network.peere.core.domain.identity.FieldProblem;
import network.peere.core.domain.identity.PhoneNumber;
import network.peere.core.domain.shared.WireEnums;
import network.peere.core.ports.in.identity.LookUpCustomer;
import network.peere.http.support.Envelope;

/** Customers, devices, batches and lookup results as the API shows them; mapped once, here. */
final class CustomerJson {
    /** Processing is synchronous: a batch's result is final when the response is sent. */
    static final String BATCH_STATUS_COMPLETED = "completed";

    private CustomerJson() {}

    /** A customer as its own bank sees it: everything it sent, plus its ids. Absent values are null. */
    static Map<String, Object> customer(Customer customer) {
        CustomerDetails details = customer.details();
        Map<String, Object> json = Envelope.object();
        json.put("id", customer.id().value());
        json.put("bankId", customer.bankId().value());
        json.put("phrase", customer.phrase());
        json.put("clientRef", customer.clientRef());
        json.put("reference", customer.reference());
        json.put("firstname", details.firstname());
        json.put("middlename", details.middlename().orElse(null));
        json.put("lastname", details.lastname());
        json.put("accountName", details.accountName());
        json.put("accountNumber", details.accountNumber());
        json.put("email", details.email().value());
        json.put("phone", details.phone().map(PhoneNumber::value).orElse(null));
        json.put("country", details.country());
        json.put("address", details.address().orElse(null));
        json.put("gender", details.gender().map(WireEnums::wireName).orElse(null));
        json.put("displayPicture", details.displayPicture().orElse(null));
        json.put("createdAt", customer.createdAt());
        json.put("updatedAt", customer.updatedAt());
        return json;
    }

    static Map<String, Object> batch(CustomerBatch batch) {
        var summary = batch.summary();
        Map<String, Object> counters = Envelope.object();
        counters.put("total", summary.total());
        counters.put("successful", summary.successful());
        counters.put("failed", summary.failed());
        counters.put("duplicates", summary.duplicates());
        counters.put("invalidData", summary.invalidData());
        List<BatchItem.Created> created = batch.created();
        Map<String, Object> createdData = Envelope.object();
        createdData.put("createdCount", created.size());
        createdData.put(
                "customerIds", created.stream().map(c -> c.customerId().value()).toList());
        Map<String, Object> json = Envelope.object();
        json.put("batchId", batch.id());
        json.put("status", BATCH_STATUS_COMPLETED);
        json.put("summary", counters);
        json.put("data", createdData);
        json.put("items", batch.items().stream().map(CustomerJson::item).toList());
        json.put("processedAt", batch.processedAt());
        return json;
    }

    private static Map<String, Object> item(BatchItem item) {
        Map<String, Object> json = Envelope.object();
        json.put("index", item.index());
        json.put("reference", item.reference().orElse(null));
        json.put("clientRef", item.clientRef().orElse(null));
        switch (item) {
            case BatchItem.Created created -> {
                json.put("status", "created");
                json.put("customerId", created.customerId().value());
                json.put("phrase", created.phrase());
            }
            case BatchItem.Duplicate duplicate -> {
                json.put("status", "duplicate");
                json.put("customerId", duplicate.existing().value());
                json.put("duplicateField", duplicate.field());
            }
            case BatchItem.Invalid invalid -> {
                json.put("status", "invalid");
                json.put(
                        "errors",
                        invalid.problems().stream()
                                .map(p -> p.field() + ": " + p.message())
                                .toList());
                json.put(
                        "fieldErrors",
                        invalid.problems().stream()
                                .map(CustomerJson::fieldError)
                                .toList());
            }
        }
        return json;
    }

    static Map<String, Object> fieldError(FieldProblem problem) {
        return Map.of("field", problem.field(), "code", problem.code(), "message", problem.message());
    }

    static Map<String, Object> device(Device.Listed listed) {
        Map<String, Object> json = Envelope.object();
        json.put("deviceId", listed.device().deviceId().value());
        json.put("customerId", listed.device().customerId().value());
        json.put("phrase", listed.phrase());
        json.put("linkedAt", listed.device().linkedAt());
        return json;
    }

    /** Only masked personal data ever leaves a lookup. */
    static Map<String, Object> bank(LookUpCustomer.BankMatch match) {
        Map<String, Object> json = Envelope.object();
        json.put("bankId", match.bankId().value());
        json.put("bankName", match.bankName());
        json.put("accountName", match.accountName());
        json.put("phrase", match.phrase());
        json.put("customerName", match.customerName());
        return json;
    }
}
