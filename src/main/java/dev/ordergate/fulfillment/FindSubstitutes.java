package dev.ordergate.fulfillment;

import dev.ordergate.inventory.SubstitutionPolicy.Mode;
import dev.ordergate.inventory.Substitutions.Proposal;
import dev.ordergate.inventory.Substitutions;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import dev.ordergate.order.OrderProcess;
import dev.ordergate.order.Orders;
import dev.ordergate.order.Texts;
import dev.ordergate.pricing.PriceAuthority;
import dev.ordergate.rules.DecisionTables;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Find substitutes" in the BPMN ({@code ${findSubstitutes}}): for the short lines, the substitutes in stock and what
 * substitution-policy.dmn says, as {@code substitutionPolicy} = automatic | approval | not-allowed | none (no
 * substitute in stock). For an approval, the proposal as the reviewer reads it and who reviews it.
 */
@Component("findSubstitutes")
class FindSubstitutes implements JavaDelegate {

    static final String POLICY = "substitutionPolicy";
    static final String PROPOSAL = "substitutionProposal";
    static final String REVIEWER_GROUP = "substitutionReviewerGroup";
    static final String SUPERVISOR_GROUP = "substitutionSupervisorGroup";

    private static final int MAX_VARIABLE_TEXT = 3900;

    private final Orders orders;
    private final Substitutions substitutions;
    private final PriceAuthority prices;
    private final DecisionTables tables;

    FindSubstitutes(Orders orders, Substitutions substitutions, PriceAuthority prices, DecisionTables tables) {
        this.orders = orders;
        this.substitutions = substitutions;
        this.prices = prices;
        this.tables = tables;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.ORDER_ID);
        Order order = orders.get(orderId).order();
        List<Proposal> proposals = substitutions.propose(orderId, order);
        substitutions.keep(orderId, proposals);
        String outcome = outcome(proposals);
        execution.setVariable(POLICY, outcome);
        if (Mode.APPROVAL.value().equals(outcome)) {
            execution.setVariable(PROPOSAL, Texts.clip(describe(order, allowed(proposals)), MAX_VARIABLE_TEXT));
            var routing = tables.route("substitution");
            execution.setVariable(REVIEWER_GROUP, routing.reviewerGroup());
            execution.setVariable(SUPERVISOR_GROUP, routing.supervisorGroup());
        }
    }

    /**
     * What the process does with the short lines: {@code none} without a substitute in stock, not-allowed when the
     * policy allows none, approval when any allowed one needs it, else automatic.
     */
    static String outcome(List<Proposal> proposals) {
        List<Proposal> allowed = allowed(proposals);
        return proposals.isEmpty() ? "none"
                : allowed.isEmpty() ? Mode.NOT_ALLOWED.value()
                : allowed.stream().anyMatch(p -> p.mode() == Mode.APPROVAL) ? Mode.APPROVAL.value()
                : Mode.AUTOMATIC.value();
    }

    private static List<Proposal> allowed(List<Proposal> proposals) {
        return proposals.stream().filter(p -> p.mode() != Mode.NOT_ALLOWED).toList();
    }

    /** One line per proposal: what was ordered and is short, the substitute and its stock, the price charged and its own. */
    private String describe(Order order, List<Proposal> proposals) {
        List<OrderLine> asSubstituted = proposals.stream().map(p -> new OrderLine(p.lineRef(), p.substituteSku(),
                p.quantity(), p.uom(), p.unitPrice())).toList();
        Map<String, BigDecimal> own = prices.unitPrices(order.withLines(asSubstituted));
        return proposals.stream().map(p -> "Line %s: %s %s %s %s (%s available) -> %s %s (%s available); charged at the agreed %s %s per unit (%s's own price: %s)%s"
                        .formatted(p.lineRef(), quantity(p.quantity()), p.uom(), p.originalSku(), p.originalName(),
                                quantity(p.originalAvailable().max(BigDecimal.ZERO)), p.substituteSku(), p.substituteName(),
                                quantity(p.substituteAvailable()), money(p.unitPrice()), order.currency(), p.substituteSku(),
                                own.containsKey(p.lineRef()) ? money(own.get(p.lineRef())) + " " + order.currency() : "unknown",
                                p.mode() == Mode.AUTOMATIC ? " [automatic under the policy]" : ""))
                .collect(Collectors.joining("\n"));
    }

    private static String quantity(BigDecimal n) {
        return n.stripTrailingZeros().toPlainString();
    }

    private static String money(BigDecimal n) {
        return n.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
