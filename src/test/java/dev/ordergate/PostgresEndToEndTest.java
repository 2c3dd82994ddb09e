package dev.ordergate;

import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The end-to-end order on a real PostgreSQL (the machine's, or an embedded one on a fresh machine), in a context
 * of its own that is closed after this class so it does not linger beside the shared H2 one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"server.port=${ordergate.test.pg-port}", "camunda.bpm.process-engine-name=postgres"})
@ActiveProfiles({"test", "postgres"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresEndToEndTest {

    private final ApiClient api = new ApiClient(System.getProperty("ordergate.test.pg-port"));

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestPostgres::jdbcUrl);
        registry.add("spring.datasource.username", TestPostgres::username);
        registry.add("spring.datasource.password", () -> "");
    }

    @Test
    void anOrderRunsToCompletionOnPostgres() {
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
        String ref = uniqueRef();
        var created = api.post("/api/v1/orders", sample(ref));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        var duplicate = api.post("/api/v1/orders", sample(ref));
        assertThat(duplicate.status()).isEqualTo(200);

        var completed = await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/api/v1/orders/" + created.body().path("id").asText()).body(),
                        body -> "COMPLETED".equals(body.path("status").asText()));

        assertThat(completed.path("salesOrderRef").asText()).startsWith("S");
        assertThat(completed.path("invoiceRef").asText()).startsWith("INV/");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM act_hi_procinst WHERE business_key_ = :k")
                .param("k", "b2b-portal:" + ref).query(Long.class).single()).isEqualTo(1);
    }
}
