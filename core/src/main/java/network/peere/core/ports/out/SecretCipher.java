package network.peere.core.ports.out;

import network.peere.core.domain.webhook.SealedSecret;
import network.peere.core.domain.webhook.WebhookSecret;

/** Encrypts webhook secrets at rest with a server key; the server needs them in plaintext to sign deliveries. */
public interface SecretCipher {
    SealedSecret seal(WebhookSecret secret);

    WebhookSecret open(SealedSecret sealed);
}
