package dev.ordergate.ops;

import feign.FeignException;
import java.util.Locale;
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
    private static final Pattern NAMED = Pattern.compile("peer '([\\w-]+)[@']", Pattern.CASE_INSENSITIVE);

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

    /** The peer whose failure an error is: the one its message names, else the one the activity is drawn against. */
    String failed(String processDefinitionId, String activityId, String message) {
        String named = named(message);
        return named.isEmpty() ? of(processDefinitionId, activityId) : named;
    }

    /** The peer a failure came from, by the Feign client that made the failing call; null when none did. */
    static String failedIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PeerUnavailableException unavailable) {
                return profile(unavailable.peer());
            }
            if (cause instanceof FeignException feign && feign.hasRequest()
                    && feign.request().requestTemplate() != null
                    && feign.request().requestTemplate().feignTarget() != null) {
                return profile(feign.request().requestTemplate().feignTarget().name());
            }
        }
        return null;
    }

    /** The peer an error message names ("Circuit breaker of peer 'odoo-json2' ..."), or an empty string. */
    static String named(String message) {
        Matcher matcher = message == null ? null : NAMED.matcher(message);
        return matcher != null && matcher.find() ? profile(matcher.group(1)) : "";
    }

    /**
     * Both Odoo clients ({@code odoo}, {@code odoo-json2}) are the one peer Odoo, as its retry profile says; a region's
     * own peer ({@code wms@wms.eu.example:443}) is the peer of its client's name.
     */
    private static String profile(String client) {
        String name = client.toLowerCase(Locale.ROOT).replaceFirst("@.*", "");
        return name.startsWith("odoo") ? "odoo" : name;
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
