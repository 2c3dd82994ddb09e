package dev.ordergate.sync;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Sources, schedules, chunk sizes and field ownership of the synchronisations (defaults in application.yml). */
@ConfigurationProperties("ordergate.sync")
record SyncProperties(PriceLists priceLists, PricingEngine pricingEngine, MasterData masterData) {

    /**
     * @param source      {@code pricing-engine} (REST) or {@code file-drop} (the newest CSV/JSON file in {@code dropFolder})
     * @param chunkSize   items written per Odoo call and checkpoint
     * @param schedule    the timer start event's cron (Camunda/Quartz syntax, seconds first)
     */
    record PriceLists(String source, Path dropFolder, int chunkSize, String schedule) {
    }

    record PricingEngine(URI url) {
    }

    /**
     * @param schedule the timer start event's cron
     * @param owners   per entity, per field, the system of record ({@code odoo}, {@code finance}, {@code crm},
     *                 {@code pricing-engine}); a field not listed is owned by Odoo
     */
    record MasterData(String schedule, Map<String, Map<String, String>> owners) {

        String owner(String entity, String field) {
            return owners == null ? "odoo" : owners.getOrDefault(entity, Map.of()).getOrDefault(field, "odoo");
        }

        List<String> fields(String entity) {
            return owners == null ? List.of() : List.copyOf(owners.getOrDefault(entity, Map.of()).keySet());
        }
    }
}
