package network.peere.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import network.peere.core.domain.webhook.WebhookSecret;

/**
 * The two signature schemes of spec/decisions.md ("Webhooks"), over the exact body bytes sent:
 *
 * <ul>
 *   <li>{@code X-Peere-Signature: sha256=<hex HMAC-SHA256(body)>} keyed by the UTF-8 bytes of the secret as shown
 *       ({@code whsec_…}), which is what the public docs' Node.js check computes;
 *   <li>Standard Webhooks {@code webhook-signature: v1,<base64 HMAC-SHA256(id.timestamp.body)>} keyed by the
 *       base64-decoded part of the secret, one space-separated value per secret valid now.
 * </ul>
 *
 * <p>A keyed HMAC is made once per secret and scheme and copied for each signature (at most {@link #KEYED_MAX} kept,
 * then the memory starts again): looking the algorithm up and keying it cost as much as the signing itself.
 */
public final class WebhookSignatures {
    private static final String HMAC = "HmacSHA256";
    /** Keyed HMACs kept, at most. */
    static final int KEYED_MAX = 10_000;

    private static final Remembered<WebhookSecret, Mac> PEERE_KEYED = new Remembered<>(KEYED_MAX);
    private static final Remembered<WebhookSecret, Mac> STANDARD_KEYED = new Remembered<>(KEYED_MAX);

    private WebhookSignatures() {}

    public static String peere(WebhookSecret secret, byte[] body) {
        Mac mac = keyed(PEERE_KEYED, secret, () -> secret.reveal().getBytes(StandardCharsets.UTF_8));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    public static String standard(List<WebhookSecret> secrets, String id, long timestampSeconds, byte[] body) {
        byte[] prefix = (id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return secrets.stream()
                .map(secret -> "v1,"
                        + Base64.getEncoder()
                                .encodeToString(keyed(STANDARD_KEYED, secret, secret::standardKey)
                                        .doFinal(signed)))
                .collect(Collectors.joining(" "));
    }

    /** A fresh copy of the HMAC keyed for {@code secret} in one scheme, ready to sign. */
    private static Mac keyed(Remembered<WebhookSecret, Mac> kept, WebhookSecret secret, Supplier<byte[]> key) {
        Mac prototype = kept.get(secret, unkeyed -> hmac(key.get()));
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return hmac(key.get());
        }
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
