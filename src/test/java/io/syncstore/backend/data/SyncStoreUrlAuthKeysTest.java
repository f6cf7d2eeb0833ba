package io.syncstore.backend.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.james.core.Username;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.model.SyncStoreMailboxId;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

class SyncStoreUrlAuthKeysTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private static final Username ALICE = Username.of("alice@example.com");
    private static final Username BOB = Username.of("bob@example.com");
    private static final SyncStoreMailboxId INBOX = SyncStoreMailboxId.of(1);
    private static final SyncStoreMailboxId SENT = SyncStoreMailboxId.of(2);

    private Database database;
    private SyncStoreUrlAuthKeys keys;

    @BeforeEach
    void setUp() {
        database = DATABASES.open();
        keys = new SyncStoreUrlAuthKeys(database);
    }

    @Test
    void aKeyIsMadeOnceAndKeptAcrossInstances() {
        assertThat(keys.existingKey(ALICE, INBOX).blockOptional()).isEmpty();
        byte[] key = keys.key(ALICE, INBOX).block();
        assertThat(key).hasSizeGreaterThanOrEqualTo(16);
        assertThat(keys.key(ALICE, INBOX).block()).isEqualTo(key);
        assertThat(new SyncStoreUrlAuthKeys(database).existingKey(ALICE, INBOX).block()).isEqualTo(key);
    }

    @Test
    void keysDifferByUserAndMailbox() {
        List<byte[]> all = List.of(keys.key(ALICE, INBOX).block(), keys.key(ALICE, SENT).block(), keys.key(BOB, INBOX).block());
        assertThat(all.stream().map(Arrays::toString).distinct()).hasSize(3);
    }

    @Test
    void resetForgetsOneMailboxsKeyAndResetAllEveryKeyOfTheUser() {
        byte[] inbox = keys.key(ALICE, INBOX).block();
        keys.key(ALICE, SENT).block();
        byte[] bobs = keys.key(BOB, INBOX).block();

        keys.reset(ALICE, INBOX).block();
        assertThat(keys.existingKey(ALICE, INBOX).blockOptional()).isEmpty();
        assertThat(keys.existingKey(ALICE, SENT).blockOptional()).isPresent();
        assertThat(keys.key(ALICE, INBOX).block()).isNotEqualTo(inbox);

        keys.resetAll(ALICE).block();
        assertThat(keys.existingKey(ALICE, INBOX).blockOptional()).isEmpty();
        assertThat(keys.existingKey(ALICE, SENT).blockOptional()).isEmpty();
        assertThat(keys.existingKey(BOB, INBOX).block()).isEqualTo(bobs);
    }

    @Test
    void callersMakingTheFirstKeyAtOnceAllGetTheSameOne() {
        for (int round = 0; round < 3; round++) {
            SyncStoreMailboxId mailbox = SyncStoreMailboxId.of(100 + round);
            List<String> made = Flux.fromStream(IntStream.range(0, 16).boxed())
                .flatMap(i -> keys.key(ALICE, mailbox).subscribeOn(Schedulers.boundedElastic()), 16)
                .map(Arrays::toString)
                .collect(Collectors.toList())
                .block();
            assertThat(made).hasSize(16);
            assertThat(made.stream().distinct()).hasSize(1);
        }
    }
}
