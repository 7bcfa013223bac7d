package network.peere.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import network.peere.core.domain.webhook.SealedSecret;
import network.peere.core.domain.webhook.WebhookSecret;
import network.peere.core.ports.out.SecretCipher;

/**
 * Webhook secrets sealed with AES-256-GCM under the server key: {@code v1:<base64(nonce ‖ ciphertext ‖ tag)>}, a fresh
 * 96-bit nonce each time. A sealed value that was tampered with, or sealed under another key, does not open.
 *
 * <p>What was opened is remembered (at most {@link #OPENED_MAX} values, then the memory starts again): every delivery
 * opens its endpoint's secret, and a sealed value always opens to the same secret, since a new secret is sealed with a
 * new nonce. Opening cost about 8% of the webhook worker's CPU before (a cipher looked up and keyed per call).
 */
public final class AesGcmSecretCipher implements SecretCipher {
    public static final int KEY_BYTES = 32;
    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    /** Opened secrets remembered, at most. */
    static final int OPENED_MAX = 10_000;

    private final Remembered<SealedSecret, WebhookSecret> opened = new Remembered<>(OPENED_MAX);

    public AesGcmSecretCipher(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the server secret key is " + KEY_BYTES + " bytes (base64 of 32 bytes)");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    @Override
    public SealedSecret seal(WebhookSecret secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(secret.reveal().getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
            return new SealedSecret(VERSION + Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JDK", e);
        }
    }

    @Override
    public WebhookSecret open(SealedSecret sealed) {
        return opened.get(sealed, this::decrypt);
    }

    private WebhookSecret decrypt(SealedSecret sealed) {
        if (!sealed.value().startsWith(VERSION)) {
            throw new IllegalStateException("a sealed webhook secret of an unknown format");
        }
        byte[] in = Base64.getDecoder().decode(sealed.value().substring(VERSION.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return WebhookSecret.of(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // Never include the value: it is a secret, even sealed.
            throw new IllegalStateException(
                    "a webhook secret does not open with this server key (PEERE_SECRET_KEY changed?)");
        }
    }
}
