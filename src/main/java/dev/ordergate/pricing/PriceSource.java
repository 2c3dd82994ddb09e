package dev.ordergate.pricing;

import java.util.List;

/** The pricing authority's current feed of price agreements. */
interface PriceSource {

    /** What this source is, for the run report (a file name, a URL). */
    String describe();

    List<PriceAgreement> fetch();
}
