package dev.ordergate.pricing;

import dev.ordergate.region.CurrentRegion;
import dev.ordergate.region.Regions;
import dev.ordergate.sync.SyncProperties;
import dev.ordergate.sync.SyncRuns;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Price-list synchronisation in the steps the process runs as separate jobs: read the feed into our table, plan
 * (reject what cannot be written, diff against Odoo, chunk the writes), write one chunk per job, close. Every
 * step can run again after a failure without writing anything twice.
 */
@Service
class PriceListSync {

    /** What planning found: how many writes, in how many chunks, and how many rows are rejected. */
    record Plan(int changes, int chunks, long rejected) {
    }

    private final SyncRuns runs;
    private final PriceRows rows;
    private final PriceSource source;
    private final PriceListTarget target;
    private final SyncProperties properties;
    private final Clock clock;
    private final Regions regions;

    PriceListSync(SyncRuns runs, PriceRows rows, PriceSource source, PriceListTarget target, SyncProperties properties,
                  Clock clock, Regions regions) {
        this.runs = runs;
        this.regions = regions;
        this.rows = rows;
        this.source = source;
        this.target = target;
        this.properties = properties;
        this.clock = clock;
    }

    String open(String triggeredBy, String processInstanceId) {
        return runs.open(SyncRuns.PRICE_LISTS, triggeredBy, chunkSize(), processInstanceId);
    }

    void read(String runId) {
        runs.source(runId, source.describe());
        List<PriceAgreement> feed = source.fetch();
        String region = CurrentRegion.id();
        if (region != null) {
            // A region's run keeps its company's price lists: only the feed's rows in the region's currency.
            String currency = regions.get(region).currency();
            feed = feed.stream().filter(a -> currency == null || currency.equals(a.currency())).toList();
        }
        rows.store(runId, feed, PriceRowPolicy.rejections(feed));
    }

    Plan plan(String runId) {
        List<PriceRows.Row> candidates = rows.undecided(runId);
        Map<Integer, String> rejected = new LinkedHashMap<>();
        Set<String> products = target.knownProducts(distinct(candidates, r -> r.agreement().sku()));
        Set<String> customers = target.knownCustomers(distinct(candidates, r -> r.agreement().customerRef()));
        Set<String> currencies = target.knownCurrencies(distinct(candidates, r -> r.agreement().currency()));
        Map<String, String> existingCurrency = target.priceListCurrencies(distinct(candidates, r -> r.agreement().pricelist()));
        Map<String, String> newPriceLists = new LinkedHashMap<>();
        Map<String, String> customerPriceLists = new LinkedHashMap<>();
        List<PriceRows.Row> valid = new ArrayList<>();
        for (PriceRows.Row row : candidates) {
            PriceAgreement a = row.agreement();
            String currency = existingCurrency.getOrDefault(a.pricelist(), newPriceLists.get(a.pricelist()));
            String reason = !products.contains(a.sku()) ? "unknown product " + a.sku()
                    : a.customerRef() != null && !customers.contains(a.customerRef()) ? "unknown customer " + a.customerRef()
                    : !currencies.contains(a.currency()) ? "unknown currency " + a.currency()
                    : currency != null && !currency.equalsIgnoreCase(a.currency())
                            ? "price list " + a.pricelist() + " is in " + currency + ", the row in " + a.currency()
                    : a.customerRef() != null && customerPriceLists.containsKey(a.customerRef())
                            && !customerPriceLists.get(a.customerRef()).equals(a.pricelist())
                            ? "customer " + a.customerRef() + " is given two price lists in this feed"
                    : null;
            if (reason != null) {
                rejected.put(row.seq(), reason);
                continue;
            }
            if (!existingCurrency.containsKey(a.pricelist())) {
                newPriceLists.putIfAbsent(a.pricelist(), a.currency());
            }
            if (a.customerRef() != null) {
                customerPriceLists.put(a.customerRef(), a.pricelist());
            }
            valid.add(row);
        }
        rows.reject(runId, rejected);
        // Creating price lists and assigning customers is idempotent (it compares first), so a retried plan is safe.
        target.ensurePriceLists(newPriceLists);
        target.assignPriceLists(customerPriceLists);

        Map<PriceItem.Key, PriceItem> current = new LinkedHashMap<>();
        for (PriceItem item : target.items(distinct(valid, r -> r.agreement().pricelist()))) {
            current.put(item.key(), item);
        }
        Map<Integer, PriceRows.Action> actions = new LinkedHashMap<>();
        Set<PriceItem.Key> inFeed = new HashSet<>();
        for (PriceRows.Row row : valid) {
            PriceAgreement a = row.agreement();
            PriceItem existing = current.get(a.key());
            inFeed.add(a.key());
            actions.put(row.seq(), existing == null ? PriceRows.Action.CREATE
                    : existing.sameTerms(a.price(), a.validTo()) ? PriceRows.Action.UNCHANGED : PriceRows.Action.UPDATE);
        }
        rows.plan(runId, actions, Map.of());
        LocalDate yesterday = LocalDate.now(clock).minusDays(1);
        // Items the feed no longer carries end yesterday; items already ended stay as they are.
        List<PriceItem> expired = current.values().stream()
                .filter(item -> !inFeed.contains(item.key()))
                .filter(item -> item.validTo() == null || item.validTo().isAfter(yesterday))
                .toList();
        rows.addExpiries(runId, expired, yesterday);
        int chunks = rows.chunk(runId, chunkSize());
        long changes = actions.values().stream().filter(a -> a != PriceRows.Action.UNCHANGED).count() + expired.size();
        return new Plan((int) changes, chunks, rows.counts(runId).get("rejected"));
    }

    /** Writes the first chunk not written yet and checkpoints it; answers whether chunks remain. */
    boolean writeNextChunk(String runId) {
        Integer chunk = rows.nextChunk(runId);
        if (chunk == null) {
            return false;
        }
        List<PriceItemChange> changes = rows.rowsOfChunk(runId, chunk).stream().map(PriceListSync::change).toList();
        target.apply(changes);
        rows.written(runId, chunk);
        return rows.nextChunk(runId) != null;
    }

    /** A few lines for the reviewer's form; the full list is in the run report. */
    String rejectedSummary(String runId) {
        List<PriceRows.Row> rejected = rows.rejected(runId, 30);
        long total = rows.counts(runId).get("rejected");
        String lines = rejected.stream()
                .map(r -> "row " + r.rowNo() + " " + r.agreement().pricelist() + " / " + r.agreement().sku() + ": " + r.reason())
                .collect(Collectors.joining("\n"));
        return total > rejected.size() ? lines + "\n... and " + (total - rejected.size()) + " more (see the run report)" : lines;
    }

    private static PriceItemChange change(PriceRows.Row row) {
        PriceAgreement a = row.agreement();
        PriceItemChange.Action action = switch (row.action()) {
            case CREATE -> PriceItemChange.Action.CREATE;
            case UPDATE -> PriceItemChange.Action.UPDATE;
            case EXPIRE -> PriceItemChange.Action.EXPIRE;
            default -> throw new IllegalStateException("row " + row.seq() + " is " + row.action() + ", not a write");
        };
        return new PriceItemChange(action, a.key(), a.price(), a.validTo());
    }

    private int chunkSize() {
        return Math.max(1, properties.priceLists().chunkSize());
    }

    private static Set<String> distinct(List<PriceRows.Row> rows, java.util.function.Function<PriceRows.Row, String> field) {
        return rows.stream().map(field).filter(v -> v != null).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
