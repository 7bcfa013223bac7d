package network.peere.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
    void remembers_what_it_opened_without_mixing_secrets_up_or_opening_a_tampered_copy() {
        SealedSecret first = cipher.seal(WebhookSecret.of(PLAIN));
        String other = "whsec_" + Base64.getEncoder().encodeToString(key(3));
        SealedSecret second = cipher.seal(WebhookSecret.of(other));
        for (int round = 0; round < 3; round++) {
            assertThat(cipher.open(first).reveal()).isEqualTo(PLAIN);
            assertThat(cipher.open(second).reveal()).isEqualTo(other);
        }
        byte[] raw = Base64.getDecoder().decode(first.value().substring(3));
        raw[raw.length - 1] ^= 1;
        var tampered = new SealedSecret("v1:" + Base64.getEncoder().encodeToString(raw));

        assertThatThrownBy(() -> cipher.open(tampered)).isInstanceOf(IllegalStateException.class);
        assertThat(new AesGcmSecretCipher(key(8)).seal(WebhookSecret.of(PLAIN)))
                .satisfies(foreign ->
                        assertThatThrownBy(() -> cipher.open(foreign)).isInstanceOf(IllegalStateException.class));
    }

    @Test
    void opens_correctly_past_the_bound_of_what_it_remembers() {
        var sealed = new ArrayList<SealedSecret>();
        var plain = new ArrayList<String>();
        for (int i = 0; i <= AesGcmSecretCipher.OPENED_MAX; i++) {
            String value = "whsec_"
                    + Base64.getEncoder().encodeToString(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
            plain.add(value);
            sealed.add(cipher.seal(WebhookSecret.of(value)));
        }
        for (int i = 0; i < sealed.size(); i++) {
            assertThat(cipher.open(sealed.get(i)).reveal()).isEqualTo(plain.get(i));
        }
        assertThat(cipher.open(sealed.get(0)).reveal()).isEqualTo(plain.get(0));
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
