package dev.ordergate.ops;

import dev.ordergate.sync.OrdersWaiting;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Orders wait when a job of an order (priority {@link JobPriorities#BULK_BELOW} or above) is due: one count of the
 * engine's job table, asked by a sync step before it starts.
 */
@Component
class JobBacklog implements OrdersWaiting {

    /** Looked up when asked: the engine is built with this package's plugins. */
    private final ObjectProvider<ManagementService> management;

    JobBacklog(ObjectProvider<ManagementService> management) {
        this.management = management;
    }

    @Override
    public boolean now() {
        return management.getObject().createJobQuery().executable().active()
                .priorityHigherThanOrEquals(JobPriorities.BULK_BELOW).count() > 0;
    }
}
