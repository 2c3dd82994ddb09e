package dev.ordergate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** How start-up groups the analysts' files into deployments (plain JUnit: no engine). */
class ShippedModelsTest {

    @Test
    void eachDiagramGoesWithTheFormsItLinksAndEverythingElseAlone() {
        Map<String, byte[]> files = new TreeMap<>(Map.of(
                "b-orders.bpmn", bytes("<userTask camunda:formRef=\"review\"/><userTask camunda:formRef=\"shared\"/>"),
                "a-returns.bpmn", bytes("<userTask camunda:formRef=\"shared\"/><userTask camunda:formRef=\"${form}\"/>"),
                "review.form", bytes("{}"), "shared.form", bytes("{}"), "unlinked.form", bytes("{}"),
                "policy.dmn", bytes("<definitions/>")));

        List<ShippedModels.Group> groups = ShippedModels.groups(files);

        assertThat(groups).extracting(ShippedModels.Group::name)
                .containsExactly("a-returns", "b-orders", "policy", "unlinked");
        assertThat(groups.get(0).files().keySet()).as("a shared form goes with the first diagram by name")
                .containsExactly("a-returns.bpmn", "shared.form");
        assertThat(groups.get(1).files().keySet()).containsExactly("b-orders.bpmn", "review.form");
        assertThat(groups.get(3).files().keySet()).containsExactly("unlinked.form");
    }

    @Test
    void theShippedDiagramsAreDeployedUnderTheNamesModelerGivesThem() {
        assertThat(ShippedModels.baseName("order-fulfillment.bpmn")).isEqualTo("order-fulfillment");
        assertThat(ShippedModels.baseName("credit-policy.dmn")).isEqualTo("credit-policy");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
