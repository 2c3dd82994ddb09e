package dev.ordergate.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Camunda form (forms/*.form) asks of a reviewer: its input fields, which are required, which values each
 * allows and how long a text may be. Read from the deployed form, so the server checks exactly what the reviewer saw.
 */
public record ReviewForm(String id, List<Field> fields) {

    /** An input of the form; {@code readonly} fields only show facts and are never the reviewer's to set. */
    public record Field(String key, String label, String type, boolean required, boolean readonly,
                        List<Choice> values, Integer maxLength) {
    }

    public record Choice(String value, String label) {
    }

    static ReviewForm of(JsonNode form) {
        List<Field> fields = new ArrayList<>();
        collect(form.path("components"), fields);
        return new ReviewForm(form.path("id").asText(null), List.copyOf(fields));
    }

    /** The reviewer's inputs: the fields that are not read-only. */
    public List<Field> inputs() {
        return fields.stream().filter(f -> !f.readonly()).toList();
    }

    private static void collect(JsonNode components, List<Field> fields) {
        for (JsonNode c : components) {
            if (c.hasNonNull("key")) {
                List<Choice> values = new ArrayList<>();
                c.path("values").forEach(v -> values.add(new Choice(v.path("value").asText(), v.path("label").asText())));
                JsonNode validate = c.path("validate");
                fields.add(new Field(c.get("key").asText(), c.path("label").asText(null), c.path("type").asText(),
                        validate.path("required").asBoolean(false),
                        c.path("readonly").asBoolean(false) || c.path("disabled").asBoolean(false), List.copyOf(values),
                        validate.hasNonNull("maxLength") ? validate.get("maxLength").asInt() : null));
            }
            collect(c.path("components"), fields);
        }
    }
}
