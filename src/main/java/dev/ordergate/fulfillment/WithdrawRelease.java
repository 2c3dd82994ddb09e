package dev.ordergate.fulfillment;

import dev.ordergate.warehouse.Warehouse;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The compensation of "Release to warehouse": the WMS takes the release back (and its reservations with it). */
@Component("withdrawRelease")
class WithdrawRelease implements JavaDelegate {

    private final Warehouse warehouse;

    WithdrawRelease(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public void execute(DelegateExecution execution) {
        warehouse.withdraw(execution.getProcessBusinessKey());
    }
}
