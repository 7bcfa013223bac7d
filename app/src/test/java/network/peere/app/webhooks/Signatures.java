package network.peere.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import network.peere.app.testing.WebhookReceiver;
import org.junit.jupiter.api.Assumptions;

/** A receiver's checks of both signature schemes, written from docs/webhooks.md and independent of the server's code. */
final class Signatures {
    /** The docs' Node.js check (docs/webhooks.md), plus the Standard Webhooks one, run by the machine's node. */
    static final String NODE_CHECK = """
            const crypto = require('crypto');
            const fs = require('fs');
            const [bodyFile, secret, peereHeader, id, timestamp, standardHeader] = process.argv.slice(2);
            const rawBody = fs.readFileSync(bodyFile);
            // The public docs' check: hex HMAC-SHA256 of the raw body, keyed by the secret as shown.
            const expected = 'sha256=' + crypto.createHmac('sha256', secret).update(rawBody).digest('hex');
            if (expected !== peereHeader) { console.log('Invalid signature'); process.exit(1); }
            // Standard Webhooks: base64 HMAC-SHA256 of "id.timestamp.body", keyed by the decoded whsec_ secret.
            const key = Buffer.from(secret.split('_')[1], 'base64');
            const signed = Buffer.concat([Buffer.from(`${id}.${timestamp}.`), rawBody]);
            const v1 = 'v1,' + crypto.createHmac('sha256', key).update(signed).digest('base64');
            if (!standardHeader.split(' ').includes(v1)) { console.log('Invalid webhook-signature'); process.exit(2); }
            console.log('OK');
            """;

    private Signatures() {}

    static String peere(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    static List<String> standard(WebhookReceiver.Received request) {
        return Arrays.asList(request.header("webhook-signature").split(" "));
    }

    static String standardFor(String secret, WebhookReceiver.Received request) {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        byte[] prefix = (request.header("webhook-id") + "." + request.header("webhook-timestamp") + ".")
                .getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + request.body().length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(request.body(), 0, signed, prefix.length, request.body().length);
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, signed));
    }

    static void assertBothSchemesVerify(String secret, WebhookReceiver.Received request) {
        assertThat(request.header("X-Peere-Signature")).isEqualTo(peere(secret, request.body()));
        assertThat(standard(request)).contains(standardFor(secret, request));
    }

    /** Runs {@link #NODE_CHECK}; skips (with the reason) only where node is not installed. */
    static void assertNodeVerifies(String secret, WebhookReceiver.Received request, Path dir) throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            probe.waitFor(20, TimeUnit.SECONDS);
        } catch (java.io.IOException absent) {
            Assumptions.abort("node is not installed on this machine: the docs' Node.js check was not run");
            return;
        }
        Path script = Files.writeString(dir.resolve("verify.js"), NODE_CHECK);
        Path body = Files.write(dir.resolve("body.json"), request.body());
        Process node = new ProcessBuilder(
                        "node",
                        script.toString(),
                        body.toString(),
                        secret,
                        request.header("X-Peere-Signature"),
                        request.header("webhook-id"),
                        request.header("webhook-timestamp"),
                        request.header("webhook-signature"))
                .redirectErrorStream(true)
                .start();
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output.trim()).as("node's verdict").isEqualTo("OK");
        assertThat(node.exitValue()).isZero();
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
