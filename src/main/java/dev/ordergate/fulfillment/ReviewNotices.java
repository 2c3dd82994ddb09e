package dev.ordergate.fulfillment;

import dev.ordergate.notify.Notifications;
import dev.ordergate.notify.StatusEvents;
import dev.ordergate.order.ChannelReasons;
import dev.ordergate.order.OrderProcess;
import dev.ordergate.order.OrderStatus;
import dev.ordergate.order.Orders;
import dev.ordergate.rules.ReviewRouting;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * What the BPMN says around a review, as expression listeners and delegates ({@code ${reviewNotices.opened(task)}},
 * {@code ${reviewNotices.escalate(execution)}} ...): the order's status, mail to the right group, and the
 * supervisor group added to an overdue task. What leaves Tasklist here (the order's status reason, the status event,
 * the mails) is the channel's reading of the gate's reasons; the figures stay in the task's {@code exceptionReason}.
 */
@Component("reviewNotices")
public class ReviewNotices {

    static final String MARKS_ORDER_IN_REVIEW = "marksOrderInReview";
    /** The reviewer-routing.dmn type of the mail that an order was put on hold or rejected. */
    static final String ORDER_NOTICE = "order-notice";

    private final Orders orders;
    private final Notifications mail;
    private final TaskService tasks;
    private final ReviewTimers timers;
    private final StatusEvents statusEvents;
    private final ReviewRouting routing;

    ReviewNotices(Orders orders, Notifications mail, TaskService tasks, ReviewTimers timers, StatusEvents statusEvents,
                  ReviewRouting routing) {
        this.orders = orders;
        this.mail = mail;
        this.tasks = tasks;
        this.timers = timers;
        this.statusEvents = statusEvents;
        this.routing = routing;
    }

    /**
     * A review task was created: the reviewer group is told, and a gate's review shows the order IN_REVIEW. A peer's
     * refusal (which can come at any step, also after the goods left) and a sync's (no order) pass
     * {@code marksOrderInReview = false} and leave the order's status as it is.
     */
    public void opened(DelegateTask task) {
        DelegateExecution execution = task.getExecution();
        if (orderId(execution) != null && !Boolean.FALSE.equals(execution.getVariable(MARKS_ORDER_IN_REVIEW))) {
            orders.advance(orderId(execution), OrderStatus.IN_REVIEW, channelReason(execution));
        }
        mail.toGroup(group(execution), "review-created", model(execution));
    }

    public void remind(DelegateExecution execution) {
        mail.toGroup(group(execution), "review-reminder", model(execution));
    }

    /** The review is overdue: its supervisor group may take it from now on, and is told so. */
    public void escalate(DelegateExecution execution) {
        String supervisors = (String) execution.getVariable(GateDelegate.SUPERVISOR_GROUP);
        tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).active().list()
                .forEach(task -> tasks.addCandidateGroup(task.getId(), supervisors));
        mail.toGroup(supervisors, "review-escalated", model(execution));
    }

    /**
     * A reviewer put the order on hold (waiting for stock or payment): the region's customer service (who hears of
     * an {@code order-notice} in reviewer-routing.dmn) and the channel hear.
     */
    public void onHold(DelegateExecution execution) {
        statusEvents.publish(orderId(execution), "on_hold", channelReason(execution));
        mail.toGroup(routing.reviewers(execution, ORDER_NOTICE), "order-on-hold", model(execution));
    }

    public void rejected(DelegateExecution execution) {
        orders.advance(orderId(execution), OrderStatus.REJECTED, channelReason(execution));
        mail.toGroup(routing.reviewers(execution, ORDER_NOTICE), "order-rejected", model(execution));
    }

    private Map<String, Object> model(DelegateExecution execution) {
        Map<String, Object> model = new HashMap<>();
        model.put("businessKey", execution.getProcessBusinessKey());
        model.put("gate", execution.getVariable(GateDelegate.GATE));
        model.put("group", group(execution));
        model.put("supervisorGroup", execution.getVariable(GateDelegate.SUPERVISOR_GROUP));
        model.put("reason", channelReason(execution));
        model.put("decision", execution.getVariable("decision"));
        model.put("comment", execution.getVariable("decisionComment"));
        model.put("recheckAfter", timers.getRecheckAfter());
        model.put("tasklistUrl", timers.getTasklistUrl());
        return model;
    }

    private static String channelReason(DelegateExecution execution) {
        return ChannelReasons.of((String) execution.getVariable(GateDelegate.GATE),
                (String) execution.getVariable(GateDelegate.REASON));
    }

    private static String group(DelegateExecution execution) {
        return (String) execution.getVariable(GateDelegate.REVIEWER_GROUP);
    }

    private static String orderId(DelegateExecution execution) {
        return (String) execution.getVariable(OrderProcess.ORDER_ID);
    }
}
