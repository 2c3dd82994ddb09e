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
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;

/** The forms in forms/ and the user tasks in bpmn/ that use them. */
final class Forms {

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
                call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list().stream()
                        .filter(in -> "reviewForm".equals(in.getCamundaTarget()))
                        .forEach(in -> uses.add(new FormUse(model, processOf(call), call.getId(), call.getName(),
                                in.getCamundaSourceExpression())));
            }
        }
        return uses;
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
