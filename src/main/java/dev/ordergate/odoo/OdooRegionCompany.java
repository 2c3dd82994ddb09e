package dev.ordergate.odoo;

import dev.ordergate.odoo.client.OdooCompanyScope;
import dev.ordergate.region.Regions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
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
        // The region of the step running is set by region.CurrentRegion (one delegate interceptor for both); the
        // company of each call is derived from it.
        OdooCompanyScope.resolveRegionsWith(region -> regions.getObject().companyOf(region));
    }
}
