package dev.ordergate.edi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordergate.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The watched folder: a file still being written (named .part) is left alone, a settled one is taken once and
 * moved to processed/ with its acknowledgement, a broken one to rejected/ with its reasons and nothing stored.
 */
@IntegrationTest
class EdiInboxTest {

    @Autowired
    EdiProperties settings;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aSettledInterchangeIsTakenOnceAndFiledWithItsAcknowledgement() throws Exception {
        Path inbox = Files.createDirectories(settings.inbox().folder());
        String interchange = EdiIntakeTest.edi("x12-850-4010-two-pos.edi")
                .replace("000000101", "000000701").replace("*101*", "*701*").replace("GE*2*101", "GE*2*701")
                .replace("PO-X12-4010-A", "PO-INBOX-A").replace("PO-X12-4010-B", "PO-INBOX-B");
        Path part = inbox.resolve("acme-701.edi.part");
        Files.writeString(part, interchange);

        Thread.sleep(settings.inbox().settleAfter().multipliedBy(3).toMillis());
        assertThat(part).exists();
        assertThat(orders("PO-INBOX-%")).isZero();

        Files.move(part, inbox.resolve("acme-701.edi"));

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve("processed/acme-701.edi")));
        assertThat(inbox.resolve("acme-701.edi")).doesNotExist();
        assertThat(Files.readString(inbox.resolve("processed/acme-701.edi.ack"))).contains("AK9*A*2*2*2~");
        assertThat(orders("PO-INBOX-%")).isEqualTo(2);
    }

    @Test
    void aBrokenInterchangeIsFiledAsRejectedWithItsReasonsAndNothingStored() throws Exception {
        Path inbox = Files.createDirectories(settings.inbox().folder());
        long interchanges = jdbc.sql("SELECT COUNT(*) FROM app.edi_interchanges").query(Long.class).single();
        Files.writeString(inbox.resolve("broken.tmp"), EdiIntakeTest.edi("broken/x12-unknown-item.edi"));
        Files.move(inbox.resolve("broken.tmp"), inbox.resolve("broken.edi"));

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve("rejected/broken.edi")));
        assertThat(Files.readString(inbox.resolve("rejected/broken.edi.errors"))).contains("ACME-NO-SUCH-PART");
        assertThat(Files.readString(inbox.resolve("rejected/broken.edi.ack"))).contains("AK9*R");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app.edi_interchanges").query(Long.class).single())
                .isEqualTo(interchanges);
    }

    private long orders(String refPattern) {
        return jdbc.sql("SELECT COUNT(*) FROM app.orders WHERE channel_order_ref LIKE :p").param("p", refPattern)
                .query(Long.class).single();
    }
}
