package network.peere.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import network.peere.core.domain.webhook.WebhookSecret;
import org.junit.jupiter.api.Test;

/** Both schemes sign with each secret's own key, however many secrets take turns and however often. */
class WebhookSignaturesTest {
    private static final byte[] BODY = "{\"batchId\":\"del_1\",\"items\":[]}".getBytes(StandardCharsets.UTF_8);

    private static WebhookSecret secret(int n) {
        byte[] random = new byte[WebhookSecret.RANDOM_BYTES];
        random[0] = (byte) n;
        random[1] = (byte) (n >> 8);
        return WebhookSecret.generate(random);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    @Test
    void every_signature_is_the_hmac_of_its_own_secret_while_secrets_take_turns() throws Exception {
        for (int round = 0; round < 3; round++) {
            for (int n = 0; n < 5; n++) {
                WebhookSecret secret = secret(n);
                assertThat(WebhookSignatures.peere(secret, BODY))
                        .isEqualTo("sha256="
                                + HexFormat.of()
                                        .formatHex(hmac(secret.reveal().getBytes(StandardCharsets.UTF_8), BODY)));
                byte[] signed = ("del_1.1700000000." + new String(BODY, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
                assertThat(WebhookSignatures.standard(List.of(secret, secret(n + 100)), "del_1", 1_700_000_000L, BODY))
                        .isEqualTo("v1," + Base64.getEncoder().encodeToString(hmac(secret.standardKey(), signed))
                                + " v1,"
                                + Base64.getEncoder()
                                        .encodeToString(hmac(secret(n + 100).standardKey(), signed)));
            }
        }
    }

    @Test
    void signs_correctly_past_the_bound_of_keys_it_keeps() throws Exception {
        for (int n = 0; n <= WebhookSignatures.KEYED_MAX + 1; n++) {
            WebhookSignatures.peere(secret(n), BODY);
        }
        WebhookSecret first = secret(0);
        assertThat(WebhookSignatures.peere(first, BODY))
                .isEqualTo("sha256="
                        + HexFormat.of().formatHex(hmac(first.reveal().getBytes(StandardCharsets.UTF_8), BODY)));
    }
}
