package network.peere.http.routes;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import network.peere.core.domain.link.LinkDuration;
import network.peere.core.domain.link.LinkStatus;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.money.Money;
import network.peere.core.ports.in.link.PayLinks;

/**
 * The pay page's HTML, rendered on the server with no template engine: every value that reaches the markup goes
 * through {@link #escape}, and the markup holds no inline script or style, so the page's Content-Security-Policy
 * allows only its own two assets. pay.js reads what it needs from {@code data-} attributes.
 */
final class PayPageHtml {
    /** The asset URLs, each with its content hash so a new release is never served from a stale cache. */
    record Assets(String scriptUrl, String styleUrl) {}

    private PayPageHtml() {}

    /** The page a customer pays from: summary, then the three steps pay.js walks through. */
    static String payable(PayLinks.PayPage page, Assets assets) {
        PaymentLink link = page.link();
        String amount = amount(link.terms().amount());
        String action = link.recurring() ? "Subscribe" : "Pay " + amount;
        String body = """
                <main id="pay" class="card" data-link-id="%s" data-recurring="%s">
                %s
                  <noscript><p class="notice">This page needs JavaScript to reach your bank.</p></noscript>
                  <p id="error" class="error" role="alert"></p>
                  <section id="step-identify" class="step" aria-labelledby="identify-heading">
                    <h2 id="identify-heading" tabindex="-1">Find your bank</h2>
                    <form id="identify-form" novalidate>
                      <label for="identity">E-mail or phone number</label>
                      <input id="identity" name="identity" type="text" inputmode="email" autocomplete="email"
                             autocapitalize="none" spellcheck="false" required aria-describedby="identity-hint">
                      <p id="identity-hint" class="hint">The one your bank knows you by. Phone numbers in
                        international form, such as +2348012345678.</p>
                      <button type="submit">Find my bank</button>
                    </form>
                  </section>
                  <section id="step-bank" class="step" aria-labelledby="bank-heading" hidden>
                    <h2 id="bank-heading" tabindex="-1">Choose your bank</h2>
                    <form id="bank-form" novalidate>
                      <fieldset>
                        <legend>Pay from this account</legend>
                        <div id="bank-list" class="banks"></div>
                      </fieldset>
                      <button type="submit" id="pay-button">%s</button>
                      <button type="button" id="change-identity" class="secondary">Use another e-mail or phone</button>
                    </form>
                  </section>
                  <section id="step-status" class="step" aria-labelledby="status-heading" hidden>
                    <h2 id="status-heading" tabindex="-1">Waiting for your bank…</h2>
                    <p id="status-text" role="status" aria-live="polite"></p>
                  </section>
                </main>
                """.formatted(escape(link.id()), link.recurring(), summary(page), escape(action));
        return document(page.merchantName().isBlank() ? "Pay" : "Pay " + page.merchantName(), body, assets);
    }

    /** An inactive link, or one someone's payment holds: shown, but nothing to fill in. */
    static String closed(PayLinks.PayPage page, Assets assets) {
        String reason = page.link().status() == LinkStatus.INACTIVE
                ? "The merchant has switched this payment link off. Ask them for a new one."
                : "This payment link has already been paid, or a payment of it is waiting for a bank."
                        + " Ask the merchant if you expected to pay it.";
        String body = """
                <main id="pay" class="card">
                %s
                  <section id="step-closed" class="step" aria-labelledby="closed-heading">
                    <h2 id="closed-heading">This link cannot be paid</h2>
                    <p>%s</p>
                  </section>
                </main>
                """.formatted(summary(page), escape(reason));
        return document("Payment link closed", body, assets);
    }

    static String notFound(Assets assets) {
        return message(
                "Payment link not found",
                "No payment link has this address. Check the link you were sent, or ask the merchant for a new one.",
                assets);
    }

    static String tooManyRequests(Assets assets) {
        return message("Too many requests", "This address sent too many requests. Wait a minute, then reload.", assets);
    }

    static String unavailable(Assets assets) {
        return message(
                "Cannot show this page", "This payment link cannot be shown right now. Try again later.", assets);
    }

    private static String message(String title, String text, Assets assets) {
        String body = """
                <main id="pay" class="card">
                  <h1>%s</h1>
                  <p>%s</p>
                </main>
                """.formatted(escape(title), escape(text));
        return document(title, body, assets);
    }

    private static String summary(PayLinks.PayPage page) {
        var terms = page.link().terms();
        String period = terms.duration()
                .map(d -> "<span class=\"period\">" + escape(period(d)) + "</span>")
                .orElse("");
        String title = terms.description().isBlank() ? "Payment" : terms.description();
        return """
                  <header class="summary">
                    <p class="merchant">%s</p>
                    <h1 id="title">%s</h1>
                    <p class="amount"><span class="value">%s</span> %s</p>
                  </header>""".formatted(escape(page.merchantName()), escape(title), escape(amount(terms.amount())), period);
    }

    private static String document(String title, String body, Assets assets) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>%s</title>
                  <link rel="icon" href="data:,">
                  <link rel="stylesheet" href="%s">
                  <script src="%s" defer></script>
                </head>
                <body>
                %s  <footer class="footer">Payments by Peere</footer>
                </body>
                </html>
                """.formatted(escape(title), escape(assets.styleUrl()), escape(assets.scriptUrl()), body);
    }

    /** {@code 2,500.00 NGN}: the currency's own decimals, grouped, code after the number (no locale guessing). */
    static String amount(Money money) {
        BigDecimal major = money.toMajor();
        int decimals = money.currency().getDefaultFractionDigits();
        var format = new DecimalFormat(
                decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(major) + " " + money.currency().getCurrencyCode();
    }

    static String period(LinkDuration duration) {
        return switch (duration) {
            case DAILY -> "every day";
            case WEEKLY -> "every week";
            case MONTHLY -> "every month";
            case QUARTERLY -> "every 3 months";
            case HALF_YEARLY -> "every 6 months";
            case YEARLY -> "every year";
        };
    }

    /** For text and for quoted attribute values alike. */
    static String escape(String value) {
        var out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
