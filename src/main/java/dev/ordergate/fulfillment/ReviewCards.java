package dev.ordergate.fulfillment;

import dev.ordergate.order.OrderRecord;
import dev.ordergate.order.Orders;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What a reviewer sees of a task before opening it. Every user task about an order is named with the order's
 * reference and customer ("Review price mismatch · b2b-portal:PO-1 · Acme (C-10042)") and carries, as task-local
 * variables, the columns the shipped Tasklist filters show ({@link TasklistFilters}); a task without its own due date
 * is due when it escalates. Added to every user task by a parse listener, so no diagram has to name it.
 */
@Component
class ReviewCards extends AbstractProcessEnginePlugin implements TaskListener {

    static final String ORDER = "reviewOrder";
    static final String CUSTOMER = "reviewCustomer";
    static final String AMOUNT = "reviewAmount";
    private static final int NAME_LENGTH = 255;

    private final ObjectProvider<Orders> orders;
    private final ReviewTimers timers;

    ReviewCards(ObjectProvider<Orders> orders, ReviewTimers timers) {
        this.orders = orders;
        this.timers = timers;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = new ArrayList<>();
        if (configuration.getCustomPreBPMNParseListeners() != null) {
            listeners.addAll(configuration.getCustomPreBPMNParseListeners());
        }
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                        .addTaskListener(EVENTNAME_CREATE, ReviewCards.this);
            }
        });
        configuration.setCustomPreBPMNParseListeners(listeners);
    }

    @Override
    public void notify(DelegateTask task) {
        if (task.getDueDate() == null) {
            task.setDueDate(Date.from(task.getCreateTime().toInstant().plus(Duration.parse(timers.getEscalateAfter()))));
        }
        Object orderId = task.getVariable("orderId");
        if (!(orderId instanceof String id)) {
            return;
        }
        orders.getObject().find(id).ifPresent(record -> label(task, record));
    }

    private static void label(DelegateTask task, OrderRecord record) {
        var order = record.order();
        String customer = order.shipTo().name() + " (" + order.customerRef() + ")";
        task.setVariableLocal(ORDER, record.businessKey());
        task.setVariableLocal(CUSTOMER, customer);
        task.setVariableLocal(AMOUNT, order.submittedTotal().setScale(2, RoundingMode.HALF_UP).toPlainString() + " "
                + order.currency());
        String name = task.getName() + " · " + record.businessKey() + " · " + customer;
        task.setName(name.length() <= NAME_LENGTH ? name : name.substring(0, NAME_LENGTH - 1) + "…");
    }
}
