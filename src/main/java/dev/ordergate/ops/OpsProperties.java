package dev.ordergate.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param metricsRefresh how often the gauges read from the engine and our tables are recomputed (each node does it)
 * @param kpiWindow      how far back the business KPIs look
 * @param leanHistory    history level {@code full} without the rows nobody reads ({@link LeanHistory})
 */
@ConfigurationProperties("ordergate.ops")
record OpsProperties(Duration metricsRefresh, Duration kpiWindow, boolean leanHistory) {
}
