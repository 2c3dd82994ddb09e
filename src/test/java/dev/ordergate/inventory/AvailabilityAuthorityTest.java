package dev.ordergate.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code ordergate.authority.availability} switches the read-model adapter in; without it, it stays out. */
class AvailabilityAuthorityTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(StockLevels.class, () -> new StockLevels(null, Clock.systemUTC()))
            .withUserConfiguration(ReadModelAvailability.class);

    @Test
    void wmsMakesTheReadModelTheAvailabilityAuthority() {
        context.withPropertyValues("ordergate.authority.availability=wms")
                .run(app -> assertThat(app).getBean(Availability.class).isInstanceOf(ReadModelAvailability.class));
    }

    @Test
    void odooOrNothingLeavesTheReadModelOut() {
        context.withPropertyValues("ordergate.authority.availability=odoo")
                .run(app -> assertThat(app).doesNotHaveBean(Availability.class));
        context.run(app -> assertThat(app).doesNotHaveBean(Availability.class));
    }
}
