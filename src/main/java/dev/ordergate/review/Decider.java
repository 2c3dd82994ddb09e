package dev.ordergate.review;

import org.camunda.bpm.engine.delegate.DelegateTask;

/** Who decided a task: the user completing it (Tasklist, engine-rest, the review API), else its assignee. */
public final class Decider {

    private Decider() {
    }

    public static String of(DelegateTask task) {
        var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            return authentication.getUserId();
        }
        return task.getAssignee();
    }
}
