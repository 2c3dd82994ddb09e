package dev.ordergate.rules;

import dev.ordergate.region.CurrentRegion;
import dev.ordergate.region.Regions;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Who reviews a task a diagram draws itself (a shipment problem, a return, a master-data conflict, rejected price
 * rows), for the BPMN's {@code camunda:candidateGroups="${reviewRouting.reviewers(execution, 'shipment-problem')}"}:
 * the group {@code reviewer-routing.dmn} names for the exception type in the process's region, so an EU order's
 * return is inspected by the EU's customer service, as its gates' reviews are.
 */
@Component("reviewRouting")
public class ReviewRouting {

    private final DecisionTables tables;

    ReviewRouting(DecisionTables tables) {
        this.tables = tables;
    }

    /**
     * The reviewer group of the exception type in the region of the process the scope belongs to. A task's candidate
     * groups are resolved outside any delegate, so the region is read from the process here.
     */
    public String reviewers(VariableScope scope, String exceptionType) {
        String region = scope.getVariable(Regions.VARIABLE) instanceof String id ? id : CurrentRegion.id();
        return CurrentRegion.supply(region, () -> tables.route(exceptionType)).reviewerGroup();
    }
}
