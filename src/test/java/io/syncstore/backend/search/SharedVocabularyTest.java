package io.syncstore.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.SearchQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.model.SyncStoreMailboxId;

/**
 * The vocabulary of SQLite's word index is every user's: a short or common value searched in a small mailbox must
 * cost what the mailbox holds, not what another user's mail brought to the vocabulary, and find exactly the same.
 */
class SharedVocabularyTest {
    /** Words of the other user's mail: each holds "e" and "com", more of them than a value may ever read. */
    private static final int FILLER_WORDS = WordIndexMatching.VOCABULARY_FLOOR + 1_000;
    private static final int WORDS_PER_FILLER_MESSAGE = 200;

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Test
    void aSmallMailboxIsSearchedByItsOwnMessagesWhenTheVocabularyIsFullOfAnotherUsersWords() throws Exception {
        Database database = databases.open();
        SyncStoreResources resources = SyncStoreResources.defaultResources(database);
        User other = new User(resources, "other");
        for (int first = 0; first < FILLER_WORDS; first += WORDS_PER_FILLER_MESSAGE) {
            StringBuilder body = new StringBuilder();
            for (int word = first; word < first + WORDS_PER_FILLER_MESSAGE; word++) {
                body.append("e").append(word).append(".com ");
            }
            other.append("From: <filler@example.com>\r\nSubject: filler\r\n\r\n" + body + "\r\n");
        }
        User user = new User(resources, "user");
        MessageUid green = user.append("From: Ann <ann@example.com>\r\nSubject: tree\r\n\r\ngreen leaves\r\n");
        MessageUid blue = user.append("From: Bob <bob@example.org>\r\nSubject: sky\r\n\r\nblue sky\r\n");
        MessageUid dry = user.append("From: Cy <cy@example.org>\r\nSubject: dust\r\n\r\ndry ox\r\n");

        assertThat(user.search(SearchQuery.bodyContains("E"))).containsExactly(green, blue);
        assertThat(user.search(SearchQuery.bodyContains("ee"))).containsExactly(green);
        assertThat(user.search(SearchQuery.address(SearchQuery.AddressType.From, "com"))).containsExactly(green);
        assertThat(user.search(SearchQuery.address(SearchQuery.AddressType.From, "@"))).containsExactly(green, blue, dry);
        assertThat(user.search(SearchQuery.mailContains("e1.com"))).isEmpty();
        assertThat(user.search(SearchQuery.bodyContains("n leaves"))).containsExactly(green);
        assertThat(user.search(SearchQuery.bodyContains("e s"))).containsExactly(blue);
        assertThat(user.search(SearchQuery.not(SearchQuery.bodyContains("e")))).containsExactly(dry);
        assertThat(user.search(SearchQuery.headerContains("Subject", "e"))).containsExactly(green);
        assertThat(other.search(SearchQuery.bodyContains("e17.c"))).hasSize(1);

        long mailbox = SyncStoreMailboxId.from(user.mailbox.getMailboxEntity().getMailboxId()).value();
        WordIndexMatching matching = new WordIndexMatching(WordIndexSql.of(database.dialect()), new ContentStore(database));
        long mostRows = WordIndexMatching.WORDS_FLOOR + 1 + 10 * 3;
        for (String value : List.of("e", "com", "@", "e s")) {
            for (List<String> columns : List.of(List.of("body"), List.of("hdr_from"), List.of("headers", "body"))) {
                CountedConnection counted = database.read(connection -> {
                    CountedConnection counting = new CountedConnection();
                    matching.contains(matching.scope(counting.around(connection), List.of(mailbox)), columns, value,
                        new ArrayList<>());
                    return counting;
                });
                assertThat(counted.rows).as("rows read for %s in %s", value, columns).isLessThanOrEqualTo(mostRows);
                assertThat(counted.queries).as("queries for %s in %s", value, columns).isLessThanOrEqualTo(12);
            }
        }
    }

    /** A user with an INBOX, appending to it and searching it. */
    static final class User {
        final SyncStoreResources resources;
        final MailboxSession session;
        final MessageManager mailbox;

        User(SyncStoreResources resources, String name) throws Exception {
            this.resources = resources;
            session = resources.getMailboxManager().createSystemSession(Username.of(name));
            MailboxPath inbox = MailboxPath.inbox(session);
            resources.getMailboxManager().createMailbox(inbox, session);
            mailbox = resources.getMailboxManager().getMailbox(inbox, session);
        }

        /** Appends the message and waits until it is indexed: these tests are of the index. */
        MessageUid append(String message) throws Exception {
            MessageUid uid = mailbox.appendMessage(MessageManager.AppendCommand.builder().build(message), session).getId().getUid();
            resources.awaitIndexed();
            return uid;
        }

        List<MessageUid> search(SearchQuery.Criterion criterion) throws Exception {
            return resources.getSearchIndex().search(session, mailbox.getMailboxEntity(), SearchQuery.of(criterion))
                .collectList().block();
        }
    }
}
