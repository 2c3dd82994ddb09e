package dev.ordergate.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoricDetailEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.springframework.stereotype.Component;

/**
 * History level {@code full} without the rows nobody reads (issue 15: a third of an order's inserts). Everything
 * {@code full} keeps stays, except:
 * <ul>
 *   <li>the job log's "created" and "succeeded" entries: the order story (ops API) and the tests read failures only,
 *       which stay, as do deletions;</li>
 *   <li>the history of every value a variable took when no person set it (a job's or the intake's): each variable's
 *       latest value stays in the variable history, and a value a person set (a reviewer completing a task through
 *       Tasklist or the review API, an operator through engine-rest: an authenticated user in the command, or a task
 *       behind it) keeps its detail row, so what a reviewer decided stays visible in history beside
 *       {@code app.order_reviews};</li>
 *   <li>the decision history of the order's region ({@code order-region.dmn}, evaluated at intake, outside any
 *       process): its outcome is the order's region, stored with the order and in its process variables. The gates'
 *       decisions (prices, credit, routing) keep theirs.</li>
 * </ul>
 * It keeps the name and id of {@code full}, so the database's recorded level and the configuration agree and
 * {@code camunda.bpm.history-level: full} stays the setting; {@code ordergate.ops.lean-history: false} restores
 * Camunda's own {@code full}.
 */
@Component
class LeanHistory extends AbstractProcessEnginePlugin {

    /**
     * Decisions whose outcome is kept elsewhere, by the analysts' technical ids (stable by the house rule, STYLE.md):
     * the order's region (stored with the order) and which further gates it passes (kept in further-gates' variable
     * furtherGateIds, and the activity history of further-gates shows each gate checked).
     */
    static final Set<String> DECISIONS_WITHOUT_HISTORY = Set.of("order-region", "order-gates");

    private final boolean lean;

    LeanHistory(OpsProperties properties) {
        this.lean = properties.leanHistory();
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (!lean) {
            return;
        }
        // The engine takes the last level of its list whose name is the configured one: Camunda's own four, then
        // these custom ones, so this "full" wins over Camunda's.
        List<HistoryLevel> custom = new ArrayList<>();
        if (configuration.getCustomHistoryLevels() != null) {
            custom.addAll(configuration.getCustomHistoryLevels());
        }
        custom.add(new Level());
        configuration.setCustomHistoryLevels(custom);
    }

    static final class Level extends HistoryLevelFull {

        @Override
        public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
            if (eventType == HistoryEventTypes.JOB_CREATE || eventType == HistoryEventTypes.JOB_SUCCESS) {
                return false;
            }
            if (eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL
                    && entity instanceof HistoricDetailEventEntity detail) {
                return detail.getTaskId() != null || detail.getUserOperationId() != null || byAPerson();
            }
            if (eventType == HistoryEventTypes.DMN_DECISION_EVALUATE && entity instanceof DmnDecision decision) {
                return !DECISIONS_WITHOUT_HISTORY.contains(decision.getKey());
            }
            return super.isHistoryEventProduced(eventType, entity);
        }

        private static boolean byAPerson() {
            var command = Context.getCommandContext();
            return command != null && command.getAuthenticatedUserId() != null;
        }
    }
}
