/**
 * Signed HTTP delivery of webhook events (DESIGN.md, "Webhooks and callbacks"): {@link HttpWebhookSender} posts the
 * batched envelope or a payment link's form callback ({@link WebhookBody}, reading items with {@code JsonMembers}) with
 * both signature schemes ({@link WebhookSignatures}); {@link AesGcmSecretCipher} seals secrets at rest; {@link
 * PublicUrlPolicy} keeps live endpoints on public https hosts.
 */
package network.peere.webhook;
