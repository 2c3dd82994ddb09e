package dev.ordergate.review;

import dev.ordergate.OrderTasks;
import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.order;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordergate.ApiClient;
import dev.ordergate.HeadlessChromium;
import dev.ordergate.IntegrationTest;
import java.io.IOException;
import java.time.Duration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A pricing steward in a real (headless) Chromium: logs into Tasklist, opens the price mismatch, sees both prices
 * on the form, accepts the submitted price with a comment, and the order goes on to COMPLETED. Needs Debian's
 * chromium and chromium-driver ({@code .ci/install-browser}); skipped, loudly, where they are missing.
 */
@IntegrationTest
class TasklistBrowserTest {

    private static HeadlessChromium chromium;
    private static WebDriver browser;

    private final ApiClient api = new ApiClient();

    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;

    @BeforeAll
    static void startBrowser() {
        chromium = HeadlessChromium.start(1400, 1000);
        browser = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.camunda.bpm.engine.FilterService filters;

    @Test
    void aPricingStewardAcceptsTheSubmittedPriceInTasklistAndTheOrderCompletes() throws IOException {
        String ref = uniqueRef();
        var created = api.post("/api/v1/orders", order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "2", "250.00")));
        String orderId = created.body().path("id").asText();
        // The answer comes before the process starts: its id is on the order from then on.
        String processInstanceId = api.processInstanceId(orderId);
        Task task = await().atMost(Duration.ofSeconds(60)).until(() -> OrderTasks.of(tasks, runtime,
                processInstanceId).singleResult(), t -> t != null);

        // Generous: Tasklist loads many scripts, and a busy two-core CI machine is slow to run them.
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        try {
            decideInTasklist(wait, task.getId(), "b2b-portal:" + ref);
        } catch (RuntimeException e) {
            chromium.screenshot("tasklist-failure.png");
            throw e;
        }

        var completed = await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/orders/" + orderId).body(),
                body -> "COMPLETED".equals(body.path("status").asText()));
        var review = completed.path("reviews").get(0);
        assertThat(review.path("decision").asText()).isEqualTo("accept-submitted");
        assertThat(review.path("decidedBy").asText()).isEqualTo("pricing");
        assertThat(review.path("comment").asText()).isEqualTo("Agreed promotion for this customer");
    }

    private void decideInTasklist(WebDriverWait wait, String taskId, String businessKey) {
        chromium.logIn(ApiClient.baseUrl(), "tasklist", "pricing", "pricing", By.cssSelector(".tasks-list, [cam-tasks]"));

        // The group's filter lists the task with its order, customer and amount before anyone opens it.
        // Tasklist opens the filter the browser used last; open the group's filter by its address.
        String mine = filters.createFilterQuery().filterName("My group's reviews").singleResult().getId();
        browser.get(ApiClient.baseUrl() + "/camunda/app/tasklist/default/#/?filter=" + mine);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//*[contains(normalize-space(), 'Review price mismatch · " + businessKey + " · Acme Warehouse 3 (C-10042)')]")));
        // Tasklist shows the first two columns and folds the rest (the amount) behind its "more" arrow.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[normalize-space()='Customer:']")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//*[normalize-space()='500.00 USD']")));
        chromium.screenshot("tasklist-my-group.png");

        browser.get(ApiClient.baseUrl() + "/camunda/app/tasklist/default/#/?task=" + taskId);
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Claim']"))).click();

        WebElement facts = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("textarea[id$='facts']")));
        wait.until(d -> facts.getDomProperty("value").contains("authority"));
        assertThat(facts.getDomProperty("value")).contains("submitted 250.00, authority 299.00");
        chromium.screenshot("tasklist-price-mismatch.png");

        click(browser.findElement(By.xpath("//label[contains(normalize-space(), 'Accept the submitted price')]")));
        WebElement comment = browser.findElement(By.cssSelector("textarea[id$='comment']"));
        scrollTo(comment);
        comment.sendKeys("Agreed promotion for this customer");
        chromium.screenshot("tasklist-price-mismatch-decided.png");
        click(browser.findElement(By.xpath("//button[normalize-space()='Complete']")));
    }

    /** Tasklist's fixed footer can lie over a control near the bottom; bring it to the middle first. */
    private static void scrollTo(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    private static void click(WebElement element) {
        scrollTo(element);
        element.click();
    }


}
