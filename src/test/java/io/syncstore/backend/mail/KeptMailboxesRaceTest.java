package io.syncstore.backend.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.james.core.Username;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.config.SyncPolicy;

/**
 * Look-ups by id and by path on several threads while another thread renames the mailbox and changes its ACL through
 * the mapper, one change after the other: once a change has returned, no look-up that starts later may answer from
 * the mailbox as it was before it. A missing forget fails it at once; the narrow window between a reading and its
 * keeping is checked more closely by {@link KeptMailboxesTest}.
 */
class KeptMailboxesRaceTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private static final Username BOB = Username.of("bob");
    private static final int CHANGES = 1000;
    private static final int READERS = 4;

    private final ExecutorService threads = Executors.newFixedThreadPool(READERS);

    /** The last change that returned: its number, and the mailbox's name since the last rename. */
    private static final class Returned {
        private final int change;
        private final String name;

        private Returned(int change, String name) {
            this.change = change;
            this.name = name;
        }
    }

    @AfterEach
    void stopReaders() {
        threads.shutdownNow();
    }

    @Test
    void noLookUpStartedAfterARenameOrAnAclChangeReturnedSeesTheMailboxOfBefore() throws Exception {
        SyncStoreMailboxMapper mapper = TestMappers.mailboxMapper(DATABASES.open(SyncPolicy.OFF));
        Mailbox mailbox = mapper.create(MailboxPath.forUser(BOB, nameAt(0)), UidValidity.of(42)).block();
        AtomicReference<Returned> returned = new AtomicReference<>(new Returned(0, nameAt(0)));
        AtomicInteger started = new AtomicInteger();
        AtomicBoolean changing = new AtomicBoolean(true);
        List<String> stale = new CopyOnWriteArrayList<>();
        List<Future<?>> readers = new ArrayList<>();
        for (int reader = 0; reader < READERS; reader++) {
            readers.add(threads.submit(() -> {
                while (changing.get()) {
                    lookUp(mapper, mailbox.getMailboxId(), returned.get(), started, stale);
                }
                return null;
            }));
        }

        for (int change = 1; change <= CHANGES; change++) {
            started.set(change);
            if (change % 2 == 0) {
                mailbox.setName(nameAt(change));
                mapper.rename(mailbox).block();
            } else {
                mapper.setACL(mailbox, MailboxACL.EMPTY.apply(
                    MailboxACL.command().forUser(userAt(change)).rights(MailboxACL.Right.Read).asAddition())).block();
            }
            returned.set(new Returned(change, mailbox.getName()));
        }
        changing.set(false);
        for (Future<?> reader : readers) {
            reader.get(1, TimeUnit.MINUTES);
        }

        assertThat(stale).isEmpty();
    }

    /**
     * A look-up by id, or by the name the mailbox had when it started: it finds nothing by that name only once the
     * next rename has started.
     */
    private static void lookUp(SyncStoreMailboxMapper mapper, MailboxId id, Returned before, AtomicInteger started,
                               List<String> stale) {
        boolean byPath = ThreadLocalRandom.current().nextBoolean();
        Mailbox seen = byPath
            ? mapper.findMailboxByPath(MailboxPath.forUser(BOB, before.name)).block()
            : mapper.findMailboxById(id).block();
        int nextRename = before.change + 2 - before.change % 2;
        if (seen == null ? started.get() < nextRename : changeOf(seen) < before.change) {
            stale.add((byPath ? "by path " : "by id ") + "after change " + before.change + ": "
                + (seen == null ? "none" : "change " + changeOf(seen)));
        }
    }

    /** The last change the mailbox shows: even ones rename it, odd ones give its only ACL entry to a new user. */
    private static int changeOf(Mailbox mailbox) {
        int renamed = Integer.parseInt(mailbox.getName().substring(1));
        int aclChanged = mailbox.getACL().getEntries().keySet().stream()
            .mapToInt(key -> Integer.parseInt(key.getName().substring(1)))
            .max().orElse(0);
        return Math.max(renamed, aclChanged);
    }

    private static String nameAt(int change) {
        return "v" + change;
    }

    private static Username userAt(int change) {
        return Username.of("u" + change);
    }
}
