package dev.ordergate.odoo;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.ordergate.odoo.OdooFixtures.orderSearch;
import static dev.ordergate.odoo.OdooFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordergate.invoicing.InvoiceRef;
import dev.ordergate.invoicing.Invoices;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OdooInvoicesTest extends OdooTest {

    static final String KEY = "shop:EXT-0001";

    @Autowired
    Invoices invoices;

    private final OdooExchange wizard = OdooExchange.recorded(59);
    private final OdooExchange createInvoices = OdooExchange.recorded(60);
    private final OdooExchange post = OdooExchange.recorded(64);
    private final OdooExchange readPosted = OdooExchange.recorded(65).withFields("name", "state", "amount_total");

    @Test
    void invoicesWhatWasDeliveredThroughTheWizardAndPostsIt() {
        stub(orderSearch(KEY, List.of("name", "invoice_ids"),
                record("id", 25, "name", "S00025", "invoice_ids", List.of())), wizard, createInvoices, post, readPosted);

        InvoiceRef invoice = invoices.invoiceDelivered(KEY);

        assertThat(invoice).isEqualTo(new InvoiceRef("INV/2026/00005", new BigDecimal("1882.78")));
        List.of(wizard, createInvoices, post, readPosted).forEach(e -> ODOO.verify(exactly(1), e.requested()));
    }

    @Test
    void anOrderAlreadyInvoicedAnswersItsPostedInvoice() {
        stub(orderSearch(KEY, List.of("name", "invoice_ids"),
                record("id", 25, "name", "S00025", "invoice_ids", List.of(25))), readPosted);

        InvoiceRef invoice = invoices.invoiceDelivered(KEY);

        assertThat(invoice.number()).isEqualTo("INV/2026/00005");
        ODOO.verify(exactly(0), wizard.requested());
        ODOO.verify(exactly(0), post.requested());
    }

    @Test
    void aDraftInvoiceLeftByALostAnswerIsPostedNotCreatedAgain() {
        stub(orderSearch(KEY, List.of("name", "invoice_ids"),
                record("id", 25, "name", "S00025", "invoice_ids", List.of(25))));
        ODOO.stubFor(OdooExchange.recorded(62).withFields("name", "state", "amount_total").stub()
                .inScenario("post").whenScenarioStateIs(STARTED));
        ODOO.stubFor(post.stub().inScenario("post").willSetStateTo("posted"));
        ODOO.stubFor(readPosted.stub().inScenario("post").whenScenarioStateIs("posted"));

        InvoiceRef invoice = invoices.invoiceDelivered(KEY);

        assertThat(invoice.number()).isEqualTo("INV/2026/00005");
        ODOO.verify(exactly(1), post.requested());
        ODOO.verify(exactly(0), wizard.requested());
    }
}
