package io.syncstore.backend.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

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

    private static final int READERS = 4;
    private static final long FORGOTTEN_CHANGES = 200_000;

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

    /**
     * A "database" whose row's UIDVALIDITY counts its changes, each change forgotten after it is made, and look-ups
     * on other threads: none that starts after a change was forgotten answers from the row of before it.
     */
    @Test
    void noLookUpStartedAfterAForgettingSeesTheReadingOfBeforeIt() throws Exception {
        KeptMailboxes kept = new KeptMailboxes();
        AtomicReference<Mailbox> row = new AtomicReference<>(mailboxAt(0));
        AtomicLong forgotten = new AtomicLong();
        AtomicBoolean changing = new AtomicBoolean(true);
        List<String> stale = new CopyOnWriteArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int reader = 0; reader < READERS; reader++) {
                running.add(readers.submit(() -> {
                    while (changing.get()) {
                        long before = forgotten.get();
                        long seen = kept.byId(ID, Mono.fromCallable(row::get)).block().getUidValidity().asLong() - 1;
                        if (seen < before) {
                            stale.add("after change " + before + ": change " + seen);
                        }
                    }
                    return null;
                }));
            }
            for (long change = 1; change <= FORGOTTEN_CHANGES; change++) {
                row.set(mailboxAt(change));
                kept.forget(ID);
                forgotten.set(change);
            }
            changing.set(false);
            for (Future<?> reader : running) {
                reader.get(1, TimeUnit.MINUTES);
            }
        } finally {
            readers.shutdownNow();
        }

        assertThat(stale).isEmpty();
    }

    private static Mailbox mailboxAt(long change) {
        return new Mailbox(PATH, UidValidity.of(change + 1), SyncStoreMailboxId.of(ID));
    }
}
