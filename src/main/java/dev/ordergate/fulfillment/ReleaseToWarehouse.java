package dev.ordergate.fulfillment;

import dev.ordergate.order.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Hands the warehouse what can ship now: of each stocked product, what the ERP has reserved for the order and is
 * neither shipped nor at the warehouse already (so the same step serves the first release, a backorder's release
 * once stock is back, and a reshipment). Unstocked lines go with the first release. Nothing to hand over is fine:
 * the process then finds the order backordered.
 */
@Component("releaseToWarehouse")
class ReleaseToWarehouse implements JavaDelegate {

    private final WarehouseReleases releases;

    ReleaseToWarehouse(WarehouseReleases releases) {
        this.releases = releases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        releases.release((String) execution.getVariable(OrderProcess.ORDER_ID));
    }
}
