package dev.ordergate.odoo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Odoo contact last read for a customer reference, per Odoo company (table {@code app.odoo_customers}, V200): a
 * local read model the master-data gate takes while it is fresh enough, so an order of a known customer does not
 * search Odoo for it. Only a reference that found exactly one contact is kept: an unknown or ambiguous one is asked
 * again each time, so a contact created or fixed in Odoo is seen at once. {@link #none()} keeps nothing (the odoo
 * package's protocol tests run without our database).
 */
interface OdooCustomers {

    /** The contact kept for the reference in the company, if it was read at or after {@code notBefore}. */
    Optional<OdooRecords.Partner> find(int companyKey, String customerRef, Instant notBefore);

    void keep(int companyKey, String customerRef, OdooRecords.Partner partner, Instant readAt);

    /** Forgets the reference in the company: it found no contact, or more than one, when it was last read. */
    void forget(int companyKey, String customerRef);

    static OdooCustomers none() {
        return new OdooCustomers() {
            @Override
            public Optional<OdooRecords.Partner> find(int companyKey, String customerRef, Instant notBefore) {
                return Optional.empty();
            }

            @Override
            public void keep(int companyKey, String customerRef, OdooRecords.Partner partner, Instant readAt) {
                // nowhere to keep it: the next order reads the contact again
            }

            @Override
            public void forget(int companyKey, String customerRef) {
                // nothing kept
            }
        };
    }

    /** The contacts in our own table, as JSON. */
    final class Jdbc implements OdooCustomers {

        private final JdbcClient jdbc;
        private final ObjectMapper json;
        private final TransactionTemplate ownTransaction;

        Jdbc(JdbcClient jdbc, ObjectMapper json, PlatformTransactionManager transactions) {
            this.jdbc = jdbc;
            this.json = json;
            this.ownTransaction = new TransactionTemplate(transactions);
            this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        }

        @Override
        public Optional<OdooRecords.Partner> find(int companyKey, String customerRef, Instant notBefore) {
            return jdbc.sql("""
                    SELECT partner FROM app.odoo_customers
                     WHERE company_key = :company AND customer_ref = :ref AND read_at >= :notBefore
                    """).param("company", companyKey).param("ref", customerRef)
                    .param("notBefore", OffsetDateTime.ofInstant(notBefore, ZoneOffset.UTC))
                    .query(String.class).optional().map(this::read);
        }

        /**
         * In a transaction of its own: a copy that cannot be kept (two nodes inserting the same contact at once) must
         * neither fail the order nor spoil the job's transaction; the next order reads the contact again.
         */
        @Override
        public void keep(int companyKey, String customerRef, OdooRecords.Partner partner, Instant readAt) {
            String text = write(partner);
            OffsetDateTime at = OffsetDateTime.ofInstant(readAt, ZoneOffset.UTC);
            try {
                ownTransaction.executeWithoutResult(status -> {
                    int updated = jdbc.sql("""
                            UPDATE app.odoo_customers SET partner = :partner, read_at = :at
                             WHERE company_key = :company AND customer_ref = :ref
                            """).param("partner", text).param("at", at).param("company", companyKey)
                            .param("ref", customerRef).update();
                    if (updated == 0) {
                        jdbc.sql("""
                                INSERT INTO app.odoo_customers (company_key, customer_ref, partner, read_at)
                                VALUES (:company, :ref, :partner, :at)
                                """).param("partner", text).param("at", at).param("company", companyKey)
                                .param("ref", customerRef).update();
                    }
                });
            } catch (DataAccessException notKept) {
                // another node kept the same contact in the same moment
            }
        }

        @Override
        public void forget(int companyKey, String customerRef) {
            jdbc.sql("DELETE FROM app.odoo_customers WHERE company_key = :company AND customer_ref = :ref")
                    .param("company", companyKey).param("ref", customerRef).update();
        }

        private OdooRecords.Partner read(String text) {
            try {
                return json.readValue(text, OdooRecords.Partner.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Unreadable contact in app.odoo_customers", e);
            }
        }

        private String write(OdooRecords.Partner partner) {
            try {
                return json.writeValueAsString(partner);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Contact not writable as JSON", e);
            }
        }
    }
}
