package network.peere.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.peere.app.OperatorCli;
import network.peere.app.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI works on the same H2 file while the server runs, and what it creates is live through the API at once. */
class OperatorCliTest {
    @TempDir
    Path dataDir;

    private record Run(int exit, String out, String err) {}

    private Run cli(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var config = RunningServer.config(dataDir, Map.of());
        int exit = new OperatorCli(
                        config,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args[0], java.util.Arrays.copyOfRange(args, 1, args.length));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    @Test
    void creates_a_bank_and_a_key_while_the_server_runs() {
        try (RunningServer server = RunningServer.onDefaultH2(dataDir)) {
            Run bank = cli("create-bank", "--name", "CLI Bank", "--email", "cli@bank.test", "--time-zone", "UTC");
            assertThat(bank.exit()).as(bank.err()).isZero();
            String bankId = group(Pattern.compile("(bank_\\w+)"), bank.out());

            Run key = cli("create-key", "--participant", bankId);
            assertThat(key.exit()).as(key.err()).isZero();
            String apiKey = group(Pattern.compile("api key: (sk_test_\\w+)"), key.out());

            var seen = server.api().get("/v1/operator/participants/" + bankId, server.operatorKey());
            assertThat(seen.status()).isEqualTo(200);
            assertThat(seen.data().get("timeZone").asText()).isEqualTo("UTC");
            assertThat(server.api().get("/v1/keys", apiKey).status()).isEqualTo(200);

            Run list = cli("list-participants", "--role", "bank");
            assertThat(list.out()).contains(bankId).contains("CLI Bank");
        }
    }

    @Test
    void bad_usage_and_refusals_have_distinct_exit_codes() {
        assertThat(cli("create-bank", "--name").exit()).isEqualTo(2);
        assertThat(cli("create-bank", "--name", "X").exit()).isEqualTo(2);
        assertThat(cli("frobnicate").exit()).isEqualTo(2);
        Run refused = cli("suspend", "--participant", "bank_missing");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("participant_not_found");
    }
}
