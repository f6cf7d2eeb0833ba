package io.syncstore.backend.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.mail.internet.MimeMessage;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.Mails;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.google.common.base.Strings;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.ContentSql;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;
import reactor.core.publisher.Flux;

class MailQueueDurabilityTest {
    private static final MailQueueName SPOOL = MailQueueName.of("spool");

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path folder;

    @Test
    void queuedAndUnacknowledgedMailsAreThereAfterReopeningTheDatabase() throws Exception {
        // on PostgreSQL the item left in flight comes back when its lease runs out (another node may hold it)
        SyncStoreConfiguration configuration = TestDatabases.configurationIn(folder, SyncPolicy.NORMAL).toBuilder()
            .mailQueueLease(Duration.ofSeconds(2))
            .build();
        // Larger than the inline threshold, so that the content lives in a file of the content store.
        MimeMessage bigMessage = MimeMessageBuilder.mimeMessageBuilder()
            .setSubject("big")
            .setText(Strings.repeat("0123456789\r\n", 20_000))
            .build();

        Database firstRun = databases.open(configuration);
        SyncStoreMailQueueFactory firstFactory = TestQueues.factory(firstRun);
        MailQueue queue = firstFactory.createQueue(SPOOL);
        queue.enQueue(Mails.defaultMail().name("dequeued-not-acknowledged").mimeMessage(bigMessage).build());
        queue.enQueue(Mails.defaultMail().name("queued").build());
        MailQueue.MailQueueItem inFlight = Flux.from(queue.deQueue()).blockFirst(Duration.ofSeconds(10));
        assertThat(inFlight.getMail().getName()).isEqualTo("dequeued-not-acknowledged");
        firstFactory.close();
        firstRun.close();

        Database secondRun = databases.open(configuration);
        SyncStoreMailQueueFactory secondFactory = TestQueues.factory(secondRun);
        SyncStoreMailQueue reopened = secondFactory.getQueue(SPOOL).orElseThrow();
        assertThat(reopened.getSize()).isEqualTo(2);

        List<MailQueue.MailQueueItem> items = Flux.from(reopened.deQueue()).take(2).collectList().block(Duration.ofSeconds(10));
        assertThat(items).extracting(item -> item.getMail().getName())
            .containsExactlyInAnyOrder("dequeued-not-acknowledged", "queued");
        Mail big = items.stream().map(MailQueue.MailQueueItem::getMail)
            .filter(mail -> mail.getName().equals("dequeued-not-acknowledged")).findFirst().orElseThrow();
        assertThat(asString(big)).isEqualTo(asString(bigMessage));

        for (MailQueue.MailQueueItem item : items) {
            item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
        }
        assertThat(reopened.getSize()).isZero();
        long storedBytes = secondRun.read(connection -> Sql.count(connection, ContentSql.TOTAL_STORED_BYTES));
        assertThat(storedBytes)
            .as("content of acknowledged mails is released")
            .isZero();
        assertThat(secondFactory.listCreatedMailQueues()).containsExactly(SPOOL);
        secondFactory.close();
    }

    private static String asString(Mail mail) throws Exception {
        return asString(mail.getMessage());
    }

    private static String asString(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
