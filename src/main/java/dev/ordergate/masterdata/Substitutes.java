package dev.ordergate.masterdata;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Which products may be shipped in place of another, as master data says: best substitute first. */
public interface Substitutes {

    /** The substitutes of each SKU, best first; a SKU without any is absent. */
    Map<String, List<String>> of(Collection<String> skus);
}
