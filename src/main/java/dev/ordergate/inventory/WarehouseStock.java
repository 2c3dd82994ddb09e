package dev.ordergate.inventory;

import java.time.OffsetDateTime;
import java.util.List;

/** The warehouse's own count of its stock (the WMS): the truth about what is on the shelves. */
public interface WarehouseStock {

    /** Every product and warehouse the WMS holds stock of, as of one moment; what it does not list it holds none of. */
    Snapshot snapshot();

    record Snapshot(OffsetDateTime asOf, List<StockCount> counts) {
    }
}
