package network.peere.app.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The contract check must be able to fail, or the end-to-end tests prove nothing about docs/openapi.yaml. */
class OpenApiContractTest {
    private final OpenApiContract contract = OpenApiContract.get();
    private static final String JSON = "application/json";

    @Test
    void accepts_a_health_answer_as_documented() {
        assertThatCode(() -> contract.assertConforms("GET", "/health/live", 200, JSON, "{\"status\":\"up\"}"))
                .doesNotThrowAnyException();
    }

    @Test
    void refuses_a_body_that_breaks_the_schema() {
        assertThatThrownBy(() -> contract.assertConforms(
                        "GET", "/v1/merchant", 200, JSON, "{\"statusCode\":200,\"success\":\"yes\"}"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void refuses_an_undocumented_status_media_type_or_route() {
        assertThatThrownBy(() -> contract.assertConforms("GET", "/health/live", 418, JSON, "{}"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> contract.assertConforms("GET", "/health/live", 200, "text/html", "<p>"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> contract.assertConforms("DELETE", "/v1/merchant", 200, JSON, "{}"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void refuses_a_problem_without_its_stable_code() {
        assertThatThrownBy(() -> contract.assertConforms(
                        "GET",
                        "/v1/merchant",
                        401,
                        "application/problem+json",
                        "{\"type\":\"x\",\"title\":\"t\",\"status\":401,\"detail\":\"d\",\"statusCode\":401,"
                                + "\"success\":false,\"message\":\"d\"}"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void every_error_code_the_server_can_send_is_in_the_contract_and_nothing_else() {
        var documented = contract.problemCodes();
        var sent = java.util.Arrays.stream(network.peere.http.support.ErrorCode.values())
                .map(network.peere.http.support.ErrorCode::wire)
                .toList();
        org.assertj.core.api.Assertions.assertThat(documented).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void keeps_the_device_permission_answer_exactly_as_documented() {
        String trust = "\"trustStatus\":{\"trusted\":true,\"trustLevel\":\"basic\",\"deviceLookupEnabled\":true,"
                + "\"lastVerified\":\"2026-11-23T08:00:00Z\"}";
        String documented = "{\"statusCode\":200,\"message\":\"Device permission checked successfully\","
                + "\"allowed\":false,\"reason\":\"trust_level_too_low\"," + trust + "}";
        String path = "/v1/provider/merchant/trust/device-permission";
        assertThatCode(() -> contract.assertConforms("GET", path, 200, JSON, documented))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> contract.assertConforms(
                        "GET",
                        path,
                        200,
                        JSON,
                        documented.replace("{\"statusCode\":200,", "{\"statusCode\":200,\"success\":true,")))
                .isInstanceOf(AssertionError.class);
    }
}
