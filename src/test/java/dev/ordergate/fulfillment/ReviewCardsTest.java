package dev.ordergate.fulfillment;

import dev.ordergate.OrderTasks;
import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.order;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A reviewer sees which order and customer a task is about, and the shipped filters list it with its columns. */
@IntegrationTest
class ReviewCardsTest {

    private final ApiClient api = new ApiClient();

    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    FilterService filters;
    @Autowired
    IdentityService identity;

    @Test
    void aReviewTaskIsNamedWithItsOrderAndCustomerAndTheGroupFiltersListItWithItsColumns() {
        String ref = uniqueRef();
        // 250.00 against the list price: a price mismatch for the pricing stewards.
        var created = api.post("/api/v1/orders", order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "2", "250.00")));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String pi = api.get("/api/v1/orders/" + created.body().path("id").asText()).body().path("processInstanceId").asText();
        Task task = await().atMost(Duration.ofSeconds(60))
                .until(() -> OrderTasks.of(tasks, runtime, pi).singleResult(), t -> t != null);

        assertThat(task.getName()).isEqualTo("Review price mismatch · b2b-portal:" + ref + " · Acme Warehouse 3 (C-10042)");
        assertThat(tasks.getVariablesLocal(task.getId())).containsEntry(ReviewCards.ORDER, "b2b-portal:" + ref)
                .containsEntry(ReviewCards.CUSTOMER, "Acme Warehouse 3 (C-10042)")
                .containsEntry(ReviewCards.AMOUNT, "500.00 USD");
        assertThat(Duration.between(task.getCreateTime().toInstant(), task.getDueDate().toInstant()))
                .as("due when it escalates").isEqualTo(Duration.ofHours(8));

        String mine = filters.createFilterQuery().filterName(TasklistFilters.MY_GROUPS).singleResult().getId();
        String overdue = filters.createFilterQuery().filterName(TasklistFilters.OVERDUE).singleResult().getId();
        assertThat(filters.getFilter(mine).getProperties().get("variables").toString())
                .contains(ReviewCards.ORDER, ReviewCards.CUSTOMER, ReviewCards.AMOUNT);
        try {
            identity.setAuthentication("pricing", List.of("pricing-stewards"));
            assertThat(filters.<Task>list(mine)).extracting(Task::getId).contains(task.getId());
            assertThat(filters.<Task>list(overdue)).extracting(Task::getId).doesNotContain(task.getId());
            identity.setAuthentication("credit", List.of("credit-controllers"));
            assertThat(filters.<Task>list(mine)).extracting(Task::getId).as("another group's review")
                    .doesNotContain(task.getId());
        } finally {
            identity.clearAuthentication();
        }
        tasks.complete(task.getId(), Map.of("decision", "accept-submitted", "decisionComment", "Agreed promo price"));
        // Finished before the next test: tests that make Odoo refuse the next call must not meet this order.
        api.awaitOrderStatus(created.body().path("id").asText(), "COMPLETED");
    }
}
