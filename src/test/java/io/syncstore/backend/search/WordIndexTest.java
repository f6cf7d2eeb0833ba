package io.syncstore.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.SearchQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;

/**
 * The word index (SQLite's V21, PostgreSQL's V34) answers IMAP's case-insensitive substring search: inside words,
 * across the white space between words, in the column asked only, for characters its databases give a meaning
 * (LIKE's {@code % _ \}, FTS5's quotes), for text outside ASCII and for bodies in a transfer encoding; and with word
 * ids too large for 32 bits, which PostgreSQL's keys (the id times 8 plus the column, as varint differences) carry.
 */
class WordIndexTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Test
    void substringsOfWordsAndOfRunsOfWordsAreFoundInTheirColumnOnly() throws Exception {
        SharedVocabularyTest.User mailbox = userOf(databases.open());
        MessageUid report = mailbox.append("From: Ann <ann@example.org>\r\nTo: Bob <bob@example.net>\r\n"
            + "Subject: Quarterly Report\r\n\r\nthe quick brown fox jumps\r\n");
        MessageUid other = mailbox.append("From: Bob <bob@example.net>\r\nSubject: reply\r\n\r\nquick, brown fox\r\n");

        assertThat(mailbox.search(SearchQuery.subject("PORT"))).containsExactly(report);
        assertThat(mailbox.search(SearchQuery.bodyContains("port"))).isEmpty();
        assertThat(mailbox.search(SearchQuery.bodyContains("ck brown fo"))).containsExactly(report);
        assertThat(mailbox.search(SearchQuery.bodyContains("brown quick"))).isEmpty();
        assertThat(mailbox.search(SearchQuery.bodyContains("quick  brown"))).isEmpty();
        assertThat(mailbox.search(SearchQuery.bodyContains("quick"))).containsExactly(report, other);
        assertThat(mailbox.search(SearchQuery.bodyContains(" quick "))).containsExactly(report);
        assertThat(mailbox.search(SearchQuery.address(SearchQuery.AddressType.From, "ann@example"))).containsExactly(report);
        assertThat(mailbox.search(SearchQuery.address(SearchQuery.AddressType.To, "ann"))).isEmpty();
        assertThat(mailbox.search(SearchQuery.address(SearchQuery.AddressType.From, "bob@"))).containsExactly(other);
        assertThat(mailbox.search(SearchQuery.address(SearchQuery.AddressType.To, "bob@"))).containsExactly(report);
        assertThat(mailbox.search(SearchQuery.mailContains("bob <bob@example.net>"))).containsExactly(report, other);
        assertThat(mailbox.search(SearchQuery.headerContains("Subject", "erly rep"))).containsExactly(report);

        mailbox.mailbox.delete(List.of(report), mailbox.session);
        assertThat(mailbox.search(SearchQuery.bodyContains("quick"))).containsExactly(other);
    }

    @Test
    void charactersWithAMeaningToTheDatabasesAreSearchedAsThemselves() throws Exception {
        SharedVocabularyTest.User mailbox = userOf(databases.open());
        MessageUid special = mailbox.append("Subject: signs\r\n\r\n100% sure snake_case back\\slash \"quoted\" a*b\r\n");
        MessageUid plain = mailbox.append("Subject: plain\r\n\r\n1000 surely snakeXcase backslash quoted ab\r\n");

        for (String value : List.of("0%", "%", "0% s", "e_c", "_", "k\\s", "\\", "\"quo", "\"", "a*b", "*")) {
            assertThat(mailbox.search(SearchQuery.bodyContains(value))).as(value).containsExactly(special);
        }
        assertThat(mailbox.search(SearchQuery.bodyContains("quoted"))).containsExactly(special, plain);
    }

    @Test
    void textOutsideAsciiAndEncodedBodiesAreFoundFolded() throws Exception {
        SharedVocabularyTest.User mailbox = userOf(databases.open());
        MessageUid greeting = mailbox.append("Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln?=\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "Caf=C3=A9 cr=C3=A8me br=C3=BBl=C3=A9e\r\n");
        MessageUid japanese = mailbox.append("Subject: nihongo\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n5pel5pys6Kqe44OG44Kt44K544OIIOOBp+OBmQ==\r\n");
        MessageUid ascii = mailbox.append("Subject: Gruesse aus Koeln\r\n\r\nCafe creme brulee\r\n");

        assertThat(mailbox.search(SearchQuery.subject("GRÜSSE"))).isEmpty();
        assertThat(mailbox.search(SearchQuery.subject("GRÜ"))).containsExactly(greeting);
        assertThat(mailbox.search(SearchQuery.subject("ße aus kö"))).containsExactly(greeting);
        assertThat(mailbox.search(SearchQuery.bodyContains("CAFÉ CRÈ"))).containsExactly(greeting);
        assertThat(mailbox.search(SearchQuery.bodyContains("é"))).containsExactly(greeting);
        assertThat(mailbox.search(SearchQuery.bodyContains("本語"))).containsExactly(japanese);
        assertThat(mailbox.search(SearchQuery.bodyContains("語テキ"))).containsExactly(japanese);
        assertThat(mailbox.search(SearchQuery.bodyContains("スト で"))).containsExactly(japanese);
        assertThat(mailbox.search(SearchQuery.bodyContains("5pel"))).isEmpty();
        assertThat(mailbox.search(SearchQuery.bodyContains("cafe"))).containsExactly(ascii);
    }

    @Test
    void wordIdsBeyondThirtyTwoBitsAreIndexed() throws Exception {
        Database database = databases.open();
        SharedVocabularyTest.User mailbox = userOf(database);
        MessageUid before = mailbox.append("Subject: early\r\n\r\nalpha beta\r\n");
        long farId = 1L << 40;
        database.write(connection -> Sql.update(connection, TestDatabases.POSTGRESQL
            ? "ALTER TABLE search_term ALTER COLUMN id RESTART WITH " + farId
            : "INSERT INTO search_term (id, term) VALUES (" + farId + ", 'placeholder')"));
        MessageUid after = mailbox.append("Subject: late\r\n\r\nalpha gamma delta\r\n");

        long largest = database.read(connection -> Sql.count(connection, "SELECT max(id) FROM search_term"));
        assertThat(largest).isGreaterThan(farId);
        assertThat(mailbox.search(SearchQuery.bodyContains("alpha"))).containsExactly(before, after);
        assertThat(mailbox.search(SearchQuery.bodyContains("gamm"))).containsExactly(after);
        assertThat(mailbox.search(SearchQuery.bodyContains("ha gamma del"))).containsExactly(after);
        assertThat(mailbox.search(SearchQuery.subject("late"))).containsExactly(after);
        assertThat(mailbox.search(SearchQuery.bodyContains("beta"))).containsExactly(before);
    }

    private static SharedVocabularyTest.User userOf(Database database) throws Exception {
        return new SharedVocabularyTest.User(SyncStoreResources.defaultResources(database), "user");
    }
}
