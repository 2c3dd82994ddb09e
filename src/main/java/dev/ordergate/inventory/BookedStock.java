package dev.ordergate.inventory;

import java.util.List;

/** The stock the books hold (Odoo's quantities per product and warehouse), which should match the warehouse's count. */
public interface BookedStock {

    /** On hand and reserved per product (by SKU) and warehouse (by its code); products with no stock may be left out. */
    List<StockCount> counts();
}
