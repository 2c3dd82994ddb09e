package dev.ordergate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The timing model per domain becomes the sync timers' cron expressions; a setting cron cannot express is refused. */
class SyncSchedulesTest {

    @Test
    void nearRealtimeRunsEveryIntervalBatchOnItsCronAndRealtimeSweepsOnItsCron() {
        SyncSchedules schedules = schedules(Map.of(
                "master-data", new SyncProperties.Timing(SyncProperties.Mode.NEAR_REALTIME, Duration.ofMinutes(15), null),
                "availability", new SyncProperties.Timing(SyncProperties.Mode.NEAR_REALTIME, Duration.ofHours(2), null),
                "prices", new SyncProperties.Timing(SyncProperties.Mode.BATCH, null, "0 30 1 * * ?"),
                "orders", new SyncProperties.Timing(SyncProperties.Mode.REALTIME, null, "0 0 4 * * ?")));

        assertThat(schedules.getMasterData()).isEqualTo("0 0/15 * * * ?");
        assertThat(schedules.cron("availability")).isEqualTo("0 0 0/2 * * ?");
        assertThat(schedules.getPriceLists()).isEqualTo("0 30 1 * * ?");
        assertThat(schedules.cron("orders")).isEqualTo("0 0 4 * * ?");
    }

    @Test
    void aLocalCopyIsAsFreshAsTheDomainsTimingPromises() {
        SyncSchedules schedules = schedules(Map.of(
                "master-data", new SyncProperties.Timing(SyncProperties.Mode.NEAR_REALTIME, Duration.ofMinutes(15), null),
                "prices", new SyncProperties.Timing(SyncProperties.Mode.BATCH, null, "0 30 1 * * ?"),
                "orders", new SyncProperties.Timing(SyncProperties.Mode.REALTIME, null, "0 0 4 * * ?")));

        assertThat(schedules.freshness("master-data")).isEqualTo(Duration.ofMinutes(15));
        assertThat(schedules.freshness("prices")).isEqualTo(Duration.ofDays(1));
        assertThat(schedules.freshness("orders")).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> schedules.freshness("availability"))
                .hasMessageContaining("ordergate.sync.timing.availability is not configured");
    }

    @Test
    void pricesFallBackToThePriceListScheduleWhenTheDomainHasNoTiming() {
        assertThat(schedules(Map.of()).getPriceLists()).isEqualTo("0 0 2 * * ?");
    }

    @Test
    void anIntervalThatDividesNeitherAnHourNorADayOrABatchWithoutCronIsRefused() {
        assertThatThrownBy(() -> schedules(Map.of("master-data",
                new SyncProperties.Timing(SyncProperties.Mode.NEAR_REALTIME, Duration.ofMinutes(7), null))).getMasterData())
                .hasMessageContaining("ordergate.sync.timing.master-data.interval");
        assertThatThrownBy(() -> schedules(Map.of("master-data",
                new SyncProperties.Timing(SyncProperties.Mode.BATCH, null, " "))).getMasterData())
                .hasMessageContaining("ordergate.sync.timing.master-data.cron");
        assertThatThrownBy(() -> schedules(Map.of()).getMasterData())
                .hasMessageContaining("ordergate.sync.timing.master-data is not configured");
    }

    private static SyncSchedules schedules(Map<String, SyncProperties.Timing> timing) {
        return new SyncSchedules(new SyncProperties(new SyncProperties.PriceLists("pricing-engine", null, 500, "0 0 2 * * ?"),
                null, null, timing));
    }
}
