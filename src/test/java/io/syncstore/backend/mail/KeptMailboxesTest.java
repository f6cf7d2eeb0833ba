package io.syncstore.backend.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.core.Username;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.junit.jupiter.api.Test;

import io.syncstore.backend.model.SyncStoreMailboxId;
import reactor.core.publisher.Mono;

class KeptMailboxesTest {
    private static final long ID = 7;
    private static final MailboxPath PATH = MailboxPath.forUser(Username.of("bob"), "INBOX");

    private final AtomicInteger reads = new AtomicInteger();

    private Mono<Mailbox> read() {
        return Mono.fromCallable(() -> {
            reads.incrementAndGet();
            return new Mailbox(PATH, UidValidity.of(42), SyncStoreMailboxId.of(ID));
        });
    }

    @Test
    void aReadingIsKeptBetweenLookUps() {
        KeptMailboxes kept = new KeptMailboxes();

        kept.byId(ID, read()).block();
        kept.byId(ID, read()).block();
        kept.byPath(PATH, read()).block();

        assertThat(reads).hasValue(1);
    }

    @Test
    void aReadingThatRanWhileAMailboxWasForgottenIsNotKept() {
        KeptMailboxes kept = new KeptMailboxes();
        Mono<Mailbox> forgettingWhileReading = read().doOnSubscribe(any -> kept.forget(ID));

        kept.byId(ID, forgettingWhileReading).block();
        kept.byId(ID, read()).block();
        kept.byId(ID, read()).block();

        assertThat(reads).hasValue(2);
    }

    @Test
    void aReadingThatRanWhileAnotherMailboxWasForgottenIsNotKeptEither() {
        KeptMailboxes kept = new KeptMailboxes();

        kept.byPath(PATH, read().doOnSubscribe(any -> kept.forget(ID + 1))).block();
        kept.byPath(PATH, read()).block();

        assertThat(reads).hasValue(2);
    }

    @Test
    void aForgottenMailboxIsReadAgain() {
        KeptMailboxes kept = new KeptMailboxes();
        kept.byId(ID, read()).block();

        kept.forget(ID);
        kept.byId(ID, read()).block();
        kept.byPath(PATH, read()).block();

        assertThat(reads).hasValue(2);
    }

    @Test
    void aReadingExpires() throws InterruptedException {
        KeptMailboxes kept = new KeptMailboxes(Duration.ofMillis(50));
        kept.byId(ID, read()).block();

        Thread.sleep(200);
        kept.byId(ID, read()).block();
        Thread.sleep(200);
        kept.byPath(PATH, read()).block();

        assertThat(reads).hasValue(3);
    }
}
