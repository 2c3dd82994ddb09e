package dev.ordergate.odoo;

import dev.ordergate.masterdata.Customer;
import dev.ordergate.masterdata.MasterData;
import dev.ordergate.masterdata.Product;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import org.springframework.stereotype.Component;

/** Customers are Odoo contacts found by their internal reference; products are variants found by internal reference (SKU). */
@Component
class OdooMasterData implements MasterData {

    private final OdooRecords records;

    OdooMasterData(OdooRecords records) {
        this.records = records;
    }

    @Override
    public List<Customer> findCustomers(String customerRef) {
        return records.partners(customerRef).stream()
                .map(p -> new Customer(p.ref(), p.name(), p.countryCode(), p.paymentTerm(), p.pricelistName()))
                .toList();
    }

    @Override
    public Map<String, Product> findProducts(Collection<String> skus) {
        Map<String, Product> products = new LinkedHashMap<>();
        records.products(skus).forEach((sku, p) ->
                products.put(sku, new Product(sku, p.name(), p.uom(), p.storable(), p.category())));
        return products;
    }
}
