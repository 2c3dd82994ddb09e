package dev.ordergate.fulfillment;

import dev.ordergate.warehouse.Warehouse;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Withdraw warehouse releases (if any)", a step of the order's cancellations: the WMS takes back every release our
 * shipping ledger records for the order (and their reservations with them); nothing is called when nothing was
 * released. An explicit step rather than the compensation of "Release to warehouse", because the release may have run
 * in a called instance that the cancellation has already ended. Withdrawing a release twice is harmless.
 */
@Component("withdrawRelease")
class WithdrawRelease implements JavaDelegate {

    private final Warehouse warehouse;
    private final ShippingLedger ledger;

    WithdrawRelease(Warehouse warehouse, ShippingLedger ledger) {
        this.warehouse = warehouse;
        this.ledger = ledger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ledger.releaseIds(execution.getProcessBusinessKey()).forEach(warehouse::withdraw);
    }
}
