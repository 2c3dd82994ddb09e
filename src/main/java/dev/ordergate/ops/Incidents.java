package dev.ordergate.ops;

import dev.ordergate.order.OrderProcess;
import dev.ordergate.region.Regions;
import dev.ordergate.web.RegionAccess;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.stereotype.Service;

/**
 * Technical failures whose retries are spent, told in business terms (which order, which step, which peer, what
 * the peer said), and their replay: setting the job's retries again hands it back to the job executor.
 */
@Service
class Incidents {

    static final String FAILED_JOB = "failedJob";

    /**
     * An incident as an operator reads it; {@code error} is the peer's error as the adapter reported it,
     * {@code region} the region of the order (or run) whose process it stopped.
     */
    record View(String id, String type, String businessKey, String orderId, String processInstanceId,
                String activityId, String peer, String jobId, String error, Instant since, String region) {
    }

    /** Which incidents: every criterion that is given must match; none given means all. */
    record Filter(String peer, String activityId, OffsetDateTime from, OffsetDateTime to) {

        boolean isEmpty() {
            return peer == null && activityId == null && from == null && to == null;
        }
    }

    private final RuntimeService runtime;
    private final ManagementService management;
    private final Peers peers;
    private final RegionAccess access;

    Incidents(RuntimeService runtime, ManagementService management, Peers peers, RegionAccess access) {
        this.runtime = runtime;
        this.management = management;
        this.peers = peers;
        this.access = access;
    }

    List<View> list(Filter filter) {
        var query = runtime.createIncidentQuery();
        if (filter.activityId() != null) {
            query.activityId(filter.activityId());
        }
        if (filter.from() != null) {
            query.incidentTimestampAfter(Date.from(filter.from().toInstant()));
        }
        if (filter.to() != null) {
            query.incidentTimestampBefore(Date.from(filter.to().toInstant()));
        }
        List<Incident> incidents = query.orderByIncidentTimestamp().asc().list().stream()
                .filter(Incidents::rootCause)
                .filter(i -> filter.peer() == null || filter.peer().equals(peerOf(i)))
                .toList();
        // A regional operator lists (and so replays in bulk) only the incidents of their regions.
        return views(incidents).stream().filter(v -> access.permits(v.region())).toList();
    }

    /** The open incidents of an order's process instance and of the instances it called (its validation, delivery). */
    List<View> forProcessInstance(String processInstanceId) {
        return views(runtime.createProcessInstanceQuery().rootProcessInstanceId(processInstanceId).list().stream()
                .flatMap(p -> runtime.createIncidentQuery().processInstanceId(p.getId()).list().stream())
                .filter(Incidents::rootCause)
                .sorted(Comparator.comparing(Incident::getIncidentTimestamp))
                .toList());
    }

    /**
     * An incident where it happened, not its copy: the engine repeats an incident of a called instance on each
     * caller's call activity (same cause), and an operator retries the job where it failed.
     */
    private static boolean rootCause(Incident incident) {
        return incident.getId().equals(incident.getRootCauseIncidentId());
    }

    View retry(String incidentId, int retries) {
        Incident incident = runtime.createIncidentQuery().incidentId(incidentId).singleResult();
        if (incident == null) {
            throw new OpsNotFoundException("No open incident with id " + incidentId);
        }
        // Another region's incident is refused before anything about it is told (its type, say).
        View view = views(List.of(incident)).get(0);
        if (!access.permits(view.region())) {
            throw new OpsForbiddenException("Incident " + incidentId + " is not of a region the caller operates");
        }
        if (!FAILED_JOB.equals(incident.getIncidentType())) {
            throw new NotRetryableException("Incident " + incidentId + " is of type " + incident.getIncidentType()
                    + "; only failed jobs can be retried");
        }
        management.setJobRetries(incident.getConfiguration(), retries);
        return view;
    }

    /** Retries every failed job the filter matches, in one transaction. */
    List<View> retryAll(Filter filter, int retries) {
        List<View> matching = list(filter).stream().filter(v -> FAILED_JOB.equals(v.type()) && v.jobId() != null)
                .toList();
        if (!matching.isEmpty()) {
            management.setJobRetries(matching.stream().map(View::jobId).toList(), retries);
        }
        return matching;
    }

    private String peerOf(Incident incident) {
        return peers.failed(incident.getProcessDefinitionId(), incident.getActivityId(), incident.getIncidentMessage());
    }

    private List<View> views(List<Incident> incidents) {
        if (incidents.isEmpty()) {
            return List.of();
        }
        String[] instanceIds = incidents.stream().map(Incident::getProcessInstanceId)
                .filter(java.util.Objects::nonNull).distinct().toArray(String[]::new);
        Map<String, String> businessKeys = instanceIds.length == 0 ? Map.of()
                : runtime.createProcessInstanceQuery().processInstanceIds(Set.of(instanceIds)).list().stream()
                .filter(p -> p.getBusinessKey() != null)
                .collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey));
        Map<String, Object> orderIds = instanceIds.length == 0 ? Map.of()
                : runtime.createVariableInstanceQuery().processInstanceIdIn(instanceIds)
                .variableName(OrderProcess.ORDER_ID).list().stream()
                .collect(Collectors.toMap(VariableInstance::getProcessInstanceId, VariableInstance::getValue,
                        (a, b) -> a));
        Map<String, Object> regions = instanceIds.length == 0 ? Map.of()
                : runtime.createVariableInstanceQuery().processInstanceIdIn(instanceIds)
                .variableName(Regions.VARIABLE).list().stream().filter(v -> v.getValue() != null)
                .collect(Collectors.toMap(VariableInstance::getProcessInstanceId, VariableInstance::getValue,
                        (a, b) -> a));
        return incidents.stream().map(i -> new View(i.getId(), i.getIncidentType(),
                businessKeys.get(i.getProcessInstanceId()), (String) orderIds.get(i.getProcessInstanceId()),
                i.getProcessInstanceId(), i.getActivityId(), peerOf(i),
                FAILED_JOB.equals(i.getIncidentType()) ? i.getConfiguration() : null, i.getIncidentMessage(),
                i.getIncidentTimestamp().toInstant(), (String) regions.get(i.getProcessInstanceId()))).toList();
    }
}
