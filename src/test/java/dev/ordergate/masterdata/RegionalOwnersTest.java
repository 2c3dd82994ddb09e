package dev.ordergate.masterdata;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A region's own master-data owners are checked at start-up: a typo stops the node instead of owning nothing. */
class RegionalOwnersTest {

    @Test
    void aRegionMayGiveAKnownFieldToAKnownSystem() {
        assertThatCode(() -> MasterDataSync.checkRegionalOwners(Map.of("eu",
                Map.of("customers", Map.of("email", "odoo", "creditLimit", "finance")))))
                .doesNotThrowAnyException();
    }

    @Test
    void anUnknownEntityFieldOrSystemNamesTheSetting() {
        assertThatThrownBy(() -> MasterDataSync.checkRegionalOwners(Map.of("eu", Map.of("suppliers", Map.of("email", "odoo")))))
                .hasMessageContaining("ordergate.regions.eu.master-data.owners.suppliers.email");
        assertThatThrownBy(() -> MasterDataSync.checkRegionalOwners(Map.of("eu", Map.of("customers", Map.of("mail", "odoo")))))
                .hasMessageContaining("'mail' is not a field of customers");
        assertThatThrownBy(() -> MasterDataSync.checkRegionalOwners(Map.of("eu", Map.of("customers", Map.of("email", "mdm")))))
                .hasMessageContaining("'mdm' is not one of");
    }
}
