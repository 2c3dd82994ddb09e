package dev.ordergate.returns;

import dev.ordergate.notify.StatusEvents;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The return's steps that touch only our own store ({@code ${returnSteps...}} in the BPMN), run in the transaction
 * of the step before them.
 */
@Component("returnSteps")
public class ReturnSteps {

    private final OrderReturns returns;
    private final StatusEvents statusEvents;

    ReturnSteps(OrderReturns returns, StatusEvents statusEvents) {
        this.returns = returns;
        this.statusEvents = statusEvents;
    }

    /**
     * Refused by the eligibility table or by customer service: nothing was opened anywhere, the quantities may be
     * returned again, and the channel hears why.
     */
    public void refuse(DelegateExecution execution) {
        ReturnRecord ret = returns.get((String) execution.getVariable(ReturnIntake.RETURN_ID));
        Object comment = execution.getVariable("decisionComment");
        String why = "reject".equals(execution.getVariable("decision")) && comment != null
                ? "Customer service: " + comment : (String) execution.getVariable("eligibilityReason");
        returns.advance(ret.id(), ReturnStatus.REFUSED, why);
        statusEvents.publish(ret.orderId(), "return_refused", "Return %s refused: %s".formatted(ret.returnRef(), why));
    }

    /**
     * A peer refused a step before anything was opened for the return, and the reviewer cancelled it: like a refusal,
     * the quantities may be returned again and the channel hears the reviewer's reason.
     */
    public void cancelAfterRefusal(DelegateExecution execution) {
        ReturnRecord ret = returns.get((String) execution.getVariable(ReturnIntake.RETURN_ID));
        String why = "Cancelled after %s refused '%s': %s".formatted(execution.getVariable("refusalPeer"),
                execution.getVariable("refusalStepName"), execution.getVariable("refusalComment"));
        returns.advance(ret.id(), ReturnStatus.REFUSED, why);
        statusEvents.publish(ret.orderId(), "return_refused", "Return %s refused: %s".formatted(ret.returnRef(), why));
    }

    /** "2 x FURN_0269, 1 x E-COM07". */
    static String describe(ReturnRecord ret) {
        return quantities(ret).entrySet().stream()
                .map(e -> e.getValue().toPlainString() + " x " + e.getKey()).collect(Collectors.joining(", "));
    }

    /** The return's quantities by SKU, for the ports. */
    static Map<String, BigDecimal> quantities(ReturnRecord ret) {
        Map<String, BigDecimal> bySku = new LinkedHashMap<>();
        ret.lines().forEach(l -> bySku.merge(l.sku(), l.quantity(), BigDecimal::add));
        bySku.replaceAll((sku, quantity) -> OrderReturns.plain(quantity));
        return bySku;
    }
}
