package dev.ordergate.deploy;

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
import org.openqa.selenium.WebDriver;
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

    private static HeadlessChromium chromium;
    private static WebDriver browser;

    private final ApiClient api = new ApiClient();

    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;

    @BeforeAll
    static void startBrowser() {
        chromium = HeadlessChromium.start(1600, 1000);
        browser = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void cockpitShowsTheDeployedProcessWithAnOrderWaitingAtTheCreditReview() throws IOException {
        var created = api.post("/api/v1/orders", order(uniqueRef(), "C-20077", "US", "93701", line("1", "E-COM07", "5", "280.00")));
        // The answer comes before the process starts: its id is on the order from then on.
        String processInstanceId = api.processInstanceId(created.body().path("id").asText());
        Task task = await().atMost(Duration.ofSeconds(60)).until(() -> OrderTasks.of(tasks, runtime,
                processInstanceId).singleResult(), t -> t != null);

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        chromium.logIn(ApiClient.baseUrl(), "cockpit", "demo", "demo",
                By.cssSelector(".dashboard, [cam-dashboard], .cam-dashboard, .processes-dashboard, .navbar"));

        browser.get(ApiClient.baseUrl() + "/camunda/app/cockpit/default/#/process-definition/"
                + runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult().getProcessDefinitionId()
                + "/runtime");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-element-id='validateOrder']")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".badge, .djs-overlay")));
        assertThat(browser.getPageSource()).contains("Order fulfillment");
        chromium.screenshot("cockpit-order-fulfillment.png");
    }

}
