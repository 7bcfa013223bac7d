package network.peere.app.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's Chromium (Debian {@code chromium} + {@code chromium-driver}) driven headless at a phone's size. The
 * driver and the browser are named by path, so Selenium Manager never looks for (or downloads) either. Without them a
 * test is skipped, unless {@code -Dpeere.requireBrowser=true} (CI) makes that a failure.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final String REQUIRE_BROWSER = "peere.requireBrowser";

    /** An iPhone 12–15's CSS viewport. */
    public static final int PHONE_WIDTH = 390;

    public static final int PHONE_HEIGHT = 844;

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test (or fails it under {@code -Dpeere.requireBrowser=true}) when there is no browser. */
    public static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
        String missing = "no headless browser: " + CHROMEDRIVER + " and " + CHROMIUM
                + " are needed (apt-get install chromium chromium-driver)";
        if (!installed && Boolean.getBoolean(REQUIRE_BROWSER)) {
            fail(missing + "; -D" + REQUIRE_BROWSER + "=true makes this a failure");
        }
        assumeTrue(installed, missing + "; skipped");
    }

    /** A fresh browser with its own empty profile, at a phone's width. */
    public static HeadlessChromium start() {
        assumeInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("peere-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Belt and braces: with the driver's path set, Selenium has no reason to resolve one itself.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-quic",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=" + PHONE_WIDTH + "," + PHONE_HEIGHT);
        // Headless Chromium keeps windows at least 500 px wide; the driver's phone emulation sets the viewport itself.
        options.setExperimentalOption(
                "mobileEmulation",
                java.util.Map.of(
                        "deviceMetrics",
                        java.util.Map.of(
                                "width",
                                PHONE_WIDTH,
                                "height",
                                PHONE_HEIGHT,
                                "pixelRatio",
                                1.0,
                                "mobile",
                                true,
                                "touch",
                                true)));
        var logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    public WebDriver driver() {
        return driver;
    }

    public WebDriverWait waitUpTo(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The id of the element that has the focus (empty when it is the body). */
    public String focusedId() {
        return String.valueOf(script("return document.activeElement ? document.activeElement.id : ''"));
    }

    /** What the console reported as errors since the last call (a failed load, a CSP violation, an exception). */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Saves what the browser shows, as PNG, where the build keeps artifacts. */
    public Path screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
