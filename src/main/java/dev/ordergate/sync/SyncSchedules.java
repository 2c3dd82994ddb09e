package dev.ordergate.sync;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The timer start events' cron expressions under a short name for the BPMN ({@code ${syncSchedules.priceLists}},
 * {@code ${syncSchedules.cron('availability')}}): a distributor's timing decision ({@code ordergate.sync.timing.<domain>})
 * is configuration, not a model change.
 */
@Component("syncSchedules")
public class SyncSchedules {

    private final SyncProperties properties;

    SyncSchedules(SyncProperties properties) {
        this.properties = properties;
    }

    public String getPriceLists() {
        return cronOr("prices", properties.priceLists().schedule());
    }

    public String getMasterData() {
        return cron("master-data");
    }

    /** The timer of a domain's sync: its batch cron, its near-realtime interval as a cron, or a realtime domain's sweep. */
    public String cron(String domain) {
        return cronOr(domain, null);
    }

    private String cronOr(String domain, String fallback) {
        SyncProperties.Timing timing = properties.timing() == null ? null : properties.timing().get(domain);
        if (timing == null || timing.mode() == null) {
            if (fallback == null) {
                throw new IllegalStateException("ordergate.sync.timing." + domain + " is not configured");
            }
            return fallback;
        }
        return switch (timing.mode()) {
            case BATCH, REALTIME -> {
                if (timing.cron() == null || timing.cron().isBlank()) {
                    throw new IllegalStateException("ordergate.sync.timing." + domain + ".cron is required for mode "
                            + timing.mode().name().toLowerCase().replace('_', '-'));
                }
                yield timing.cron();
            }
            case NEAR_REALTIME -> every(domain, timing.interval());
        };
    }

    /**
     * How old a local copy of a domain's facts may be and still count as current, as its timing promises: a
     * near-realtime domain's interval, a day for a batch domain (the usual nightly run), a minute for a realtime one
     * (its events keep it current; the minute covers their delivery).
     */
    public Duration freshness(String domain) {
        SyncProperties.Timing timing = properties.timing() == null ? null : properties.timing().get(domain);
        if (timing == null || timing.mode() == null) {
            throw new IllegalStateException("ordergate.sync.timing." + domain + " is not configured");
        }
        return switch (timing.mode()) {
            case NEAR_REALTIME -> timing.interval();
            case BATCH -> Duration.ofDays(1);
            case REALTIME -> Duration.ofMinutes(1);
        };
    }

    /** Cron counts minutes and hours within the hour and the day, so an interval must divide one of them. */
    static String every(String domain, Duration interval) {
        if (interval == null || interval.isZero() || interval.isNegative() || interval.toSecondsPart() != 0) {
            throw new IllegalStateException("ordergate.sync.timing." + domain + ".interval must be whole minutes, not " + interval);
        }
        long minutes = interval.toMinutes();
        if (minutes < 60 && 60 % minutes == 0) {
            return "0 0/" + minutes + " * * * ?";
        }
        if (minutes % 60 == 0 && minutes / 60 < 24 && 24 % (minutes / 60) == 0) {
            return "0 0 0/" + minutes / 60 + " * * ?";
        }
        throw new IllegalStateException("ordergate.sync.timing." + domain + ".interval must divide an hour (PT1M ... PT30M)"
                + " or a day (PT1H ... PT12H), not " + interval);
    }
}
