package dev.ordergate;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's ChromeDriver (installed by {@code .ci/install-browser}); the
 * flags keep it off the network. A test that needs it is skipped, loudly, where it is missing. Screenshots go to
 * target/screenshots/.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver driver;

    private HeadlessChromium(WebDriver driver) {
        this.driver = driver;
    }

    public static HeadlessChromium start(int width, int height) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "SKIPPED: Chromium and ChromeDriver not found at /usr/bin; run .ci/install-browser to install them");
        try {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
                    "--user-data-dir=" + Files.createTempDirectory("ordergate-chromium"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            return new HeadlessChromium(new ChromeDriver(service, options));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * Logs into a Camunda webapp ({@code app}: tasklist, cockpit) at {@code baseUrl} and waits until {@code landed}
     * is on the page. Tasklist's login form can be shown before its scripts have bound it, or be drawn again: typed
     * into then, the form submits nothing and stays on the login page. So a login that has not landed within a
     * minute is tried again from a fresh page, up to three times; what the page showed each time goes to the test's
     * output and a screenshot, so a login that never lands says why.
     */
    public void logIn(String baseUrl, String app, String user, String password, By landed) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        for (int attempt = 1; ; attempt++) {
            driver.get(baseUrl + "/camunda/app/" + app + "/default/");
            try {
                WebElement name = wait.until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("input[placeholder='Username']")));
                name.clear();
                name.sendKeys(user);
                WebElement secret = driver.findElement(By.cssSelector("input[placeholder='Password']"));
                secret.clear();
                secret.sendKeys(password);
                wait.until(d -> user.equals(name.getDomProperty("value")));
                driver.findElement(By.cssSelector("button[type='submit']")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(landed));
                return;
            } catch (TimeoutException | StaleElementReferenceException e) {
                screenshot(app + "-login-attempt-" + attempt + ".png");
                String shown = driver.findElement(By.tagName("body")).getText();
                System.err.printf("Login to %s as %s did not land (attempt %d); the page showed:%n%s%n", app, user,
                        attempt, shown.length() > 2000 ? shown.substring(0, 2000) : shown);
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Saves what the browser shows to target/screenshots/{@code name}. */
    public Path screenshot(String name) {
        try {
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = Path.of("target", "screenshots", name);
            Files.createDirectories(target.getParent());
            return Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
