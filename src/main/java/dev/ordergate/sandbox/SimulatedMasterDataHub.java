package dev.ordergate.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated CRM/finance master-data hub (contract {@code contracts/master-data-hub.yaml}): a change feed by
 * position, and the updates Ordergate sends, kept once per idempotency key. Its seed shows each path of the
 * master-data sync on the embedded default: the CRM moves Azure Interior (CRM owns addresses), finance raises Deco
 * Addict's credit limit (finance owns it), and the CRM also sets Acme's credit limit, which it does not own: a
 * conflict for the master-data stewards.
 */
@Component
@ConditionalOnSandbox("mdm")
public class SimulatedMasterDataHub {

    /** One change a hub system made. */
    public record Change(long position, String entity, String key, String source, String changedAt,
                         Map<String, Object> fields) {
    }

    /** One update Ordergate sent. */
    public record Update(String idempotencyKey, JsonNode body) {
    }

    private final List<Change> changes = new ArrayList<>();
    private final Map<String, Update> updates = new ConcurrentHashMap<>();
    private long position;

    SimulatedMasterDataHub() {
        reset();
    }

    /** Back to the seed changes, no updates received. */
    public final synchronized void reset() {
        changes.clear();
        updates.clear();
        position = 0;
        record("customers", "C-40011", "crm", Map.of("street", "4557 De Silva St, Suite 200", "phone", "(555)-010-0115"));
        record("customers", "C-20077", "finance", Map.of("creditLimit", 3500));
        record("customers", "C-10042", "crm", Map.of("creditLimit", 150000));
    }

    /** A hub system changes a record; answers the change's position. */
    public synchronized long record(String entity, String key, String source, Map<String, Object> fields) {
        position++;
        changes.add(new Change(position, entity, key, source,
                OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toLocalDateTime().toString().replace('T', ' '),
                new LinkedHashMap<>(fields)));
        return position;
    }

    public List<Update> updates() {
        return List.copyOf(updates.values());
    }

    synchronized Map<String, Object> changesAfter(String after, Set<String> entities, int limit) {
        long from = after == null || after.isBlank() ? 0 : Long.parseLong(after);
        List<Change> page = changes.stream().filter(c -> c.position() > from && entities.contains(c.entity()))
                .limit(limit + 1L).toList();
        boolean more = page.size() > limit;
        List<Change> shown = more ? page.subList(0, limit) : page;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("changes", shown.stream().map(c -> {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("position", String.valueOf(c.position()));
            change.put("entity", c.entity());
            change.put("key", c.key());
            change.put("source", c.source());
            change.put("changedAt", c.changedAt());
            change.put("fields", c.fields());
            return change;
        }).toList());
        answer.put("next", shown.isEmpty() ? after : String.valueOf(shown.get(shown.size() - 1).position()));
        answer.put("more", more);
        return answer;
    }

    @RestController
    @ConditionalOnSandbox("mdm")
    static class Endpoint {

        private final SimulatedMasterDataHub hub;

        Endpoint(SimulatedMasterDataHub hub) {
            this.hub = hub;
        }

        @GetMapping("/sandbox/mdm/v1/changes")
        Map<String, Object> changes(@RequestParam(required = false) String after, @RequestParam String entities,
                                    @RequestParam(defaultValue = "500") int limit) {
            return hub.changesAfter(after, Set.copyOf(Arrays.asList(entities.split(","))), Math.max(1, limit));
        }

        /** 204 the first time, and again for the same key without keeping it twice. */
        @PostMapping("/sandbox/mdm/v1/updates")
        ResponseEntity<Void> update(@RequestHeader("Idempotency-Key") String key, @RequestBody JsonNode body) {
            hub.updates.putIfAbsent(key, new Update(key, body));
            return ResponseEntity.noContent().build();
        }
    }
}
