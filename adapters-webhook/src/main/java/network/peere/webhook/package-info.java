/**
 * Signed HTTP delivery of webhook events and payment-link callbacks (DESIGN.md, "Webhooks and callbacks"). The
 * outbox and delivery workers arrive with the webhooks capability; this module already takes part in the build and
 * the architecture rules so that they hold from its first class.
 */
package network.peere.webhook;
