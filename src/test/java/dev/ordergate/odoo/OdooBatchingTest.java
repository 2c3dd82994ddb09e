package dev.ordergate.odoo;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static dev.ordergate.odoo.OdooFixtures.kwargs;
import static dev.ordergate.odoo.OdooFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.odoo.client.OdooBusinessException;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooException;
import dev.ordergate.odoo.client.OdooJson2;
import dev.ordergate.odoo.client.OdooProperties.Protocol;
import dev.ordergate.odoo.client.OdooProperties;
import dev.ordergate.odoo.client.OdooRpc;
import dev.ordergate.odoo.client.OdooThrottle;
import dev.ordergate.odoo.client.OdooTransportException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

class OdooBatchingTest extends OdooTest {

    @Autowired
    OdooRpc rpc;
    @Autowired
    OdooJson2 json2;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** Odoo 18 over JSON-RPC as the 18.0 transcripts' admin, with a batch size of 2 to make batches visible. */
    OdooClient jsonRpc() {
        return new OdooClient(rpc, json2, new OdooProperties(URI.create(ODOO.baseUrl()), "odoo18lab", "admin", "admin",
                Duration.ofSeconds(1), Duration.ofSeconds(2), 2, Protocol.AUTO, "18.0", 4, 0, Duration.ofSeconds(5)), meters);
    }

    OdooClient json2() {
        return new OdooClient(rpc, json2, new OdooProperties(URI.create(ODOO.baseUrl()), Json2Exchange.DATABASE, "admin",
                Json2Exchange.ADMIN_KEY, Duration.ofSeconds(1), Duration.ofSeconds(2), 2, Protocol.AUTO, "19.0", 4, 0,
                Duration.ofSeconds(5)), meters);
    }

    @Test
    void searchReadAllPagesByLimitAndOffsetInAStableOrderUntilAShortPage() {
        List<String> fields = List.of("name");
        List<?> domain = List.of(List.of("customer_rank", ">", 0));
        OdooExchange first = OdooExchange.executeKw("res.partner", "search_read", List.of(domain),
                kwargs("fields", fields, "limit", 2, "order", "name, id"))
                .answering(List.of(record("id", 15, "name", "Azure Interior"), record("id", 10, "name", "Deco Addict")));
        OdooExchange second = OdooExchange.executeKw("res.partner", "search_read", List.of(domain),
                kwargs("fields", fields, "limit", 2, "offset", 2, "order", "name, id"))
                .answering(List.of(record("id", 11, "name", "Gemini Furniture")));
        stub(first, second);

        JsonNode all = jsonRpc().searchReadAll("res.partner", domain, fields, "name");

        assertThat(all.findValuesAsText("name")).containsExactly("Azure Interior", "Deco Addict", "Gemini Furniture");
        ODOO.verify(exactly(1), first.requested());
        ODOO.verify(exactly(1), second.requested());
    }

    @Test
    void createManySendsOneValuesListPerBatchOverJsonRpc() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            items.add(record("pricelist_id", 3, "product_id", 17, "fixed_price", 100 + i));
        }
        OdooExchange batch1 = OdooExchange.executeKw("product.pricelist.item", "create", List.of(items.subList(0, 2)), null)
                .answering(List.of(41, 42));
        OdooExchange batch2 = OdooExchange.executeKw("product.pricelist.item", "create", List.of(items.subList(2, 3)), null)
                .answering(List.of(43));
        stub(batch1, batch2);

        assertThat(jsonRpc().createMany("product.pricelist.item", items)).containsExactly(41, 42, 43);
        ODOO.verify(exactly(1), batch1.requested());
        ODOO.verify(exactly(1), batch2.requested());
    }

    @Test
    void createManyAndWriteManySendValuesListsAndIdsOverJson2() {
        List<Map<String, Object>> items = List.of(record("name", "a"), record("name", "b"), record("name", "c"));
        Json2Exchange create1 = Json2Exchange.call("res.partner.category", "create",
                Map.of("vals_list", items.subList(0, 2)), List.of(7, 8));
        Json2Exchange create2 = Json2Exchange.call("res.partner.category", "create",
                Map.of("vals_list", items.subList(2, 3)), List.of(9));
        Json2Exchange write1 = Json2Exchange.call("res.partner.category", "write",
                Map.of("ids", List.of(7, 8), "vals", Map.of("active", false)), true);
        Json2Exchange write2 = Json2Exchange.call("res.partner.category", "write",
                Map.of("ids", List.of(9), "vals", Map.of("active", false)), true);
        OdooJson2FlowsTest.stub(create1, create2, write1, write2);
        OdooClient odoo = json2();

        List<Integer> ids = odoo.createMany("res.partner.category", items);
        odoo.writeMany("res.partner.category", ids, Map.of("active", false));

        assertThat(ids).containsExactly(7, 8, 9);
        OdooJson2FlowsTest.verifyOnce(create1, create2, write1, write2);
    }

    @Test
    void everyCallIsTimedByModelMethodAndOutcome() {
        Json2Exchange confirmed = Json2Exchange.recorded(45);
        Json2Exchange refused = Json2Exchange.recorded(93);
        OdooJson2FlowsTest.stub(confirmed, refused);
        OdooClient odoo = json2();

        odoo.call("sale.order", "action_confirm", List.of(25), null);
        assertThatThrownBy(() -> odoo.call("sale.order", "action_confirm", List.of(26), null))
                .isInstanceOf(OdooBusinessException.class);

        assertThat(meters.get(OdooClient.METRIC).tags("model", "sale.order", "method", "action_confirm", "outcome", "ok")
                .timer().count()).isEqualTo(1);
        assertThat(meters.get(OdooClient.METRIC).tags("model", "sale.order", "method", "action_confirm",
                "outcome", "business").timer().count()).isEqualTo(1);
    }

    @Test
    void logsNeverCarryTheKeyOrAPrice() {
        Json2Exchange price = Json2Exchange.recorded(38);
        OdooJson2FlowsTest.stub(price, Json2Exchange.recorded(45));
        Logger logger = (Logger) LoggerFactory.getLogger("dev.ordergate.odoo");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.addAppender(lines);
        try {
            JsonNode answer = json2().json2("sale.order.line", "onchange", price.parameters());
            assertThat(answer.at("/value/price_unit").asDouble()).isEqualTo(299.0);
        } finally {
            logger.detachAppender(lines);
            logger.setLevel(level);
        }

        assertThat(lines.list).isNotEmpty();
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .allSatisfy(line -> assertThat(line).doesNotContain(Json2Exchange.ADMIN_KEY).doesNotContain("299")
                        .doesNotContain("4126"));
    }

    @Test
    void noMoreCallsThanTheCapAreInFlightAndAFullCapFailsRetryably() throws Exception {
        OdooThrottle throttle = new OdooThrottle(2, 0, Duration.ofSeconds(10));
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        CountDownLatch allStarted = new CountDownLatch(6);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(pool.submit(() -> {
                    allStarted.countDown();
                    return throttle.run("test.call", () -> {
                        highest.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        try {
                            // Long enough for the six callers to overlap; nothing is asserted about time.
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return inFlight.decrementAndGet();
                    });
                }));
            }
            for (Future<Integer> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(highest.get()).isBetween(1, 2);

        OdooThrottle full = new OdooThrottle(1, 0, Duration.ofMillis(50));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> full.run("hold", () -> {
            holding.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holder.start();
        holding.await(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> full.run("res.partner.read", () -> null))
                .isInstanceOf(OdooTransportException.class)
                .satisfies(e -> assertThat(((OdooException) e).isRetryable()).isTrue());
        release.countDown();
        holder.join();
    }
}
