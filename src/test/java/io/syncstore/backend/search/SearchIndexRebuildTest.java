package io.syncstore.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.SearchQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;

/**
 * The index lives with the messages: after a restart it answers without a rebuild; index rows missing (a database of
 * before the index) or of an older format are made again when the store opens; an expunged message leaves it.
 */
class SearchIndexRebuildTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path folder;

    @Test
    void indexSurvivesRestartAndIsRebuiltWhenMissingOrOlder() throws Exception {
        SyncStoreConfiguration configuration = TestDatabases.configurationIn(folder, SyncPolicy.NORMAL);
        Database first = databases.open(configuration);
        Store store = new Store(first);
        MessageUid report = store.append("Subject: Quarterly =?UTF-8?Q?R=C3=A9port?=\r\n\r\nnumbers\r\n");
        MessageUid lunch = store.append("Subject: lunch\r\nContent-Transfer-Encoding: base64\r\n\r\nYmFuYW5hIGJyZWFk\r\n");
        MessageUid gone = store.append("Subject: old report\r\n\r\nbanana\r\n");
        store.mailbox.delete(List.of(gone), store.session);
        assertThat(store.search(SearchQuery.headerContains("Subject", "rÉport"))).containsExactly(report);
        first.close();

        Database second = databases.open(configuration);
        assertThat(indexed(second)).isEqualTo(2);
        Store reopened = new Store(second);
        assertThat(reopened.search(SearchQuery.bodyContains("BANANA"))).containsExactly(lunch);

        second.write(connection -> {
            Sql.update(connection, "DELETE FROM message_text");
            Sql.update(connection, "DELETE FROM message_search WHERE message_pk = (SELECT min(message_pk) FROM message_search)");
            Sql.update(connection, "UPDATE message_search SET format = 0");
            return null;
        });
        assertThat(SearchIndexRows.rebuild(second, new io.syncstore.backend.content.ContentStore(second))).isEqualTo(2);
        assertThat(reopened.search(SearchQuery.headerContains("Subject", "réport"))).containsExactly(report);
        assertThat(reopened.search(SearchQuery.bodyContains("bread"))).containsExactly(lunch);
        assertThat(SearchIndexRows.rebuild(second, new io.syncstore.backend.content.ContentStore(second))).isZero();
    }

    @Test
    void textBeyondTheIndexedPartOfALongBodyIsFoundByScanning() throws Exception {
        Database database = databases.open(TestDatabases.configurationIn(folder, SyncPolicy.NORMAL));
        Store store = new Store(database);
        String filler = "lorem ipsum dolor sit amet\r\n".repeat(SearchText.INDEXED_BODY_LIMIT / 20);
        MessageUid longOne = store.append("Subject: long\r\n\r\n" + filler + "zanzibar at the end\r\n");
        MessageUid shortOne = store.append("Subject: short\r\n\r\nzanzibar here\r\n");
        MessageUid neither = store.append("Subject: none\r\n\r\nlorem\r\n");

        assertThat(store.search(SearchQuery.bodyContains("ZANZIBAR"))).containsExactly(longOne, shortOne);
        assertThat(store.search(SearchQuery.mailContains("zanzibar at"))).containsExactly(longOne);
        assertThat(store.search(SearchQuery.not(SearchQuery.bodyContains("zanzibar")))).containsExactly(neither);
        assertThat(store.search(SearchQuery.or(SearchQuery.bodyContains("zanzibar at"), SearchQuery.headerContains("Subject", "none"))))
            .containsExactly(longOne, neither);
    }

    private static long indexed(Database database) throws Exception {
        return database.read(connection -> Sql.count(connection, "SELECT count(*) FROM message_search WHERE format = ?",
            SearchText.FORMAT));
    }

    private static final class Store {
        final MailboxSession session;
        final MessageManager mailbox;
        final SyncStoreResources resources;

        Store(Database database) throws Exception {
            resources = SyncStoreResources.defaultResources(database);
            session = resources.getMailboxManager().createSystemSession(Username.of("user"));
            MailboxPath inbox = MailboxPath.inbox(session);
            if (!reactor.core.publisher.Mono.from(resources.getMailboxManager().mailboxExists(inbox, session)).block()) {
                resources.getMailboxManager().createMailbox(inbox, session);
            }
            mailbox = resources.getMailboxManager().getMailbox(inbox, session);
        }

        MessageUid append(String message) throws Exception {
            return mailbox.appendMessage(MessageManager.AppendCommand.builder().build(message), session).getId().getUid();
        }

        List<MessageUid> search(SearchQuery.Criterion criterion) throws Exception {
            return resources.getSearchIndex().search(session, mailbox.getMailboxEntity(), SearchQuery.of(criterion))
                .collectList().block();
        }
    }
}
