package dev.ordergate.ops;

import dev.ordergate.order.OrderRecord;
import dev.ordergate.order.Orders;
import dev.ordergate.review.ReviewDecisions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;

/**
 * An order's whole story in one answer, so an operator can explain a stuck order without a database console:
 * milestones, review tasks and decisions, open and resolved incidents, every failed attempt with the peer's error,
 * and every step the process took.
 */
@Service
class OrderStories {

    record Story(Summary order, List<OrderRecord.Milestone> milestones, List<Task> tasks,
                 List<ReviewDecisions.Decision> reviews, List<Incidents.View> openIncidents,
                 List<PastIncident> incidentHistory, List<Failure> failures, List<Step> steps) {
    }

    record Summary(String id, String businessKey, String status, String statusReason, String salesOrderRef,
                   String invoiceRef, String processInstanceId, OffsetDateTime receivedAt) {
    }

    record Task(String id, String name, String assignee, Instant created, Instant ended, String deleteReason) {
    }

    record PastIncident(String id, String activityId, String peer, String error, Instant created, Instant ended,
                        String state) {
    }

    record Failure(String activityId, String peer, String error, Instant at, int retriesLeft) {
    }

    record Step(String activityId, String name, String type, Instant started, Instant ended, boolean canceled) {
    }

    private final Orders orders;
    private final ReviewDecisions decisions;
    private final HistoryService history;
    private final Incidents incidents;
    private final Peers peers;
    private final dev.ordergate.web.RegionAccess access;

    OrderStories(Orders orders, ReviewDecisions decisions, HistoryService history, Incidents incidents, Peers peers,
                 dev.ordergate.web.RegionAccess access) {
        this.access = access;
        this.orders = orders;
        this.decisions = decisions;
        this.history = history;
        this.incidents = incidents;
        this.peers = peers;
    }

    /** By our order id or by the business key ({@code channel:channelOrderRef}). */
    Story of(String idOrBusinessKey) {
        OrderRecord order = orders.find(idOrBusinessKey).or(() -> orders.findByBusinessKey(idOrBusinessKey))
                .orElseThrow(() -> new OpsNotFoundException("No order with id or business key " + idOrBusinessKey));
        if (!access.permits(order.region())) {
            throw new OpsForbiddenException("Order " + idOrBusinessKey + " is not of a region the caller operates");
        }
        String pi = order.processInstanceId();
        var summary = new Summary(order.id(), order.businessKey(), order.status().name(), order.statusReason(),
                order.salesOrderRef(), order.invoiceRef(), pi, order.createdAt());
        if (pi == null) {
            return new Story(summary, order.milestones(), List.of(), decisions.forOrder(order.id()), List.of(),
                    List.of(), List.of(), List.of());
        }
        // The reviews run in the processes the order called (exception-review, peer-refusal-review): its whole tree.
        var tasks = history.createHistoricTaskInstanceQuery().rootProcessInstanceId(pi)
                .orderByHistoricActivityInstanceStartTime().asc().list().stream()
                .map(t -> new Task(t.getId(), t.getName(), t.getAssignee(), instant(t.getStartTime()),
                        instant(t.getEndTime()), t.getDeleteReason()))
                .toList();
        // The order's parts run in called instances too (order-validation, order-delivery): every instance of its tree.
        List<String> tree = history.createHistoricProcessInstanceQuery().rootProcessInstanceId(pi).list().stream()
                .map(HistoricProcessInstance::getId).toList();
        var pastIncidents = tree.stream()
                .flatMap(id -> history.createHistoricIncidentQuery().processInstanceId(id).list().stream())
                // an incident in a called instance is repeated on each caller's call activity: told once, where it is
                .filter(i -> i.getId().equals(i.getRootCauseIncidentId()))
                .sorted(Comparator.comparing(HistoricIncident::getCreateTime))
                .map(i -> new PastIncident(i.getId(), i.getActivityId(),
                        peers.failed(i.getProcessDefinitionId(), i.getActivityId(), i.getIncidentMessage()),
                        i.getIncidentMessage(),
                        instant(i.getCreateTime()), instant(i.getEndTime()),
                        i.isOpen() ? "open" : i.isResolved() ? "resolved" : "deleted"))
                .toList();
        var failures = tree.stream()
                .flatMap(id -> history.createHistoricJobLogQuery().processInstanceId(id).failureLog().list().stream())
                .sorted(Comparator.comparing(HistoricJobLog::getTimestamp))
                .map(f -> new Failure(f.getActivityId(),
                        peers.failed(f.getProcessDefinitionId(), f.getActivityId(), f.getJobExceptionMessage()),
                        f.getJobExceptionMessage(), instant(f.getTimestamp()), f.getJobRetries()))
                .toList();
        var steps = tree.stream()
                .flatMap(id -> history.createHistoricActivityInstanceQuery().processInstanceId(id)
                        .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list()
                        .stream())
                .sorted(Comparator.comparing(HistoricActivityInstance::getStartTime))
                .map(a -> new Step(a.getActivityId(), a.getActivityName(), a.getActivityType(),
                        instant(a.getStartTime()), instant(a.getEndTime()), a.isCanceled()))
                .toList();
        return new Story(summary, order.milestones(), tasks, decisions.forOrder(order.id()),
                incidents.forProcessInstance(pi), pastIncidents, failures, steps);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
