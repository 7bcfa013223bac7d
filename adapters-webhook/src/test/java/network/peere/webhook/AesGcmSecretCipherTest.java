package network.peere.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import network.peere.core.domain.webhook.SealedSecret;
import network.peere.core.domain.webhook.WebhookSecret;
import org.junit.jupiter.api.Test;

/** Sealed secrets open only, and exactly, under the key that sealed them. */
class AesGcmSecretCipherTest {
    private static final String PLAIN = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static byte[] key(int fill) {
        byte[] key = new byte[AesGcmSecretCipher.KEY_BYTES];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    private final AesGcmSecretCipher cipher = new AesGcmSecretCipher(key(7));

    @Test
    void opens_what_it_sealed_and_seals_with_a_fresh_nonce_each_time() {
        SealedSecret once = cipher.seal(WebhookSecret.of(PLAIN));
        SealedSecret twice = cipher.seal(WebhookSecret.of(PLAIN));

        assertThat(cipher.open(once).reveal()).isEqualTo(PLAIN);
        assertThat(once).isNotEqualTo(twice);
        assertThat(once.value()).doesNotContain(PLAIN).startsWith("v1:");
    }

    @Test
    void refuses_a_tampered_ciphertext_nonce_or_tag() {
        byte[] raw = Base64.getDecoder()
                .decode(cipher.seal(WebhookSecret.of(PLAIN)).value().substring(3));
        for (int at : new int[] {0, 12, raw.length / 2, raw.length - 1}) {
            byte[] tampered = raw.clone();
            tampered[at] ^= 1;
            var sealed = new SealedSecret("v1:" + Base64.getEncoder().encodeToString(tampered));

            assertThatThrownBy(() -> cipher.open(sealed))
                    .as("a flipped bit at byte %d", at)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("does not open");
        }
    }

    @Test
    void refuses_a_secret_sealed_under_another_key_without_revealing_it() {
        SealedSecret sealed = new AesGcmSecretCipher(key(8)).seal(WebhookSecret.of(PLAIN));

        assertThatThrownBy(() -> cipher.open(sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PEERE_SECRET_KEY")
                .hasMessageNotContaining(PLAIN)
                .hasMessageNotContaining(sealed.value());
    }

    @Test
    void refuses_an_unknown_format_and_a_key_of_the_wrong_length() {
        assertThatThrownBy(() -> cipher.open(new SealedSecret("v2:AAAA"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new AesGcmSecretCipher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
