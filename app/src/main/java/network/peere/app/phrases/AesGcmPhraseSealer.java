package network.peere.app.phrases;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.identity.LookupPhraseClaims;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.PhraseSealer;

/**
 * Lookup phrases as AES-256-GCM ciphertexts of (mode, bank, customer, merchant): {@code lp1.<key id>.<base64url(nonce
 * ‖ ciphertext ‖ tag)>}. The 128-bit tag makes a phrase unforgeable and tamper-evident; without the key it reveals
 * nothing. The nonce is synthetic (an HMAC of the claims under a second derived key), so one merchant gets the same
 * phrase for one customer every time and GCM never sees one nonce with two plaintexts however many lookups run.
 */
public final class AesGcmPhraseSealer implements PhraseSealer {
    private static final String VERSION = "lp1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final char SEPARATOR = '\n';

    private record DerivedKey(SecretKeySpec encryption, SecretKeySpec nonce) {}

    private final String currentId;
    private final Map<String, DerivedKey> keys = new LinkedHashMap<>();

    public AesGcmPhraseSealer(PhraseKeys phraseKeys) {
        Objects.requireNonNull(phraseKeys, "phraseKeys");
        this.currentId = phraseKeys.current().id();
        for (PhraseKeys.Key key : phraseKeys.keys()) {
            // Two independent keys from one secret: one encrypts, one makes nonces.
            keys.put(
                    key.id(),
                    new DerivedKey(
                            new SecretKeySpec(hmac(key.secret(), "peere lookup phrase: encryption"), "AES"),
                            new SecretKeySpec(hmac(key.secret(), "peere lookup phrase: nonce"), "HmacSHA256")));
        }
    }

    @Override
    public String seal(LookupPhraseClaims claims) {
        DerivedKey key = keys.get(currentId);
        String header = VERSION + "." + currentId;
        byte[] plaintext = String.join(
                        String.valueOf(SEPARATOR),
                        claims.mode().name(),
                        claims.bankId().value(),
                        claims.customerId().value(),
                        claims.merchantId().value())
                .getBytes(StandardCharsets.UTF_8);
        byte[] aad = header.getBytes(StandardCharsets.US_ASCII);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key.nonce());
            mac.update(aad);
            byte[] nonce = Arrays.copyOf(mac.doFinal(plaintext), NONCE_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.encryption(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] body = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, body, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, body, NONCE_BYTES, sealed.length);
            return header + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has AES-GCM and HMAC-SHA256", e);
        }
    }

    @Override
    public Optional<LookupPhraseClaims> open(String phrase) {
        if (phrase == null || phrase.length() > 512) {
            return Optional.empty();
        }
        String[] parts = phrase.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION) || !keys.containsKey(parts[1])) {
            return Optional.empty();
        }
        try {
            byte[] body = Base64.getUrlDecoder().decode(parts[2]);
            if (body.length <= NONCE_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    keys.get(parts[1]).encryption(),
                    new GCMParameterSpec(TAG_BITS, body, 0, NONCE_BYTES));
            cipher.updateAAD((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            byte[] plaintext = cipher.doFinal(body, NONCE_BYTES, body.length - NONCE_BYTES);
            String[] fields = new String(plaintext, StandardCharsets.UTF_8).split(String.valueOf(SEPARATOR), -1);
            if (fields.length != 4) {
                return Optional.empty();
            }
            return Optional.of(new LookupPhraseClaims(
                    Mode.valueOf(fields[0]),
                    new ParticipantId(fields[1]),
                    new CustomerId(fields[2]),
                    new ParticipantId(fields[3])));
        } catch (AEADBadTagException | IllegalArgumentException tamperedOrForeign) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has AES-GCM", e);
        }
    }

    private static byte[] hmac(byte[] secret, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HMAC-SHA256", e);
        }
    }
}
