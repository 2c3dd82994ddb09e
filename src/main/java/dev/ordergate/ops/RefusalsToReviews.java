package dev.ordergate.ops;

import dev.ordergate.order.PeerRefusal;
import dev.ordergate.order.Texts;
import dev.ordergate.rules.DecisionTables;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.bpmn.parser.ErrorEventDefinition;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.delegate.DelegateInvocation;
import org.camunda.bpm.engine.impl.interceptor.DelegateInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.delegate.DefaultDelegateInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Turns a peer's business refusal ({@link PeerRefusal}), thrown from any delegate or expression, into a BPMN error
 * with the peer's stable code, when the model catches it there: one conversion for every peer-calling task, so
 * delegates stay glue. Before the error is thrown it writes what the review needs (the peer, the step, the peer's own
 * message, who reviews it from reviewer-routing.dmn) and counts the refusal. Where no boundary catches the code the
 * refusal stays an exception (retry, then incident), as an uncaught BPMN error would otherwise end the path silently.
 */
@Component
class RefusalsToReviews extends AbstractProcessEnginePlugin {

    static final String PEER = "refusalPeer";
    static final String STEP = "refusalStep";
    static final String STEP_NAME = "refusalStepName";
    static final String MESSAGE = "refusalMessage";
    static final String CODE = "refusalCode";
    static final String REVIEWER_GROUP = "refusalGroup";
    static final String SUPERVISOR_GROUP = "refusalSupervisorGroup";
    static final String METRIC = "ordergate.peer.refusals";

    private static final int MAX_VARIABLE_TEXT = 3900;

    /** Looked up at the first refusal: both read the engine, which is built with this plugin. */
    private final ObjectProvider<DecisionTables> tables;
    private final MeterRegistry registry;

    RefusalsToReviews(ObjectProvider<DecisionTables> tables, MeterRegistry registry) {
        this.tables = tables;
        this.registry = registry;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        DelegateInterceptor next = configuration.getDelegateInterceptor() != null
                ? configuration.getDelegateInterceptor() : new DefaultDelegateInterceptor();
        configuration.setDelegateInterceptor(invocation -> invoke(next, invocation));
    }

    private void invoke(DelegateInterceptor next, DelegateInvocation invocation) throws Exception {
        try {
            next.handleInvocation(invocation);
        } catch (Exception failure) {
            PeerRefusal refusal = refusalIn(failure);
            ExecutionEntity execution = refusal == null ? null : executionOf(invocation);
            if (execution == null || !caught(execution, refusal.refusalCode())) {
                throw failure;
            }
            throw toReview(execution, refusal);
        }
    }

    private BpmnError toReview(ExecutionEntity execution, PeerRefusal refusal) {
        String message = refusal.peerMessage() == null ? "" : refusal.peerMessage();
        var routing = tables.getObject().route(routeOf(execution, refusal));
        execution.setVariable(PEER, refusal.peer());
        execution.setVariable(STEP, execution.getActivityId());
        execution.setVariable(STEP_NAME, execution.getActivity() == null ? execution.getActivityId()
                : String.valueOf(execution.getActivity().getName()));
        execution.setVariable(MESSAGE,
                Texts.clip(message, MAX_VARIABLE_TEXT));
        execution.setVariable(CODE, refusal.refusalCode());
        execution.setVariable(REVIEWER_GROUP, routing.reviewerGroup());
        execution.setVariable(SUPERVISOR_GROUP, routing.supervisorGroup());
        Counter.builder(METRIC)
                .description("Business refusals of peers that went to a person (technical failures are incidents)")
                .tag("peer", refusal.peer()).tag("activity", String.valueOf(execution.getActivityId()))
                .register(registry).increment();
        return new BpmnError(refusal.refusalCode(), message);
    }

    /**
     * A sync's refusal goes to the sync's steward group ({@code price-list-sync-refusal}, ...), whichever peer refused;
     * an order's to the group of the peer that refused ({@code odoo-refusal}, ...).
     */
    private static String routeOf(ExecutionEntity execution, PeerRefusal refusal) {
        String process = execution.getProcessDefinition() == null ? "" : execution.getProcessDefinition().getKey();
        return process.endsWith("-sync") ? process + "-refusal" : refusal.peer() + "-refusal";
    }

    /**
     * The execution the call runs for. An expression task's invocation carries none (the engine evaluates
     * {@code ${bean.method(execution)}} without a context execution), so the command's current BPMN execution is it;
     * the engine finds the BPMN error inside the exception the expression wraps it in.
     */
    private static ExecutionEntity executionOf(DelegateInvocation invocation) {
        if (invocation.getContextExecution() instanceof ExecutionEntity execution) {
            return execution;
        }
        BpmnExecutionContext context = Context.getBpmnExecutionContext();
        return context == null ? null : context.getExecution();
    }

    private static PeerRefusal refusalIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PeerRefusal refusal) {
                return refusal;
            }
        }
        return null;
    }

    /** Whether an error boundary (or error event subprocess) on the way out of this activity catches the code. */
    private static boolean caught(ExecutionEntity execution, String code) {
        for (ScopeImpl scope = execution.getActivity(); scope != null;
                scope = scope instanceof org.camunda.bpm.engine.impl.pvm.process.ActivityImpl activity
                        ? activity.getFlowScope() : null) {
            List<ErrorEventDefinition> definitions = scope.getProperties().get(BpmnProperties.ERROR_EVENT_DEFINITIONS);
            if (definitions != null && definitions.stream().anyMatch(d -> d.catchesError(code))) {
                return true;
            }
        }
        return false;
    }
}
