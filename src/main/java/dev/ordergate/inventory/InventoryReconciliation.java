package dev.ordergate.inventory;

import dev.ordergate.region.Regions;
import dev.ordergate.sync.SyncRuns;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;

/**
 * The periodic check of the WMS's stock against Odoo's: both counted per product and warehouse, on hand compared,
 * every difference reported as drift (kept with when it was first seen until the two agree again), and the read
 * model the events keep healed from the WMS's snapshot where it fell behind (a lost event). It runs in one job: a
 * retry reads both again and records the run's findings afresh. A run for a region compares the region's warehouses
 * only ({@code ordergate.regions.<id>.warehouses}), with Odoo read in the region's company.
 */
@Service
class InventoryReconciliation {

    static final String KIND = "inventory";

    /** What a run found: how many product/warehouse pairs it compared, how many drift, how many levels it healed. */
    record Outcome(int compared, int drifting, Map<InventoryDrift.Finding, Integer> findings, int healed) {
    }

    private final SyncRuns runs;
    private final WarehouseStock wms;
    private final BookedStock odoo;
    private final StockLevels readModel;
    private final InventoryDrift drift;
    private final Regions regions;
    private final Clock clock;

    InventoryReconciliation(SyncRuns runs, WarehouseStock wms, BookedStock odoo, StockLevels readModel,
                            InventoryDrift drift, Regions regions, Clock clock) {
        this.regions = regions;
        this.runs = runs;
        this.wms = wms;
        this.odoo = odoo;
        this.readModel = readModel;
        this.drift = drift;
        this.clock = clock;
    }

    String open(String triggeredBy, String processInstanceId) {
        return runs.open(KIND, triggeredBy, 0, processInstanceId);
    }

    Outcome reconcile(String runId) {
        String region = runs.find(runId).map(SyncRuns.Run::region).orElse(null);
        // Without a region: every warehouse, as before regions.
        Predicate<String> compared = region == null ? warehouse -> true : regions.get(region).warehouses()::contains;
        WarehouseStock.Snapshot whole = wms.snapshot();
        WarehouseStock.Snapshot snapshot = new WarehouseStock.Snapshot(whole.asOf(),
                whole.counts().stream().filter(c -> compared.test(c.warehouse())).toList());
        Map<StockCount.Key, BigDecimal> counted = onHand(snapshot.counts());
        Map<StockCount.Key, BigDecimal> booked = onHand(odoo.counts().stream()
                .filter(c -> compared.test(c.warehouse())).toList());
        Map<StockCount.Key, StockCount> events = readModel.all();
        Set<StockCount.Key> keys = new LinkedHashSet<>(counted.keySet());
        keys.addAll(booked.keySet());
        List<InventoryDrift.Drift> found = new ArrayList<>();
        for (StockCount.Key key : keys) {
            BigDecimal inWms = counted.getOrDefault(key, BigDecimal.ZERO);
            BigDecimal inOdoo = booked.getOrDefault(key, BigDecimal.ZERO);
            if (inWms.compareTo(inOdoo) != 0) {
                StockCount level = events.get(key);
                found.add(new InventoryDrift.Drift(key.sku(), key.warehouse(), inWms, inOdoo,
                        level == null ? null : level.onHand(), inWms.subtract(inOdoo), null, null, region));
            }
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<InventoryDrift.Finding, Integer> findings = drift.record(runId, region, compared, found, now);
        int healed = readModel.heal(snapshot, compared, "reconciliation " + runId);
        runs.source(runId, "WMS snapshot as of %s (%d levels) against Odoo (%d levels): %d drifting, %d read-model levels healed"
                .formatted(snapshot.asOf(), counted.size(), booked.size(), found.size(), healed));
        return new Outcome(keys.size(), found.size(), findings, healed);
    }

    private static Map<StockCount.Key, BigDecimal> onHand(List<StockCount> counts) {
        Map<StockCount.Key, BigDecimal> byKey = new LinkedHashMap<>();
        counts.forEach(c -> byKey.merge(c.key(), c.onHand(), BigDecimal::add));
        return byKey;
    }
}
