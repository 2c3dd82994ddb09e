package dev.ordergate.masterdata;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.order.PeerRefusedException;
import dev.ordergate.sync.SyncProperties;
import feign.FeignException;
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
 * values whose owner is Odoo or that a steward decided, each with an idempotency key.
 */
@Component
class MasterDataHub {

    /** The peer's name in refusals (order.RefusalCodes). */
    static final String PEER = "master-data-hub";

    @FeignClient(name = "master-data-hub", url = "${ordergate.sync.master-data.hub.url}")
    interface HubApi {

        @GetMapping("/v1/changes")
        JsonNode changes(@RequestParam(value = "after", required = false) String after,
                         @RequestParam("entities") String entities, @RequestParam("limit") int limit);

        @PostMapping("/v1/updates")
        void update(@RequestHeader("Idempotency-Key") String idempotencyKey, @RequestBody Update update);
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

    MasterDataHub(HubApi api, SyncProperties properties) {
        this.api = api;
        this.properties = properties;
    }

    String describe() {
        return "master-data hub " + properties.masterData().hub().url();
    }

    /** Every change after the cursor (all when null), page by page, in the hub's order. */
    List<Change> changesAfter(String cursor, List<String> entities) {
        List<Change> all = new ArrayList<>();
        int limit = Math.max(1, properties.masterData().hub().pageSize());
        String after = cursor;
        while (true) {
            String cursorNow = after;
            JsonNode page = refusalsClassified(() -> api.changes(cursorNow, String.join(",", entities), limit));
            JsonNode changes = page == null ? null : page.path("changes");
            if (changes == null || !changes.isArray()) {
                throw new IllegalStateException(describe() + " answered without a changes list");
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

    void publish(String idempotencyKey, Update update) {
        refusalsClassified(() -> {
            api.update(idempotencyKey, update);
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
