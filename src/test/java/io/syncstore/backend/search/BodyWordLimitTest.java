package io.syncstore.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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

/**
 * A body of more words new to the vocabulary than the word index takes (random tokens: encoded data, keys) is searched
 * by scanning: every search answers as for any other message, and the vocabulary does not take all its words. A body
 * of as many words the vocabulary already holds is indexed whole.
 */
class BodyWordLimitTest {
    private static final int WORDS = SearchIndexRows.NEW_BODY_WORD_LIMIT + 500;

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path folder;

    @Test
    void aBodyOfManyDistinctWordsIsFoundByEveryWordAndKeepsTheVocabularyBounded() throws Exception {
        Database database = databases.open(TestDatabases.configurationIn(folder, SyncPolicy.NORMAL));
        SyncStoreResources resources = SyncStoreResources.defaultResources(database);
        MailboxSession session = resources.getMailboxManager().createSystemSession(Username.of("user"));
        resources.getMailboxManager().createMailbox(MailboxPath.inbox(session), session);
        MessageManager inbox = resources.getMailboxManager().getMailbox(MailboxPath.inbox(session), session);
        MessageUid many = append(inbox, session, "Subject: keys\r\n\r\n" + tokens(WORDS) + " zanzibar\r\n");
        MessageUid few = append(inbox, session, "Subject: short\r\n\r\nzanzibar here\r\n");
        MessageUid neither = append(inbox, session, "Subject: none\r\n\r\nlorem\r\n");
        MessageUid known = append(inbox, session, "Subject: known\r\n\r\n" + tokens(WORDS - 600) + " zanzibar\r\n");
        String lastToken = "k" + Integer.toString((WORDS - 1) * 7919, 36) + "q";

        assertThat(search(resources, inbox, session, SearchQuery.bodyContains("ZANZIBAR"))).containsExactly(many, few, known);
        assertThat(search(resources, inbox, session, SearchQuery.mailContains(lastToken + " zanzibar"))).containsExactly(many);
        assertThat(search(resources, inbox, session, SearchQuery.bodyContains("k0q k"))).containsExactly(many, known);
        assertThat(search(resources, inbox, session, SearchQuery.not(SearchQuery.bodyContains("zanzibar")))).containsExactly(neither);
        assertThat(search(resources, inbox, session, SearchQuery.or(SearchQuery.bodyContains(lastToken),
            SearchQuery.headerContains("Subject", "none")))).containsExactly(many, neither);
        if (!TestDatabases.POSTGRESQL) {
            // PostgreSQL indexes the text itself: it has no vocabulary to bound
            long vocabulary = database.read(connection -> Sql.count(connection, "SELECT count(*) FROM search_term"));
            assertThat(vocabulary).isLessThanOrEqualTo(SearchIndexRows.NEW_BODY_WORD_LIMIT + 50);
            assertThat(beyondIndex(database, many)).isTrue();
            assertThat(beyondIndex(database, known)).isFalse();
        }
    }

    private static String tokens(int count) {
        return IntStream.range(0, count).mapToObj(i -> "k" + Integer.toString(i * 7919, 36) + "q").collect(Collectors.joining(" "));
    }

    private static boolean beyondIndex(Database database, MessageUid uid) throws Exception {
        return database.read(connection -> Sql.count(connection, "SELECT s.body_beyond_index FROM mailbox_message mm "
            + "JOIN message_search s ON s.message_pk = mm.message_id WHERE mm.uid = ?", uid.asLong())) == 1;
    }

    private static MessageUid append(MessageManager mailbox, MailboxSession session, String message) throws Exception {
        return mailbox.appendMessage(MessageManager.AppendCommand.builder().build(message), session).getId().getUid();
    }

    private static List<MessageUid> search(SyncStoreResources resources, MessageManager mailbox, MailboxSession session,
                                           SearchQuery.Criterion criterion) throws Exception {
        return resources.getSearchIndex().search(session, mailbox.getMailboxEntity(), SearchQuery.of(criterion))
            .collectList().block();
    }
}
