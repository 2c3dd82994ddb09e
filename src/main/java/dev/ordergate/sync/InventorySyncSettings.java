package dev.ordergate.sync;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The inventory reconciliation's schedule under a short name for its timer start event
 * ({@code ${inventorySyncSettings.schedule}}). A bean rather than a record because the BPMN reads it by name.
 */
@Component("inventorySyncSettings")
@ConfigurationProperties("ordergate.sync.inventory")
public class InventorySyncSettings {

    /** Camunda cron (seconds first); every 15 minutes unless configured. */
    private String schedule = "0 0/15 * * * ?";

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }
}
