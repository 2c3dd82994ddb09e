package dev.ordergate.odoo;

import dev.ordergate.region.Regions;
import org.camunda.bpm.engine.delegate.BaseDelegateExecution;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.delegate.DefaultDelegateInterceptor;
import org.camunda.bpm.engine.impl.delegate.DelegateInvocation;
import org.camunda.bpm.engine.impl.interceptor.DelegateInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every delegate, listener and expression of an order runs with its region's Odoo company ({@link OdooCompanyScope}):
 * one place for the whole process model, so the gates, reviews and fulfilment reach the region's company through
 * the same ports and no delegate passes a company around.
 */
@Component
class OdooRegionCompany extends AbstractProcessEnginePlugin {

    /** Looked up at the first invocation: it reads the engine, which is built with this plugin. */
    private final ObjectProvider<Regions> regions;

    OdooRegionCompany(ObjectProvider<Regions> regions) {
        this.regions = regions;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        OdooCompanyScope.resolveRegionsWith(region -> regions.getObject().companyOf(region));
        DelegateInterceptor next = configuration.getDelegateInterceptor() != null
                ? configuration.getDelegateInterceptor() : new DefaultDelegateInterceptor();
        configuration.setDelegateInterceptor(invocation -> invoke(next, invocation));
    }

    private void invoke(DelegateInterceptor next, DelegateInvocation invocation) throws Exception {
        Integer company = companyOf(invocation.getContextExecution());
        OdooCompanyScope.call(company, () -> {
            next.handleInvocation(invocation);
            return null;
        });
    }

    private Integer companyOf(BaseDelegateExecution execution) {
        if (execution == null || !(execution.getVariable(Regions.VARIABLE) instanceof String region)) {
            return null;
        }
        return regions.getObject().companyOf(region);
    }
}
