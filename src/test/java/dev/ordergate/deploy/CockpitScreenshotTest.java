package dev.ordergate.deploy;

import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.order;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What an analyst sees after a deployment: the process definition in Cockpit, with its version and the running
 * instances on the diagram. The README's screenshot (docs/images/cockpit-order-fulfillment.png) is taken here, into
 * target/screenshots/. Skipped, loudly, without Chromium (like the Tasklist browser test).
 */
@IntegrationTest
class CockpitScreenshotTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static WebDriver browser;

    private final ApiClient api = new ApiClient();

    @Autowired
    TaskService tasks;

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "SKIPPED: Chromium and ChromeDriver not found at /usr/bin; run .ci/install-browser to install them");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1600,1000",
                "--user-data-dir=" + Files.createTempDirectory("ordergate-chromium"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void cockpitShowsTheDeployedProcessWithAnOrderWaitingAtTheCreditReview() throws IOException {
        var created = api.post("/api/v1/orders", order(uniqueRef(), "C-20077", "US", "93701", line("1", "E-COM07", "5", "280.00")));
        String processInstanceId = created.body().path("processInstanceId").asText();
        Task task = await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery()
                .processInstanceId(processInstanceId).singleResult(), t -> t != null);

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(ApiClient.baseUrl() + "/camunda/app/cockpit/default/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[placeholder='Username']"))).sendKeys("demo");
        browser.findElement(By.cssSelector("input[placeholder='Password']")).sendKeys("demo");
        browser.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".dashboard, [cam-dashboard], .cam-dashboard, .processes-dashboard, .navbar")));

        browser.get(ApiClient.baseUrl() + "/camunda/app/cockpit/default/#/process-definition/" + task.getProcessDefinitionId() + "/runtime");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-element-id='reviewCreditHold']")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".badge, .djs-overlay")));
        assertThat(browser.getPageSource()).contains("Order fulfillment");
        screenshot("cockpit-order-fulfillment.png");
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "screenshots", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
