package dev.ordergate.deploy;

import java.util.List;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;

/**
 * What one of our checks finds wrong in a model before it is stored, reported the way the engine reports its own
 * parse errors, so the deploy API answers it as any refused model (422 {@code invalid-model}, each message listed).
 */
public record ModelProblem(String message) implements Problem {

    /** The refusal of one resource for these problems, to be thrown from a pre-deployer. */
    public static ParseException refusal(String resourceName, List<String> problems) {
        return new ParseException("ENGINE-09005 Could not parse " + resourceName + ". Errors: "
                + String.join("; ", problems), resourceName, problems.stream().<Problem>map(ModelProblem::new).toList(),
                List.of());
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public int getLine() {
        return 0;
    }

    @Override
    public int getColumn() {
        return 0;
    }

    @Override
    public String getMainElementId() {
        return "";
    }

    @Override
    public List<String> getElementIds() {
        return List.of();
    }
}
