package dev.ordergate.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.analysis.Forms;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;

/**
 * Every review form offers exactly the decisions its process routes on, and an exception review's form offers
 * exactly what the server accepts for its exception ({@link ReviewOption}): an option with no route, or a route no
 * form offers, is found here and not by a reviewer.
 */
class ReviewFormsMatchTheirRoutesTest {

    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    private static final Pattern EQUALS = Pattern.compile("\\$\\{\\s*(\\w+)\\s*==\\s*'([^']*)'\\s*}");

    @Test
    void everyFormsOptionsAreTheRoutesOfTheGatewayAfterItsTaskAndTheOptionsTheServerAccepts() throws Exception {
        List<String> checked = new ArrayList<>();
        // A call that chooses its form by a condition: each form offers some of the routes, all of them together.
        Map<String, Set<String>> offeredByChoices = new LinkedHashMap<>();
        Map<String, Set<String>> routedAfterChoices = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
                BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
                for (ReviewSite site : reviewSites(model)) {
                    FlowNode task = site.node();
                    String formRef = site.formRef();
                    ReviewForm form = ReviewForm.of(new ObjectMapper().readTree(new File("forms/" + formRef + ".form")));
                    for (ReviewForm.Field field : form.inputs()) {
                        if (field.values().isEmpty()) {
                            continue;
                        }
                        Set<String> offered = new LinkedHashSet<>(field.values().stream().map(ReviewForm.Choice::value).toList());
                        Routes routes = routesAfter(task, field.key());
                        if (!routes.values().isEmpty() && site.oneOfAChoice()) {
                            String key = file + " " + task.getId() + "." + field.key();
                            offeredByChoices.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(offered);
                            routedAfterChoices.put(key, routes.values());
                            assertThat(routes.values()).as(key + ": every option of the form " + formRef
                                    + " has a route").containsAll(offered);
                            checked.add(task.getId() + "." + field.key());
                        } else if (!routes.values().isEmpty()) {
                            assertThat(offered).as(file + " " + task.getId() + ": the form's " + field.key()
                                    + " options and the routes after it").containsAll(routes.values());
                            if (routes.complete()) {
                                assertThat(routes.values()).as(file + " " + task.getId() + ": every option of "
                                        + field.key() + " has a route").containsAll(offered);
                            }
                            checked.add(task.getId() + "." + field.key());
                        }
                        if (field.key().equals("decision") && site.decidedByReviewListener()) {
                            assertThat(anyGateOffering(offered)).as(file + " " + task.getId()
                                    + ": the server accepts exactly the form's decisions " + offered).isTrue();
                        }
                    }
                }
            }
        }
        routedAfterChoices.forEach((key, routes) -> assertThat(offeredByChoices.get(key))
                .as(key + ": the forms it chooses from offer every route after it").containsAll(routes));
        assertThat(checked).as("the reviews checked").contains("reviewShortfall.decision",
                "approveSubstitution.decision", "resolveRefusal.decision");
    }

    record Routes(Set<String> values, boolean complete) {
    }

    /**
     * Where a form is shown and decided: a user task with its own form, or a call of exception-review naming one, or
     * one of the forms a call chooses by a condition ({@code ${exceptionGate == 'x' ? 'form-a' : 'form-b'}}).
     */
    record ReviewSite(FlowNode node, String formRef, boolean decidedByReviewListener, boolean oneOfAChoice) {
    }

    private static List<ReviewSite> reviewSites(BpmnModelInstance model) {
        List<ReviewSite> sites = new ArrayList<>();
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            String formRef = task.getAttributeValueNs(CAMUNDA, "formRef");
            if (formRef != null && !formRef.contains("${")) {
                sites.add(new ReviewSite(task, formRef, decidedByReviewListener(task), false));
            }
        }
        for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
            if (!"exception-review".equals(call.getCalledElement()) || call.getExtensionElements() == null) {
                continue;
            }
            call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list().stream()
                    .filter(in -> "reviewForm".equals(in.getCamundaTarget()))
                    .map(CamundaIn::getCamundaSourceExpression)
                    .forEach(reference -> Forms.choices(reference).forEach(form ->
                            sites.add(new ReviewSite(call, form, true, reference.contains("${")))));
        }
        return sites;
    }

    /** The literal values {@code key} is compared with on the gateway that follows the task (through gateways). */
    private static Routes routesAfter(FlowNode task, String key) {
        Set<String> values = new LinkedHashSet<>();
        boolean complete = true;
        List<FlowNode> next = task.getOutgoing().stream().map(SequenceFlow::getTarget).toList();
        for (FlowNode node : next) {
            if (!(node instanceof ExclusiveGateway gateway)) {
                continue;
            }
            if (gateway.getDefault() != null) {
                complete = false;
            }
            for (SequenceFlow flow : gateway.getOutgoing()) {
                String condition = flow.getConditionExpression() == null ? "" : flow.getConditionExpression().getTextContent();
                Matcher matcher = EQUALS.matcher(condition.trim());
                if (matcher.matches() && matcher.group(1).equals(key)) {
                    values.add(matcher.group(2));
                } else {
                    complete = false;
                }
            }
        }
        return new Routes(values, complete && !values.isEmpty());
    }

    private static boolean decidedByReviewListener(UserTask task) {
        return task.getExtensionElements() != null && task.getExtensionElements().getElementsQuery()
                .filterByType(CamundaTaskListener.class).list().stream()
                .anyMatch(l -> "${reviewTask}".equals(l.getCamundaDelegateExpression()));
    }

    private static boolean anyGateOffering(Set<String> offered) {
        return Stream.of("master-data", "pricing", "credit", "tax", "availability", "substitution", "return", "refusal",
                        "refusal-no-cancel", "restricted-products")
                .anyMatch(gate -> new LinkedHashSet<>(ReviewOption.forGate(gate).stream().map(ReviewOption::value).toList())
                        .equals(offered));
    }
}
