package dev.ordergate.odoo;

import dev.ordergate.masterdata.Customer;
import dev.ordergate.masterdata.MasterData;
import dev.ordergate.masterdata.Product;
import dev.ordergate.masterdata.ResolvedOrder;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
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
        return records.partners(customerRef).stream().map(OdooMasterData::customer).toList();
    }

    @Override
    public ResolvedOrder resolve(Order order) {
        return view(records.resolve(order.businessKey(), order.customerRef(), skus(order)));
    }

    @Override
    public ResolvedOrder resolved(Order order) {
        return view(records.resolved(order.businessKey(), order.customerRef(), skus(order)));
    }

    private static List<String> skus(Order order) {
        return order.lines().stream().map(OrderLine::sku).distinct().toList();
    }

    private static ResolvedOrder view(OdooRecords.Resolution resolution) {
        Map<String, Product> products = new LinkedHashMap<>();
        resolution.products().forEach((sku, p) -> products.put(sku, product(p)));
        List<OdooRecords.Partner> partners = resolution.partners() == null ? List.of() : resolution.partners();
        return new ResolvedOrder(partners.stream().map(OdooMasterData::customer).toList(), products);
    }

    private static Customer customer(OdooRecords.Partner p) {
        return new Customer(p.ref(), p.name(), p.countryCode(), p.paymentTerm(), p.pricelistName());
    }

    private static Product product(OdooRecords.Product p) {
        return new Product(p.sku(), p.name(), p.uom(), p.storable(), p.category());
    }

    @Override
    public Map<String, Product> findProducts(Collection<String> skus) {
        Map<String, Product> products = new LinkedHashMap<>();
        records.products(skus).forEach((sku, p) -> products.put(sku, product(p)));
        return products;
    }
}
