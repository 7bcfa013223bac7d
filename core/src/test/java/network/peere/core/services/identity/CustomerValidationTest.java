package network.peere.core.services.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.peere.core.domain.identity.FieldProblem;
import network.peere.core.domain.identity.Gender;
import network.peere.core.domain.identity.PhoneNumber;
import network.peere.core.ports.in.identity.CustomerDraft;
import org.junit.jupiter.api.Test;

class CustomerValidationTest {
    private final CustomerValidation validation = new CustomerValidation();

    private static Map<String, String> valid() {
        Map<String, String> values = new HashMap<>();
        values.put("clientRef", "CIF-1");
        values.put("reference", "REF-1");
        values.put("firstname", "Adaeze");
        values.put("lastname", "Okafor");
        values.put("accountName", "Adaeze Okafor");
        values.put("accountNumber", "0123456789");
        values.put("email", "  Adaeze@Example.COM ");
        values.put("country", "ng");
        return values;
    }

    @Test
    void normalises_email_country_and_phone() {
        Map<String, String> values = valid();
        values.put("phone", "0801 234 5678");
        values.put("gender", "FEMALE");

        var result = (CustomerValidation.Result.Valid) validation.newCustomer(CustomerDraft.of(values));

        assertThat(result.details().email().value()).isEqualTo("adaeze@example.com");
        assertThat(result.details().country()).isEqualTo("NG");
        assertThat(result.details().phone()).contains(new PhoneNumber("+2348012345678"));
        assertThat(result.details().gender()).contains(Gender.FEMALE);
    }

    @Test
    void reports_every_problem_of_an_item_at_once() {
        Map<String, String> values = valid();
        values.remove("lastname");
        values.put("email", "not-an-email");
        values.put("phone", "+2340000");
        values.put("country", "XX");
        values.put("accountNumber", "01-23");
        values.put("gender", "unknown");

        var result = (CustomerValidation.Result.Invalid) validation.newCustomer(CustomerDraft.of(values));

        assertThat(result.problems())
                .extracting(FieldProblem::field, FieldProblem::code)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("lastname", "required"),
                        org.assertj.core.groups.Tuple.tuple("email", "invalid_format"),
                        org.assertj.core.groups.Tuple.tuple("phone", "invalid_format"),
                        org.assertj.core.groups.Tuple.tuple("country", "invalid_value"),
                        org.assertj.core.groups.Tuple.tuple("accountNumber", "invalid_format"),
                        org.assertj.core.groups.Tuple.tuple("gender", "invalid_value"));
    }

    @Test
    void a_problem_found_at_the_edge_is_reported_once() {
        Map<String, String> values = valid();
        values.remove("firstname");
        var draft =
                new CustomerDraft(values, List.of(new FieldProblem("firstname", "invalid_type", "must be a string")));

        var result = (CustomerValidation.Result.Invalid) validation.newCustomer(draft);

        assertThat(result.problems())
                .containsExactly(new FieldProblem("firstname", "invalid_type", "must be a string"));
    }

    @Test
    void a_change_lays_fields_over_the_customer_and_an_empty_value_clears_an_optional_one() {
        Map<String, String> values = valid();
        values.put("address", "Ikeja");
        var created = (CustomerValidation.Result.Valid) validation.newCustomer(CustomerDraft.of(values));
        var customer = new network.peere.core.domain.identity.Customer(
                new network.peere.core.domain.identity.CustomerId("cus_1"),
                network.peere.core.domain.shared.Mode.LIVE,
                new network.peere.core.domain.participant.ParticipantId("bank_1"),
                "phr_1",
                created.clientRef(),
                created.reference(),
                created.details(),
                java.time.Instant.EPOCH,
                java.time.Instant.EPOCH,
                1);

        var changed = (CustomerValidation.Result.Valid)
                validation.changed(customer, CustomerDraft.of(Map.of("address", "", "firstname", "Ada")));

        assertThat(changed.details().firstname()).isEqualTo("Ada");
        assertThat(changed.details().address()).isEqualTo(Optional.empty());
        assertThat(changed.reference()).isEqualTo("REF-1");
        assertThat(validation.changed(customer, CustomerDraft.of(Map.of("lastname", ""))))
                .isInstanceOf(CustomerValidation.Result.Invalid.class);
    }
}
