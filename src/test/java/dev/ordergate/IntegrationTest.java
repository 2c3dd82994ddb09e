package dev.ordergate;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one application context the integration tests share: the whole application on H2 with the sandbox peers,
 * served on a real port so the adapters reach the peers over HTTP. Classes that use exactly this annotation reuse
 * one context (and one engine, one job executor). The engine records process test coverage across all of them
 * (see {@link ProcessCoverageRecording}; minimum per process checked by analysis.ProcessCoverageGate), and counts the
 * SQL statements it sends its database ({@link SqlStatements}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = "server.port=${ordergate.test.port}")
@ActiveProfiles("test")
@Import({ProcessCoverageRecording.class, SqlStatements.class})
public @interface IntegrationTest {
}
