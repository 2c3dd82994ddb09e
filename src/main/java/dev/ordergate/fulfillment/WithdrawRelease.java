package dev.ordergate.fulfillment;

import dev.ordergate.warehouse.Warehouse;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The compensation of "Release to warehouse": the WMS takes the order's releases back (and their reservations with
 * them). Withdrawing a release twice is harmless, so each compensated release may withdraw them all.
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
