package dev.ordergate.ops;

import dev.ordergate.odoo.OdooCallLanes;
import dev.ordergate.odoo.OdooLane;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * The lane of an Odoo call from the job that makes it: a job of a sync (priority below {@link JobPriorities#BULK_BELOW})
 * calls in the bulk lane, an order's job and everything outside a job (API requests, reviewers) in the orders' lane.
 * The priority comes from the process model, so the job executor and Odoo's call budget agree on what comes first.
 */
@Component
class JobLanes implements OdooCallLanes {

    @Override
    public OdooLane current() {
        CommandContext command = Context.getCommandContext();
        JobEntity job = command == null ? null : command.getCurrentJob();
        return job != null && JobPriorities.bulk(job.getPriority()) ? OdooLane.BULK : OdooLane.ORDERS;
    }
}
