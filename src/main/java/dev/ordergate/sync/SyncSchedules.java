package dev.ordergate.sync;

import org.springframework.stereotype.Component;

/**
 * The timer start events' cron expressions under a short name for the BPMN ({@code ${syncSchedules.priceLists}}):
 * a distributor's timing decision is configuration, not a model change.
 */
@Component("syncSchedules")
public class SyncSchedules {

    private final SyncProperties properties;

    SyncSchedules(SyncProperties properties) {
        this.properties = properties;
    }

    public String getPriceLists() {
        return properties.priceLists().schedule();
    }

    public String getMasterData() {
        return properties.masterData().schedule();
    }
}
