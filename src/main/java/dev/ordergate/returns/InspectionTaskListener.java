package dev.ordergate.returns;

import dev.ordergate.review.Decider;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The inspection task's listener ({@code ${inspectionTask}}): a new inspection starts blank; on complete the
 * findings are checked on the server (a form cannot send a condition or disposition we do not know, nor scrap
 * goods without saying why) and recorded on the return with who inspected it.
 */
@Component("inspectionTask")
class InspectionTaskListener implements TaskListener {

    static final String CONDITION = "goodsCondition";
    static final String DISPOSITION = "disposition";
    static final String NOTE = "inspectionNote";
    static final List<String> CONDITIONS = List.of("as-new", "opened", "damaged");
    static final List<String> DISPOSITIONS = List.of("restock", "scrap");

    private final OrderReturns returns;
    InspectionTaskListener(OrderReturns returns) {
        this.returns = returns;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.getExecution().removeVariable(CONDITION);
            task.getExecution().removeVariable(DISPOSITION);
            task.getExecution().removeVariable(NOTE);
            return;
        }
        check(task);
        returns.recordInspection((String) task.getVariable(ReturnIntake.RETURN_ID), (String) task.getVariable(CONDITION),
                (String) task.getVariable(DISPOSITION), (String) task.getVariable(NOTE), Decider.of(task));
    }

    /** The last guard for a Java API caller: the other paths are answered 400 before they get here. */
    private static void check(DelegateTask task) {
        Object condition = task.getVariable(CONDITION);
        Object disposition = task.getVariable(DISPOSITION);
        if (!CONDITIONS.contains(condition)) {
            throw new ProcessEngineException("goodsCondition must be one of " + CONDITIONS + ", was '" + condition + "'");
        }
        if (!DISPOSITIONS.contains(disposition)) {
            throw new ProcessEngineException("disposition must be one of " + DISPOSITIONS + ", was '" + disposition + "'");
        }
        var missing = InspectionRules.check(task.getVariables());
        if (!missing.isEmpty()) {
            throw new ProcessEngineException(missing.get(0).field() + " " + missing.get(0).message());
        }
    }

}
