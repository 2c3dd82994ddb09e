package dev.ordergate.region;

import java.util.concurrent.Callable;
import org.camunda.bpm.engine.delegate.BaseDelegateExecution;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.delegate.DefaultDelegateInterceptor;
import org.camunda.bpm.engine.impl.delegate.DelegateInvocation;
import org.camunda.bpm.engine.impl.interceptor.DelegateInterceptor;
import org.springframework.stereotype.Component;

/**
 * The region of the order whose delegate, listener or expression the current thread runs (the process variable
 * {@code region}), so the decision tables get it as their {@code region} input without every gate passing it.
 */
@Component
public class CurrentRegion extends AbstractProcessEnginePlugin {

    private static final ThreadLocal<String> REGION = new ThreadLocal<>();

    /** The region of the order being served, or null outside an order's process (and for orders without one). */
    public static String id() {
        return REGION.get();
    }

    /** Runs work that is not a process step (an API read of an order, say) for the order's region. */
    public static <T> T supply(String region, java.util.function.Supplier<T> work) {
        try {
            return call(region, work::get);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static <T> T call(String region, Callable<T> work) throws Exception {
        String outer = REGION.get();
        REGION.set(region);
        try {
            return work.call();
        } finally {
            if (outer == null) {
                REGION.remove();
            } else {
                REGION.set(outer);
            }
        }
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        DelegateInterceptor next = configuration.getDelegateInterceptor() != null
                ? configuration.getDelegateInterceptor() : new DefaultDelegateInterceptor();
        configuration.setDelegateInterceptor(invocation -> invoke(next, invocation));
    }

    private static void invoke(DelegateInterceptor next, DelegateInvocation invocation) throws Exception {
        BaseDelegateExecution execution = invocation.getContextExecution();
        if (execution == null || !(execution.getVariable(Regions.VARIABLE) instanceof String region)) {
            next.handleInvocation(invocation);
            return;
        }
        call(region, () -> {
            next.handleInvocation(invocation);
            return null;
        });
    }
}
