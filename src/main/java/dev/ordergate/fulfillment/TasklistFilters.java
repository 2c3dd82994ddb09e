package dev.ordergate.fulfillment;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters every reviewer gets: "My group's reviews" (the open tasks of the caller's groups, oldest due
 * first) and "Overdue" (those past their due date, i.e. past escalation), each listing the order's reference,
 * customer and amount ({@link ReviewCards}) beside Tasklist's own name and due date. Created once, by name; a filter
 * an operator changed in Tasklist is left as it is.
 */
@Component
class TasklistFilters implements ApplicationRunner {

    static final String MY_GROUPS = "My group's reviews";
    static final String OVERDUE = "Overdue";

    private static final List<Map<String, String>> COLUMNS = List.of(
            Map.of("name", ReviewCards.ORDER, "label", "Order"),
            Map.of("name", ReviewCards.CUSTOMER, "label", "Customer"),
            Map.of("name", ReviewCards.AMOUNT, "label", "Amount"));

    private final FilterService filters;
    private final TaskService tasks;

    TasklistFilters(FilterService filters, TaskService tasks) {
        this.filters = filters;
        this.tasks = tasks;
    }

    @Override
    public void run(ApplicationArguments args) {
        create(MY_GROUPS, -10, "Open reviews for the groups you are in, due first", myGroups());
        TaskQueryImpl overdue = myGroups();
        overdue.dueBeforeExpression("${now()}");
        create(OVERDUE, -5, "Reviews of your groups past their due date (they have been escalated)", overdue);
    }

    private TaskQueryImpl myGroups() {
        TaskQueryImpl query = (TaskQueryImpl) tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                .includeAssignedTasks().orderByDueDate().asc();
        return query;
    }

    private void create(String name, int priority, String description, TaskQueryImpl query) {
        if (filters.createFilterQuery().filterName(name).count() > 0) {
            return;
        }
        var filter = filters.newTaskFilter(name).setQuery(query)
                .setProperties(Map.of("priority", priority, "description", description, "refresh", true,
                        "variables", COLUMNS));
        filters.saveFilter(filter);
    }
}
