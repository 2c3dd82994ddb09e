package dev.ordergate.masterdata;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.order.PeerRefusedException;
import dev.ordergate.region.Regions;
import dev.ordergate.sync.SyncProperties;
import feign.FeignException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The other side of the master-data sync: the CRM/finance master-data hub over REST (contract
 * {@code contracts/master-data-hub.yaml}). It serves the changes its systems made after a cursor, and takes the
 * values whose owner is Odoo or that a steward decided, each with an idempotency key. A region's run works with the
 * region's own hub ({@code ordergate.regions.<id>.master-data.hub-url}), else with the shared one
 * ({@code ordergate.sync.master-data.hub.url}); {@code region} {@code ""} is the API user's own company.
 */
@Component
class MasterDataHub {

    /** The peer's name in refusals (order.RefusalCodes). */
    static final String PEER = "master-data-hub";

    @FeignClient(name = "master-data-hub", url = "${ordergate.sync.master-data.hub.url}")
    interface HubApi {

        /** {@code hub}: the base URL of the hub to ask (Feign's target for this call). */
        @GetMapping("/v1/changes")
        JsonNode changes(URI hub, @RequestParam(value = "after", required = false) String after,
                         @RequestParam("entities") String entities, @RequestParam("limit") int limit);

        @PostMapping("/v1/updates")
        void update(URI hub, @RequestHeader("Idempotency-Key") String idempotencyKey, @RequestBody Update update);
    }

    /** A change as the hub reports it; {@code fields} holds raw JSON values. */
    record Change(String position, String entity, String key, String source, String changedAt, JsonNode fields) {
    }

    /** A cleared value is sent as null: the application's JSON leaves nulls out, not here. */
    record Update(String entity, String key, String source, String reason,
                  @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
                  Map<String, String> fields) {
    }

    private final HubApi api;
    private final SyncProperties properties;
    private final Regions regions;

    MasterDataHub(HubApi api, SyncProperties properties, Regions regions) {
        this.api = api;
        this.properties = properties;
        this.regions = regions;
    }

    /** The hub of the region when it has its own, else the shared one (also for no region: null or {@code ""}). */
    private URI hub(String region) {
        return regions.masterDataHubOf(region == null || region.isEmpty() ? null : region)
                .orElse(properties.masterData().hub().url());
    }

    String describe(String region) {
        return "master-data hub " + hub(region);
    }

    /** Every change after the cursor (all when null), page by page, in the hub's order. */
    List<Change> changesAfter(String region, String cursor, List<String> entities) {
        URI hub = hub(region);
        List<Change> all = new ArrayList<>();
        int limit = Math.max(1, properties.masterData().hub().pageSize());
        String after = cursor;
        while (true) {
            String cursorNow = after;
            JsonNode page = refusalsClassified(() -> api.changes(hub, cursorNow, String.join(",", entities), limit));
            JsonNode changes = page == null ? null : page.path("changes");
            if (changes == null || !changes.isArray()) {
                throw new IllegalStateException(describe(region) + " answered without a changes list");
            }
            for (JsonNode c : changes) {
                all.add(new Change(text(c.path("position")), text(c.path("entity")), text(c.path("key")),
                        text(c.path("source")), text(c.path("changedAt")), c.path("fields")));
            }
            String next = text(page.path("next"));
            if (!page.path("more").asBoolean(false) || next == null || next.equals(after)) {
                return all;
            }
            after = next;
        }
    }

    void publish(String region, String idempotencyKey, Update update) {
        refusalsClassified(() -> {
            api.update(hub(region), idempotencyKey, update);
            return null;
        });
    }

    /**
     * The hub's business refusals are its 422 answers with a problem detail (contracts/master-data-hub.yaml): a
     * steward's to resolve, like the other peers' ({@link PeerRefusedException}); every other failure is technical.
     */
    private static <T> T refusalsClassified(Supplier<T> call) {
        try {
            return call.get();
        } catch (FeignException.UnprocessableEntity refused) {
            throw PeerRefusedException.answered(PEER, refused.status(), refused.contentUTF8(), refused);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }
}
