package dev.ordergate.pricing;

import dev.ordergate.sync.SyncRunDetails;
import dev.ordergate.sync.SyncRuns;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A price-list run's part of its report: the counts per action and the rows the policy rejected (first 1000). */
@Component
class PriceListRunDetails implements SyncRunDetails {

    record Report(Map<String, Long> counts, List<Rejected> rejected) {
    }

    record Rejected(Integer row, String pricelist, String sku, String customerRef, String reason) {
    }

    private final PriceRows priceRows;

    PriceListRunDetails(PriceRows priceRows) {
        this.priceRows = priceRows;
    }

    @Override
    public String kind() {
        return SyncRuns.PRICE_LISTS;
    }

    @Override
    public Report of(String runId) {
        return new Report(priceRows.counts(runId), priceRows.rejected(runId, 1000).stream()
                .map(r -> new Rejected(r.rowNo(), r.agreement().pricelist(), r.agreement().sku(),
                        r.agreement().customerRef(), r.reason()))
                .toList());
    }
}
