package network.peere.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import network.peere.app.testing.HeadlessChromium;
import network.peere.app.testing.Response;
import network.peere.app.testing.RunningServer;
import network.peere.app.testing.ShiftedClock;
import network.peere.app.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The hosted pay page in a real headless Chromium at a phone's width, against the real server and its simulated
 * sandbox bank: a customer subscribes to a monthly link and sees it paid (then it renews over months the test skips,
 * each period calling the merchant's receiver back), another is declined (docs/sandbox.md:
 * {@code +deny}). No JavaScript error, labelled fields, and focus that follows each step. Screenshots land in
 * {@code app/target/artifacts/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayPageBrowserTest {
    private static final Path ARTIFACTS = Path.of("target", "artifacts");
    private static final Duration BANK_ANSWERS_WITHIN = Duration.ofSeconds(30);

    /** Real time plus whatever months the test skips: the renewals after the browser's first payment. */
    private final ShiftedClock clock = new ShiftedClock();

    /** The merchant's callback receiver, acknowledging every callback. */
    private final WebhookReceiver receiver = new WebhookReceiver();

    private RunningServer server;
    private SandboxNetwork network;
    private String merchant;
    private String bankKey;
    private HeadlessChromium browser;
    private WebDriver driver;

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        HeadlessChromium.assumeInstalled();
        receiver.start();
        receiver.behave(WebhookReceiver.Behaviour.answer(200, "{\"status\":\"success\"}"));
        server = RunningServer.on(
                RunningServer.config(
                        dataDir,
                        Map.of(
                                "PEERE_SANDBOX_BANK_POLL_MS", "50",
                                "PEERE_RENEWAL_INTERVAL", "50ms",
                                "PEERE_WEBHOOK_POLL_MS", "25")),
                clock);
        network = new SandboxNetwork(server);
        merchant = network.keyOf(network.create(
                "/v1/operator/merchants",
                "{\"name\":\"Lagos Gym & Spa\",\"email\":\"gym@pay-page.test\",\"trustLevel\":\"enhanced\"}"));
        bankKey = network.keyOf(network.simulatedBank("Sim Bank"));
    }

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
        driver = browser.driver();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterAll
    void stopServer() {
        receiver.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_customer_subscribes_to_a_monthly_link_on_a_phone_and_sees_it_paid() {
        SandboxNetwork.Customer customer = network.newCustomer(bankKey);
        String payUrl = link("\"recurring\":true,\"recurringDuration\":\"monthly\",");

        driver.get(payUrl);
        awaitReady();
        assertThat(text("#pay .merchant")).isEqualTo("Lagos Gym & Spa");
        assertThat(text("#pay .amount")).contains("2,500.00 NGN").contains("every month");
        assertThat(label("identity")).isEqualTo("E-mail or phone number");
        assertThat(fitsThePhone())
                .as("no horizontal scrolling at a phone's width: %s", widths())
                .isTrue();

        driver.findElement(By.id("identity")).sendKeys(customer.email());
        driver.findElement(By.cssSelector("#identify-form button[type=submit]")).click();
        browser.waitUpTo(Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("bank-list")));

        assertThat(browser.focusedId()).as("focus moves to the bank step").isEqualTo("bank-heading");
        WebElement bank = driver.findElement(By.cssSelector("#bank-list label"));
        assertThat(bank.getText()).contains("Sim Bank");
        bank.click();
        assertThat(driver.findElement(By.cssSelector("#bank-list input[type=radio]"))
                        .isSelected())
                .isTrue();
        WebElement subscribe = driver.findElement(By.id("pay-button"));
        assertThat(subscribe.getText()).isEqualTo("Subscribe");
        subscribe.click();

        browser.waitUpTo(BANK_ANSWERS_WITHIN)
                .until(ExpectedConditions.attributeToBe(By.id("step-status"), "data-status", "active"));
        assertThat(text("#status-heading")).isEqualTo("Subscribed");
        assertThat(text("#status-text")).contains("Next payment on");
        assertThat(browser.focusedId()).as("focus moves to the answer").isEqualTo("status-heading");
        assertThat(driver.findElement(By.id("status-text")).getAttribute("aria-live"))
                .isEqualTo("polite");
        assertThat(fitsThePhone())
                .as("still no horizontal scrolling: %s", widths())
                .isTrue();
        browser.screenshot(ARTIFACTS.resolve("pay-page.png"));
        assertNoJavaScriptErrors();

        // Then the subscription renews over months the test skips, each period heard by the merchant's receiver.
        String linkId = payUrl.substring(payUrl.lastIndexOf('/') + 1);
        awaitPaidCallback(linkId, "0");
        clock.advance(Duration.ofDays(31));
        awaitPaidCallback(linkId, "1");
        clock.advance(Duration.ofDays(31));
        awaitPaidCallback(linkId, "2");
    }

    /** A {@code paid} callback of this link for this period reached the receiver, with the merchant's key. */
    private void awaitPaidCallback(String linkId, String period) {
        await().atMost(BANK_ANSWERS_WITHIN)
                .until(() -> receiver.received().stream()
                        .map(r -> new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
                        .anyMatch(body -> body.contains("payId=" + linkId)
                                && body.contains("response=paid")
                                && body.contains("&period=" + period + "&")));
    }

    @Test
    void a_customer_whose_bank_denies_the_intent_sees_it_declined() {
        SandboxNetwork.Customer customer = network.newCustomer(bankKey, "+deny");
        String payUrl = link("");

        driver.get(payUrl);
        awaitReady();
        driver.findElement(By.id("identity")).sendKeys(customer.email());
        driver.findElement(By.cssSelector("#identify-form button[type=submit]")).click();
        browser.waitUpTo(Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("bank-list")));
        WebElement pay = driver.findElement(By.id("pay-button"));
        assertThat(pay.getText()).isEqualTo("Pay 2,500.00 NGN");
        pay.click();

        browser.waitUpTo(BANK_ANSWERS_WITHIN)
                .until(ExpectedConditions.attributeToBe(By.id("step-status"), "data-status", "declined"));
        assertThat(text("#status-heading")).isEqualTo("Declined");
        assertThat(text("#status-text")).contains("Nothing was charged");
        assertThat(browser.focusedId()).isEqualTo("status-heading");
        browser.screenshot(ARTIFACTS.resolve("pay-page-declined.png"));
        assertNoJavaScriptErrors();
    }

    @Test
    void an_unknown_customer_is_told_so_next_to_the_field_and_keeps_the_focus() {
        String payUrl = link("");

        driver.get(payUrl);
        awaitReady();
        driver.findElement(By.id("identity")).sendKeys("nobody-" + System.nanoTime() + "@example.com");
        driver.findElement(By.cssSelector("#identify-form button[type=submit]")).click();

        browser.waitUpTo(Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "No bank"));
        assertThat(driver.findElement(By.id("error")).getAttribute("role")).isEqualTo("alert");
        assertThat(browser.focusedId()).isEqualTo("identity");
        assertThat(driver.findElement(By.id("identity")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(driver.findElement(By.id("step-bank")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.tagName("html")).getAttribute("data-js-errors"))
                .isNull();
    }

    private String link(String recurring) {
        Response created = server.api().post("/v1/payment-links", merchant, """
                {%s"amount":2500,"currency":"NGN","description":"Gym membership",\
                "secret":"browser-%d","callbackUrl":"%s"}""".formatted(
                        recurring, System.nanoTime(), receiver.url("/callback")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.data().get("payUrl").asText();
    }

    private void awaitReady() {
        browser.waitUpTo(Duration.ofSeconds(10))
                .until(ExpectedConditions.attributeToBe(By.id("pay"), "data-ready", "true"));
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** The text of the {@code <label for=…>} of a field, which must exist. */
    private String label(String fieldId) {
        return driver.findElement(By.cssSelector("label[for='" + fieldId + "']"))
                .getText();
    }

    private boolean fitsThePhone() {
        return (Boolean) browser.script(
                "return document.documentElement.scrollWidth <= window.innerWidth && window.innerWidth <= 400");
    }

    private Object widths() {
        return browser.script(
                "return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,"
                        + " outerWidth: window.outerWidth}");
    }

    private void assertNoJavaScriptErrors() {
        assertThat(driver.findElement(By.tagName("html")).getAttribute("data-js-errors"))
                .as(
                        "errors pay.js caught: %s",
                        driver.findElement(By.tagName("html")).getAttribute("data-js-error"))
                .isNull();
        assertThat(browser.consoleErrors()).as("console errors").isEmpty();
    }
}
