package dev.ordergate.rules;

import dev.ordergate.compliance.RestrictionPolicy;
import dev.ordergate.credit.CreditPolicy;
import dev.ordergate.inventory.SubstitutionPolicy;
import dev.ordergate.pricing.PriceTolerances;
import dev.ordergate.region.CurrentRegion;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * The analysts' decision tables in {@code bpmn/*.dmn}, evaluated by the engine (latest deployed version), behind
 * the ports the gates speak to.
 */
@Component
public class DecisionTables implements PriceTolerances, CreditPolicy, SubstitutionPolicy, RestrictionPolicy {

    private final DecisionService decisions;

    DecisionTables(DecisionService decisions) {
        this.decisions = decisions;
    }

    @Override
    public Tolerance forLine(String customerSegment, String productCategory) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("customerSegment", customerSegment);
        inputs.put("productCategory", productCategory);
        inputs.put("region", CurrentRegion.id());
        var row = decisions.evaluateDecisionTableByKey("price-tolerance").variables(inputs).evaluate().getSingleResult();
        return new Tolerance(BigDecimal.valueOf(((Number) row.get("tolerancePercent")).doubleValue()),
                BigDecimal.valueOf(((Number) row.get("toleranceAbsolute")).doubleValue()));
    }

    @Override
    public Outcome decide(boolean blocked, boolean hasOverdue, double utilisation) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("blocked", blocked);
        inputs.put("hasOverdue", hasOverdue);
        inputs.put("utilisation", utilisation);
        inputs.put("region", CurrentRegion.id());
        String outcome = decisions.evaluateDecisionTableByKey("credit-policy").variables(inputs)
                .evaluate().getSingleResult().getSingleEntry();
        return Outcome.valueOf(outcome.toUpperCase());
    }

    @Override
    public Mode decide(Case line) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("allowSubstitutes", line.allowSubstitutes());
        inputs.put("channel", line.channel());
        inputs.put("customerRef", line.customerRef());
        inputs.put("customerSegment", line.customerSegment());
        inputs.put("productCategory", line.productCategory());
        String policy = decisions.evaluateDecisionTableByKey("substitution-policy").variables(inputs).evaluate()
                .getSingleResult().getSingleEntry();
        return Mode.of(policy);
    }

    /**
     * The gates an order passes after the five drawn ones, in the order of their rows (order-gates.dmn, every
     * matching row): each names a policy bean ({@code order.OrderGate}).
     */
    public List<String> furtherGates(String channel) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("channel", channel);
        inputs.put("region", CurrentRegion.id());
        return decisions.evaluateDecisionTableByKey("order-gates").variables(inputs).evaluate()
                .collectEntries("gate").stream().map(String.class::cast).toList();
    }

    @Override
    public Optional<String> restriction(String sku, String productCategory, String shipToCountry) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("sku", sku);
        inputs.put("productCategory", productCategory);
        inputs.put("shipToCountry", shipToCountry);
        var row = decisions.evaluateDecisionTableByKey("restricted-products").variables(inputs).evaluate()
                .getFirstResult();
        String reason = row == null ? "" : Objects.toString(row.getSingleEntry(), "");
        return reason.isBlank() ? Optional.empty() : Optional.of(reason);
    }

    /** Who reviews an exception of this type, and to whom it escalates. */
    public Routing route(String exceptionType) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("exceptionType", exceptionType);
        inputs.put("region", CurrentRegion.id());
        var row = decisions.evaluateDecisionTableByKey("reviewer-routing").variables(inputs).evaluate().getSingleResult();
        return new Routing((String) row.get("reviewerGroup"), (String) row.get("supervisorGroup"));
    }

    public record Routing(String reviewerGroup, String supervisorGroup) {
    }

    /** Whether one returned line may come back, and who approves it: {@code auto}, {@code customer-service} or {@code refuse}. */
    public ReturnVerdict returnEligibility(int daysSinceDelivery, String productCategory, BigDecimal lineAmount,
                                           String customerSegment) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("daysSinceDelivery", daysSinceDelivery);
        inputs.put("productCategory", productCategory);
        inputs.put("lineAmount", lineAmount.doubleValue());
        inputs.put("customerSegment", customerSegment);
        var row = decisions.evaluateDecisionTableByKey("return-eligibility").variables(inputs).evaluate()
                .getSingleResult();
        return new ReturnVerdict((String) row.get("approval"), (String) row.get("reason"));
    }

    public record ReturnVerdict(String approval, String reason) {
    }
}
