package dev.ordergate.odoo.client;

import dev.ordergate.region.CurrentRegion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The Odoo company the calls of the current thread work in: while a region's order is served, every call carries
 * {@code context.allowed_company_ids = [company]} (Odoo's multi-company: what the call may see, and the company new
 * records get) and the records we create carry {@code company_id}. {@link OdooClient} applies it to every call, so
 * the adapters need not know about companies. Without a scope the calls are as before: the API user's own company.
 */
public final class OdooCompanyScope {

    /** Models we create that Odoo keeps per company. */
    private static final Set<String> COMPANY_RECORDS = Set.of("sale.order", "stock.picking", "stock.scrap", "account.move",
            "product.pricelist");
    /** The company of a region, registered by {@link OdooRegionCompany} when the engine starts. */
    private static volatile Function<String, Integer> regionCompanies = region -> null;

    private OdooCompanyScope() {
    }

    /** The company of the current thread's calls: the company of the {@link CurrentRegion}, or null. */
    public static Integer current() {
        String region = CurrentRegion.id();
        return region == null ? null : regionCompanies.apply(region);
    }

    public static void resolveRegionsWith(Function<String, Integer> companies) {
        regionCompanies = companies;
    }

    /** The keyword arguments with the company in their context; a context that names its companies is kept. */
    public static Map<String, ?> withContext(Map<String, ?> kwargs) {
        Integer company = current();
        if (company == null) {
            return kwargs;
        }
        Map<String, Object> scoped = new LinkedHashMap<>(kwargs == null ? Map.of() : kwargs);
        Map<String, Object> context = new LinkedHashMap<>();
        if (scoped.get("context") instanceof Map<?, ?> given) {
            given.forEach((key, value) -> context.put(String.valueOf(key), value));
        }
        context.putIfAbsent("allowed_company_ids", List.of(company));
        scoped.put("context", context);
        return scoped;
    }

    /** The arguments of a create (or a creating {@code web_save}) with {@code company_id} on each new record of a per-company model. */
    public static List<?> withCompany(String model, String method, List<?> args) {
        Integer company = current();
        if (company == null || !COMPANY_RECORDS.contains(model) || args.isEmpty()) {
            return args;
        }
        // web_save without ids creates one record from its second argument (Odoo 17+).
        int valsAt = "create".equals(method) ? 0
                : "web_save".equals(method) && args.size() > 1 && args.get(0) instanceof List<?> ids && ids.isEmpty() ? 1
                : -1;
        if (valsAt < 0) {
            return args;
        }
        List<Object> scoped = new ArrayList<>(args);
        Object vals = args.get(valsAt);
        if (vals instanceof Map<?, ?> one) {
            scoped.set(valsAt, stamped(one, company));
        } else if (vals instanceof List<?> many) {
            scoped.set(valsAt, many.stream().map(each -> each instanceof Map<?, ?> map ? stamped(map, company) : each).toList());
        }
        return scoped;
    }

    private static Map<String, Object> stamped(Map<?, ?> vals, int company) {
        Map<String, Object> stamped = new LinkedHashMap<>();
        vals.forEach((key, value) -> stamped.put(String.valueOf(key), value));
        stamped.putIfAbsent("company_id", company);
        return stamped;
    }
}
