/**
 * Signed HTTP delivery of webhook events (DESIGN.md, "Webhooks and callbacks"): {@link HttpWebhookSender} posts the
 * batched envelope ({@link WebhookBody}) with both signature schemes ({@link WebhookSignatures}); {@link
 * AesGcmSecretCipher} seals secrets at rest; {@link PublicUrlPolicy} keeps live endpoints on public https hosts.
 */
package network.peere.webhook;
