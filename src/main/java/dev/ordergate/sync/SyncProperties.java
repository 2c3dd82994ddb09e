package dev.ordergate.sync;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Sources, schedules, chunk sizes, field ownership and timing of the synchronisations (defaults in application.yml). */
@ConfigurationProperties("ordergate.sync")
public record SyncProperties(PriceLists priceLists, PricingEngine pricingEngine, MasterData masterData,
                      Map<String, Timing> timing) {

    /**
     * @param source      {@code pricing-engine} (REST) or {@code file-drop} (the newest CSV/JSON file in {@code dropFolder})
     * @param chunkSize   items written per Odoo call and checkpoint
     * @param schedule    the timer start event's cron (Camunda/Quartz syntax, seconds first) when {@code timing.prices}
     *                    is not set
     */
    public record PriceLists(String source, Path dropFolder, int chunkSize, String schedule) {
    }

    public record PricingEngine(URI url) {
    }

    /**
     * @param entities     what a run synchronises when the request names nothing
     * @param hub          the other side: the CRM/finance master-data hub's change feed (contracts/master-data-hub.yaml)
     * @param defaultOwner per entity, the system of record of a field not listed in {@code ownership} (else odoo)
     * @param ownership    per entity, per field, the system of record ({@code odoo}, {@code crm}, {@code finance},
     *                     {@code pricing-engine})
     * @param chunkSize    records written per job (and checkpoint) when applying a run's changes
     */
    public record MasterData(List<String> entities, Hub hub, Map<String, String> defaultOwner,
                      Map<String, Map<String, String>> ownership, int chunkSize) {

        /** Odoo owns what the settings give to nobody else. */
        public String owner(String entity, String field) {
            String fallback = defaultOwner == null ? "odoo" : defaultOwner.getOrDefault(entity, "odoo");
            return ownership == null ? fallback : ownership.getOrDefault(entity, Map.of()).getOrDefault(field, fallback);
        }
    }

    /** @param url base URL of the hub; @param pageSize changes asked per call */
    public record Hub(URI url, int pageSize) {
    }

    /**
     * How a domain (prices, master-data, availability, orders) is kept in step: {@code realtime} (each event or API
     * call; the timer is only a catch-up sweep on {@code cron}), {@code near-realtime} (every {@code interval}) or
     * {@code batch} (on {@code cron}).
     */
    public record Timing(Mode mode, Duration interval, String cron) {
    }

    public enum Mode { REALTIME, NEAR_REALTIME, BATCH }
}
