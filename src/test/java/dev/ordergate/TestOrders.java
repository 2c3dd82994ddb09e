package dev.ordergate;

import dev.ordergate.masterdata.Customer;
import dev.ordergate.masterdata.MasterData;
import dev.ordergate.masterdata.Product;
import dev.ordergate.masterdata.ResolvedOrder;
import dev.ordergate.order.Address;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import dev.ordergate.order.Orders;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Orders and master data in memory, for the plain unit tests of the gate policies (no Spring, no engine), and an
 * order stored as intake stores it ({@link #stored}).
 */
public final class TestOrders {

    private TestOrders() {
    }

    public static Order order(String customerRef, OrderLine... lines) {
        return new Order("b2b-portal", "PO-1", customerRef,
                new Address("Acme Warehouse 3", "1 Dock Rd", "Fresno", "93701", "US"), null, "USD", "30 Days",
                List.of(lines), true, true);
    }

    /**
     * Stores an order of Acme (C-10042, US region) shipped to this country, as intake would, without starting its
     * process: for tests that start one called diagram (further-gates) on it. Answers the order's id.
     */
    public static String stored(Orders orders, String country, OrderLine... lines) {
        String id = UUID.randomUUID().toString();
        Order order = new Order("b2b-portal", "PO-" + id, "C-10042",
                new Address("Acme Warehouse 3", "1 Dock Rd", "Fresno", "93701", country), null, "USD", "30 Days",
                List.of(lines), true, true);
        orders.insert(id, order, "test-" + id, "us");
        return id;
    }

    public static OrderLine line(String lineRef, String sku, String quantity, String unitPrice) {
        return new OrderLine(lineRef, sku, new BigDecimal(quantity), "Units", new BigDecimal(unitPrice));
    }

    public static Product stocked(String sku) {
        return new Product(sku, "Product " + sku, "Units", true, "furniture");
    }

    public static Product service(String sku) {
        return new Product(sku, "Service " + sku, "Units", false, "services");
    }

    public static Customer customer(String ref) {
        return new Customer(ref, "Customer " + ref, "US", "30 Days", "wholesale");
    }

    /** A master-data port that knows exactly the customers and products given. */
    public static MasterData masterData(List<Customer> customers, Product... products) {
        Map<String, Product> bySku = new LinkedHashMap<>();
        for (Product p : products) {
            bySku.put(p.sku(), p);
        }
        return new MasterData() {
            @Override
            public List<Customer> findCustomers(String customerRef) {
                return customers.stream().filter(c -> c.ref().equals(customerRef)).toList();
            }

            @Override
            public Map<String, Product> findProducts(Collection<String> skus) {
                Map<String, Product> found = new LinkedHashMap<>(bySku);
                found.keySet().retainAll(skus);
                return found;
            }

            @Override
            public ResolvedOrder resolve(Order order) {
                return new ResolvedOrder(findCustomers(order.customerRef()),
                        findProducts(order.lines().stream().map(OrderLine::sku).toList()));
            }

            @Override
            public ResolvedOrder resolved(Order order) {
                return resolve(order);
            }
        };
    }
}
