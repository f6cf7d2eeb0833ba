package io.syncstore.backend.jmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.jmap.api.change.EmailChange;
import org.apache.james.jmap.api.change.Limit;
import org.apache.james.jmap.api.change.MailboxChange;
import org.apache.james.jmap.api.change.State;
import org.apache.james.jmap.api.exception.ChangeNotFoundException;
import org.apache.james.jmap.api.model.AccountId;
import org.apache.james.mailbox.model.TestMessageId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.model.SyncStoreMailboxId;

/** The change logs keep a bounded past: beyond it a client's old state gets cannotCalculateChanges. */
class ChangeRetentionTest {
    /** For the contracts: a bound no test reaches, pruning at every save so that the statements run on each backend. */
    static final ChangeRetention PRUNING_NOTHING = new ChangeRetention(Duration.ofDays(36500), Integer.MAX_VALUE, 1);

    private static final AccountId ACCOUNT = AccountId.fromString("alice@example.com");
    private static final AccountId OTHER = AccountId.fromString("bob@example.com");
    private static final Limit LIMIT = Limit.of(256);

    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @Test
    void beyondTheCountTheOldStatesCannotCalculateChangesAndTheKeptOnesStillDo() {
        Database database = DATABASES.open();
        SyncStoreEmailChangeRepository emails = new SyncStoreEmailChangeRepository(database, new TestMessageId.Factory(), LIMIT,
            new ChangeRetention(Duration.ofDays(30), 3, 1));
        List<State> states = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            states.add(saveEmailChange(emails, ACCOUNT, ZonedDateTime.now().minusMinutes(10 - i), i));
        }
        State otherAccountsFirst = saveEmailChange(emails, OTHER, ZonedDateTime.now().minusMinutes(20), 100);
        saveEmailChange(emails, OTHER, ZonedDateTime.now(), 101);

        for (State pruned : states.subList(0, 3)) {
            assertThatThrownBy(() -> emails.getSinceState(ACCOUNT, pruned, Optional.empty()).block())
                .isInstanceOf(ChangeNotFoundException.class);
        }
        assertThat(emails.getSinceState(ACCOUNT, states.get(3), Optional.empty()).block().getCreated())
            .containsExactly(TestMessageId.of(4), TestMessageId.of(5));
        assertThat(emails.getLatestState(ACCOUNT).block()).isEqualTo(states.get(5));
        assertThat(emails.getSinceState(OTHER, otherAccountsFirst, Optional.empty()).block().getCreated())
            .as("another account's log is pruned on its own count").containsExactly(TestMessageId.of(101));
    }

    @Test
    void olderThanTheAgeTheStatesCannotCalculateChangesButTheNewestStays() {
        Database database = DATABASES.open();
        SyncStoreMailboxChangeRepository mailboxes = new SyncStoreMailboxChangeRepository(database, new SyncStoreMailboxId.Factory(), LIMIT,
            new ChangeRetention(Duration.ofDays(30), 1000, 1));
        State old = saveMailboxChange(mailboxes, ZonedDateTime.now().minusDays(60), 1);
        State newestButOld = saveMailboxChange(mailboxes, ZonedDateTime.now().minusDays(40), 2);

        assertThatThrownBy(() -> mailboxes.getSinceState(ACCOUNT, old, Optional.empty()).block())
            .isInstanceOf(ChangeNotFoundException.class);
        assertThat(mailboxes.getLatestState(ACCOUNT).block()).as("an account keeps its state").isEqualTo(newestButOld);

        State recent = saveMailboxChange(mailboxes, ZonedDateTime.now().minusDays(1), 3);
        assertThatThrownBy(() -> mailboxes.getSinceState(ACCOUNT, newestButOld, Optional.empty()).block())
            .isInstanceOf(ChangeNotFoundException.class);
        assertThat(mailboxes.getSinceState(ACCOUNT, recent, Optional.empty()).block().getAllChanges()).isEmpty();
    }

    private static State saveEmailChange(SyncStoreEmailChangeRepository repository, AccountId account, ZonedDateTime date, long created) {
        State state = State.Factory.DEFAULT.generate();
        repository.save(EmailChange.builder().accountId(account).state(state).date(date).isDelegated(false)
            .created(TestMessageId.of(created)).build()).block();
        return state;
    }

    private static State saveMailboxChange(SyncStoreMailboxChangeRepository repository, ZonedDateTime date, long created) {
        State state = State.Factory.DEFAULT.generate();
        repository.save(MailboxChange.builder().accountId(ACCOUNT).state(state).date(date).isCountChange(false)
            .created(List.of(SyncStoreMailboxId.of(created))).build()).block();
        return state;
    }
}
