package dev.ordergate.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.springframework.stereotype.Component;

/**
 * Which peer an activity calls, read from the BPMN itself: every task that calls a peer carries that peer's retry
 * profile ({@code ${retries.odoo}}), so the analysts' model stays the one place that says it.
 */
@Component
class Peers {

    static final String NONE = "none";
    private static final Pattern PROFILE = Pattern.compile("retries\\.(\\w+)");

    private final RepositoryService repository;
    private final Map<String, String> known = new ConcurrentHashMap<>();

    Peers(RepositoryService repository) {
        this.repository = repository;
    }

    String of(String processDefinitionId, String activityId) {
        if (processDefinitionId == null || activityId == null) {
            return NONE;
        }
        return known.computeIfAbsent(processDefinitionId + "/" + activityId, key -> lookUp(processDefinitionId, activityId));
    }

    private String lookUp(String processDefinitionId, String activityId) {
        var element = repository.getBpmnModelInstance(processDefinitionId).getModelElementById(activityId);
        if (element instanceof BaseElement base && base.getExtensionElements() != null) {
            for (var cycle : base.getExtensionElements().getElementsQuery()
                    .filterByType(CamundaFailedJobRetryTimeCycle.class).list()) {
                Matcher matcher = PROFILE.matcher(cycle.getTextContent());
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
        }
        return NONE;
    }
}
