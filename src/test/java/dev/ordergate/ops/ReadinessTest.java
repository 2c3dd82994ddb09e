package dev.ordergate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.jdbc.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The health groups as application.yml configures them, with the database's health contributor against a database
 * that is there and one that is not: readiness follows the database, liveness does not.
 */
class ReadinessTest {

    private final ApplicationContextRunner health = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    ApplicationAvailabilityAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                    DataSourceHealthContributorAutoConfiguration.class,
                    AvailabilityHealthContributorAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
                    HealthEndpointAutoConfiguration.class))
            .withInitializer(context -> applicationYaml().forEach(context.getEnvironment().getPropertySources()::addLast));

    @Test
    void readinessFailsWhenTheDatabaseIsUnreachableWhileLivenessStaysUp() {
        health.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=1",
                        "spring.datasource.hikari.connection-timeout=250")
                .run(context -> {
                    started(context);
                    HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);

                    assertThat(endpoint.healthForPath("readiness").getStatus()).isEqualTo(Status.DOWN);
                    assertThat(endpoint.healthForPath("liveness").getStatus()).isEqualTo(Status.UP);
                });
    }

    @Test
    void readinessIsUpWhenTheDatabaseAnswers() {
        health.withPropertyValues("spring.datasource.url=jdbc:h2:mem:readiness")
                .run(context -> {
                    started(context);

                    assertThat(context.getBean(HealthEndpoint.class).healthForPath("readiness").getStatus())
                            .isEqualTo(Status.UP);
                });
    }

    /** What a started application has announced; a bare context would refuse traffic whatever the database does. */
    private static void started(ConfigurableApplicationContext context) {
        AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
        AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    }

    private static java.util.List<PropertySource<?>> applicationYaml() {
        try {
            return new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
