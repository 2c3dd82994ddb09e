package dev.ordergate.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;

/** The forms in forms/ and the user tasks in bpmn/ that use them. */
public final class Forms {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A form field bound to a variable: read-only fields show what the process set, the others are the reviewer's input. */
    record Field(String key, boolean readOnly) {
    }

    record Form(Path file, String id, List<Field> fields) {
    }

    /** A user task with its form reference as Modeler writes it (formRef, or formKey), or a call of exception-review with
     * the form it asks for (its reviewForm in-mapping). */
    record FormUse(Path model, String processId, String taskId, String taskName, String reference) {
    }

    private Forms() {
    }

    static Map<String, Form> byId() {
        Map<String, Form> forms = new LinkedHashMap<>();
        for (Path file : AnalystFiles.forms()) {
            JsonNode root = read(file);
            List<Field> fields = new ArrayList<>();
            collect(root, fields);
            forms.put(root.path("id").asText(), new Form(file, root.path("id").asText(), fields));
        }
        return forms;
    }

    static List<FormUse> uses() {
        List<FormUse> uses = new ArrayList<>();
        for (Path model : AnalystFiles.processModels()) {
            BpmnModelInstance instance = Bpmn.readModelFromFile(model.toFile());
            for (UserTask task : instance.getModelElementsByType(UserTask.class)) {
                String reference = Optional.ofNullable(task.getCamundaFormRef()).orElse(task.getCamundaFormKey());
                if (reference != null && reference.contains("${")) {
                    // exception-review's one task: each caller names its form, below.
                    continue;
                }
                String processId = task.getScope() == null ? "?" : processOf(task);
                uses.add(new FormUse(model, processId, task.getId(), task.getName(), reference));
            }
            for (CallActivity call : instance.getModelElementsByType(CallActivity.class)) {
                if (!"exception-review".equals(call.getCalledElement()) || call.getExtensionElements() == null) {
                    continue;
                }
                List<String> formsAsked = choices(inMapping(call, "reviewForm"));
                List<String> kinds = choices(inMapping(call, "reviewKind"));
                for (int i = 0; i < formsAsked.size(); i++) {
                    String kind = kinds.size() == formsAsked.size() ? kinds.get(i) : call.getId();
                    uses.add(new FormUse(model, processOf(call), kind, call.getName(), formsAsked.get(i)));
                }
            }
        }
        return uses;
    }

    private static String inMapping(CallActivity call, String target) {
        return call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list().stream()
                .filter(in -> target.equals(in.getCamundaTarget())).map(CamundaIn::getCamundaSourceExpression)
                .findFirst().orElse(null);
    }

    /**
     * The values an in-mapping can take: a literal is one; a choice such as
     * {@code ${exceptionGate == 'refusal-no-cancel' ? 'resolve-peer-refusal-no-cancel' : 'resolve-peer-refusal'}} is
     * each quoted value after the condition, in order.
     */
    public static List<String> choices(String expression) {
        if (expression == null) {
            return List.of();
        }
        if (!expression.contains("${")) {
            return List.of(expression);
        }
        String afterCondition = expression.substring(Math.max(0, expression.indexOf('?')));
        List<String> values = new ArrayList<>();
        Matcher quoted = Pattern.compile("'([^']*)'").matcher(afterCondition);
        while (quoted.find()) {
            values.add(quoted.group(1));
        }
        return values;
    }

    /** The form id a reference points at: a formRef is the id; a formKey camunda-forms:deployment:x.form names the file. */
    static Optional<String> formId(String reference, Map<String, Form> forms) {
        if (reference == null) {
            return Optional.empty();
        }
        String prefix = "camunda-forms:deployment:";
        if (reference.startsWith(prefix)) {
            String fileName = reference.substring(prefix.length());
            return forms.values().stream().filter(f -> f.file().getFileName().toString().equals(fileName)).map(Form::id).findFirst();
        }
        return forms.containsKey(reference) ? Optional.of(reference) : Optional.empty();
    }

    private static String processOf(org.camunda.bpm.model.xml.instance.ModelElementInstance task) {
        org.camunda.bpm.model.xml.instance.ModelElementInstance e = task;
        while (e != null && !(e instanceof org.camunda.bpm.model.bpmn.instance.Process)) {
            e = e.getParentElement();
        }
        return e == null ? "?" : ((org.camunda.bpm.model.bpmn.instance.Process) e).getId();
    }

    private static void collect(JsonNode node, List<Field> fields) {
        for (JsonNode component : node.path("components")) {
            if (component.hasNonNull("key")) {
                boolean readOnly = component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false);
                fields.add(new Field(component.get("key").asText(), readOnly));
            }
            collect(component, fields);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not readable JSON", e);
        }
    }
}
