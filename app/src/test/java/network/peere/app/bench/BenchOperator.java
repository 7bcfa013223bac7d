package network.peere.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import network.peere.app.testing.Response;
import network.peere.app.testing.RunningServer;

/** What benchmarks ask the operator for: participants, keys, and rate limits raised out of the way (decisions.md). */
final class BenchOperator {
    private static final String RAISED = "{\"perMinute\":1000000,\"burstPerSecond\":1000000}";

    private BenchOperator() {}

    static void raise(RunningServer server, String participantId) {
        Response raised = server.api()
                .put(
                        "/v1/operator/participants/" + participantId + "/rate-limits",
                        server.operatorKey(),
                        "{\"standard\":" + RAISED + ",\"batch\":" + RAISED + ",\"read\":" + RAISED + "}");
        assertThat(raised.status()).as(raised.body()).isEqualTo(200);
    }

    /** Creates a participant through an operator route and answers its id. */
    static String created(RunningServer server, String path, String body) {
        Response created = server.api().post(path, server.operatorKey(), body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.data().get("id").asText();
    }

    static String key(RunningServer server, String participantId) {
        Response issued =
                server.api().post("/v1/operator/participants/" + participantId + "/keys", server.operatorKey(), "{}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.data().get("key").asText();
    }
}
