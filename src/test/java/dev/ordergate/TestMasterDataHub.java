package dev.ordergate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The CRM/finance master-data hub of the shared test application (ordergate.sync.master-data.hub.url in the test
 * profile): a WireMock on {@code ordergate.test.hub-port} that serves the changes tests {@link #record} as a feed by
 * position (contracts/master-data-hub.yaml) and takes every update. Started once per JVM by the first test that needs it.
 */
public final class TestMasterDataHub {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Map<String, Object>> CHANGES = new CopyOnWriteArrayList<>();
    private static final WireMockServer SERVER = new WireMockServer(options().bindAddress("127.0.0.1")
            .port(Integer.getInteger("ordergate.test.hub-port")).extensions(new Feed()));

    private TestMasterDataHub() {
    }

    public static synchronized void start() {
        if (!SERVER.isRunning()) {
            SERVER.start();
            SERVER.stubFor(get(urlPathEqualTo("/v1/changes")).willReturn(aResponse().withTransformers("feed")));
            SERVER.stubFor(post(urlEqualTo("/v1/updates")).willReturn(aResponse().withStatus(204)));
        }
    }

    /** A hub system changes a record; answers the change's position. */
    public static synchronized String record(String entity, String key, String source, Map<String, Object> fields) {
        String position = String.valueOf(CHANGES.size() + 1);
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("position", position);
        change.put("entity", entity);
        change.put("key", key);
        change.put("source", source);
        change.put("changedAt", OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toLocalDateTime().toString().replace('T', ' '));
        change.put("fields", fields);
        CHANGES.add(change);
        return position;
    }

    /**
     * The hub refuses the next call to {@code path} ({@code /v1/changes} or {@code /v1/updates}) with HTTP 422 and a
     * problem detail saying {@code detail}, once; called twice, it refuses the next two calls.
     */
    public static synchronized void refuseNext(String path, String detail) {
        String scenario = "refuse " + path + " " + UUID.randomUUID();
        try {
            SERVER.stubFor(any(urlPathEqualTo(path)).atPriority(1).inScenario(scenario)
                    .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("refused")
                    .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/problem+json")
                            .withBody(JSON.writeValueAsString(Map.of("title", "Refused", "status", 422, "detail", detail)))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every read of the change feed, oldest first. */
    public static List<LoggedRequest> reads() {
        return SERVER.findAll(getRequestedFor(urlPathEqualTo("/v1/changes")));
    }

    /** Every update Ordergate posted, oldest first. */
    public static List<LoggedRequest> updates() {
        return SERVER.findAll(postRequestedFor(urlEqualTo("/v1/updates")));
    }

    /** The feed: changes after {@code after} of the asked entities, {@code limit} per page. */
    static final class Feed implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            var request = event.getRequest();
            String after = request.queryParameter("after").isPresent() ? request.queryParameter("after").firstValue() : null;
            Set<String> entities = Set.copyOf(Arrays.asList(request.queryParameter("entities").firstValue().split(",")));
            int limit = Integer.parseInt(request.queryParameter("limit").firstValue());
            long from = after == null ? 0 : Long.parseLong(after);
            List<Map<String, Object>> page = new ArrayList<>();
            boolean more = false;
            for (Map<String, Object> change : CHANGES) {
                if (Long.parseLong((String) change.get("position")) > from && entities.contains((String) change.get("entity"))) {
                    if (page.size() == limit) {
                        more = true;
                        break;
                    }
                    page.add(change);
                }
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("changes", page);
            body.put("next", page.isEmpty() ? after : page.get(page.size() - 1).get("position"));
            body.put("more", more);
            try {
                return ResponseDefinitionBuilder.like(event.getResponseDefinition()).withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody(JSON.writeValueAsString(body)).build();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return "feed";
        }
    }
}
