package io.syncstore.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.SearchQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.config.SyncPolicy;

/**
 * A body or header of more words new to the vocabulary than the word index takes (random tokens: encoded data, keys),
 * or of more text than the index takes, is searched by scanning: every search answers as for any other message, and
 * the vocabulary does not take all its words. A body of as many words the vocabulary already holds is indexed whole.
 */
class WordLimitTest {
    private static final int WORDS = SearchIndexRows.NEW_WORD_LIMIT + 500;

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path folder;
    private Database database;
    private SyncStoreResources resources;
    private MailboxSession session;
    private MessageManager inbox;

    @BeforeEach
    void open() throws Exception {
        database = databases.open(TestDatabases.configurationIn(folder, SyncPolicy.NORMAL));
        resources = SyncStoreResources.defaultResources(database);
        session = resources.getMailboxManager().createSystemSession(Username.of("user"));
        inbox = mailbox(resources, session, "INBOX");
    }

    @Test
    void aBodyOfManyDistinctWordsIsFoundByEveryWordAndKeepsTheVocabularyBounded() throws Exception {
        MessageUid many = append(inbox, session, "Subject: keys\r\n\r\n" + tokens(WORDS) + " zanzibar\r\n");
        MessageUid few = append(inbox, session, "Subject: short\r\n\r\nzanzibar here\r\n");
        MessageUid neither = append(inbox, session, "Subject: none\r\n\r\nlorem\r\n");
        MessageUid known = append(inbox, session, "Subject: known\r\n\r\n" + tokens(WORDS - 600) + " zanzibar\r\n");
        String lastToken = "k" + Integer.toString((WORDS - 1) * 7919, 36) + "q";
        resources.awaitIndexed();

        assertThat(search(resources, inbox, session, SearchQuery.bodyContains("ZANZIBAR"))).containsExactly(many, few, known);
        assertThat(search(resources, inbox, session, SearchQuery.mailContains(lastToken + " zanzibar"))).containsExactly(many);
        assertThat(search(resources, inbox, session, SearchQuery.bodyContains("k0q k"))).containsExactly(many, known);
        assertThat(search(resources, inbox, session, SearchQuery.not(SearchQuery.bodyContains("zanzibar")))).containsExactly(neither);
        assertThat(search(resources, inbox, session, SearchQuery.or(SearchQuery.bodyContains(lastToken),
            SearchQuery.headerContains("Subject", "none")))).containsExactly(many, neither);
        long vocabulary = database.read(connection -> Sql.count(connection, "SELECT count(*) FROM search_term"));
        assertThat(vocabulary).isLessThanOrEqualTo(SearchIndexRows.NEW_WORD_LIMIT + 50);
        assertThat(beyondIndex(database, many)).isTrue();
        assertThat(beyondIndex(database, known)).isFalse();
    }

    @Test
    void aHeaderOfManyDistinctWordsOrOfLongTextIsFoundByEveryHeaderKey() throws Exception {
        MessageManager archive = mailbox(resources, session, "Archive");
        // About 200 KB of random base-36 words in one field, folded, and fields after it
        String longField = folded(IntStream.range(0, 24_000).mapToObj(i -> Long.toString(i * 1_000_003L + 7_777_777L, 36)));
        MessageUid longHeader = append(inbox, session, "Subject: tokens\r\nX-Data: " + longField + " zanzibar\r\n"
            + "From: Ann <ann@example.org>\r\nCc: Dee <dee@example.org>\r\nBcc: eve@example.org\r\n\r\nplain\r\n");
        String manyWords = folded(IntStream.range(0, WORDS).mapToObj(i -> "h" + Integer.toString(i * 7919, 36) + "q"));
        MessageUid manyHeaderWords = append(inbox, session, "From: Bob <bob@example.org>\r\nX-Keys: " + manyWords
            + " zanzibar\r\nSubject: keys\r\nTo: Flo <flo@example.org>\r\n\r\nplain\r\n");
        MessageUid plain = append(inbox, session, "From: Cy <cy@example.org>\r\nSubject: zanzibar trip\r\n\r\nnothing\r\n");
        MessageUid neither = append(inbox, session, "Subject: none\r\n\r\nlorem\r\n");
        MessageId archived = archive.appendMessage(MessageManager.AppendCommand.builder()
            .build("Subject: old zanzibar\r\n\r\nold\r\n"), session).getId().getMessageId();
        String lastWord = "h" + Integer.toString((WORDS - 1) * 7919, 36) + "q";
        resources.awaitIndexed();

        assertThat(search(resources, inbox, session, SearchQuery.headerContains("X-Data", "ZANZIBAR"))).containsExactly(longHeader);
        assertThat(search(resources, inbox, session, SearchQuery.headerContains("X-Keys", lastWord))).containsExactly(manyHeaderWords);
        assertThat(search(resources, inbox, session, SearchQuery.headerExists("X-Data"))).containsExactly(longHeader);
        assertThat(search(resources, inbox, session, SearchQuery.headerExists("X-Keys"))).containsExactly(manyHeaderWords);
        assertThat(search(resources, inbox, session, SearchQuery.subject("tokens"))).containsExactly(longHeader);
        assertThat(search(resources, inbox, session, SearchQuery.address(SearchQuery.AddressType.From, "ann@"))).containsExactly(longHeader);
        assertThat(search(resources, inbox, session, SearchQuery.address(SearchQuery.AddressType.Cc, "dee"))).containsExactly(longHeader);
        assertThat(search(resources, inbox, session, SearchQuery.address(SearchQuery.AddressType.Bcc, "eve@"))).containsExactly(longHeader);
        assertThat(search(resources, inbox, session, SearchQuery.address(SearchQuery.AddressType.To, "flo"))).containsExactly(manyHeaderWords);
        assertThat(search(resources, inbox, session, SearchQuery.address(SearchQuery.AddressType.From, "bob"))).containsExactly(manyHeaderWords);
        assertThat(search(resources, inbox, session, SearchQuery.mailContains("zanzibar"))).containsExactly(longHeader, manyHeaderWords, plain);
        assertThat(search(resources, inbox, session, SearchQuery.mailContains(lastWord + " zanz"))).containsExactly(manyHeaderWords);
        assertThat(search(resources, inbox, session, SearchQuery.not(SearchQuery.mailContains("zanzibar")))).containsExactly(neither);
        assertThat(search(resources, inbox, session, SearchQuery.bodyContains("zanzibar"))).isEmpty();
        assertThat(search(resources, inbox, session, SearchQuery.or(SearchQuery.headerContains("X-Keys", lastWord),
            SearchQuery.headerContains("Subject", "none")))).containsExactly(manyHeaderWords, neither);
        List<MessageId> everywhere = resources.getSearchIndex().search(session, List.of(inbox.getId(), archive.getId()),
            SearchQuery.of(SearchQuery.mailContains("zanzibar")), 10).collectList().block();
        assertThat(everywhere).containsExactlyInAnyOrder(messageId(inbox, session, longHeader),
            messageId(inbox, session, manyHeaderWords), messageId(inbox, session, plain), archived);
        long vocabulary = database.read(connection -> Sql.count(connection, "SELECT count(*) FROM search_term"));
        assertThat(vocabulary).isLessThan(100);
        assertThat(headersBeyondIndex(database, longHeader)).isTrue();
        assertThat(headersBeyondIndex(database, manyHeaderWords)).isTrue();
        assertThat(headersBeyondIndex(database, plain)).isFalse();
    }

    @Test
    void aWordLongerThanTheVocabularyTakesIsFoundByScanningItsColumn() throws Exception {
        // a tracking link of 3,226 characters: over the 2,704 bytes PostgreSQL's unique index takes
        String link = "https://example.org/t?" + "a1b2c3d4".repeat(400) + "end";
        MessageUid inBody = append(inbox, session, "Subject: link\r\n\r\nopen " + link + " zanzibar\r\n");
        MessageUid inHeader = append(inbox, session, "Subject: header\r\nX-Token: " + link.substring(0, IndexTerms.LONGEST_WORD + 1)
            + "\r\n\r\nplain\r\n");
        MessageUid neither = append(inbox, session, "Subject: none\r\n\r\nzanzibar\r\n");
        resources.awaitIndexed();

        assertThat(search(resources, inbox, session, SearchQuery.bodyContains("d4a1b2c3d4end"))).containsExactly(inBody);
        assertThat(search(resources, inbox, session, SearchQuery.bodyContains("zanzibar"))).containsExactly(inBody, neither);
        assertThat(search(resources, inbox, session, SearchQuery.headerContains("X-Token", "c3d4a1b2"))).containsExactly(inHeader);
        assertThat(search(resources, inbox, session, SearchQuery.mailContains("T?A1B2"))).containsExactly(inBody, inHeader);
        assertThat(beyondIndex(database, inBody)).isTrue();
        assertThat(headersBeyondIndex(database, inHeader)).isTrue();
        assertThat(beyondIndex(database, neither)).isFalse();
        long longWords = database.read(connection -> Sql.count(connection,
            "SELECT count(*) FROM search_term WHERE length(term) > " + IndexTerms.LONGEST_WORD));
        assertThat(longWords).isZero();
    }

    /** A word of both the header and the body counts as the header's: a header beyond the index leaves it to the body. */
    @Test
    void aBodyWordAlsoAmongTheWordsOfAHeaderBeyondTheIndexIsFound() throws Exception {
        String lastWord = "h" + Integer.toString((WORDS - 1) * 7919, 36) + "q";
        String manyWords = folded(IntStream.range(0, WORDS).mapToObj(i -> "h" + Integer.toString(i * 7919, 36) + "q"));
        MessageUid both = append(inbox, session, "Subject: keys\r\nX-Keys: " + manyWords + "\r\n\r\nsee " + lastWord + "\r\n");
        MessageUid other = append(inbox, session, "Subject: other\r\n\r\nnothing\r\n");
        resources.awaitIndexed();

        assertThat(search(resources, inbox, session, SearchQuery.bodyContains(lastWord))).containsExactly(both);
        assertThat(search(resources, inbox, session, SearchQuery.not(SearchQuery.bodyContains(lastWord)))).containsExactly(other);
        assertThat(beyondIndex(database, both)).isTrue();
    }

    private static MessageManager mailbox(SyncStoreResources resources, MailboxSession session, String name) throws Exception {
        MailboxPath path = MailboxPath.forUser(session.getUser(), name);
        resources.getMailboxManager().createMailbox(path, session);
        return resources.getMailboxManager().getMailbox(path, session);
    }

    private static String folded(Stream<String> words) {
        List<String> all = words.collect(Collectors.toList());
        StringBuilder folded = new StringBuilder();
        for (int i = 0; i < all.size(); i++) {
            folded.append(i == 0 ? "" : i % 10 == 0 ? "\r\n " : " ").append(all.get(i));
        }
        return folded.toString();
    }

    private static MessageId messageId(MessageManager mailbox, MailboxSession session, MessageUid uid) throws Exception {
        return mailbox.getMessages(org.apache.james.mailbox.model.MessageRange.one(uid),
            org.apache.james.mailbox.model.FetchGroup.MINIMAL, session).next().getMessageId();
    }

    private static boolean headersBeyondIndex(Database database, MessageUid uid) throws Exception {
        return database.read(connection -> Sql.count(connection, "SELECT s.headers_beyond_index FROM mailbox_message mm "
            + "JOIN message_search s ON s.message_pk = mm.message_id JOIN mailbox b ON b.id = mm.mailbox_id "
            + "WHERE mm.uid = ? AND b.name = 'INBOX'", uid.asLong())) == 1;
    }

    static String tokens(int count) {
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
