package io.syncstore.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.mail.Flags;

import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.SearchQuery.Criterion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.config.SyncPolicy;

/**
 * How SQLite runs a SEARCH with a key on the indexed text: from the messages the word index names, not by walking
 * every entry of the mailbox and testing each (40 ms for a rare word in a mailbox of 100,000 against 0.5 ms,
 * docs/benchmarks.md §8). Keys inside OR or NOT narrow nothing: those searches still walk the mailbox by its index.
 * The messages the index does not hold whole are found from their own partial index, not by a walk either.
 */
public class TextSearchPlanTest {
    private static final String MAILBOX_WALK = "USING INDEX sqlite_autoindex_mailbox_message_1 (mailbox_id=?)";
    private static final String BY_MESSAGE = "USING INDEX mailbox_message_by_message (message_id=?)";

    @TempDir
    Path folder;
    private Database database;
    private SortingColumnsTest.Store inbox;
    private long mailboxId;

    @BeforeEach
    void fill() throws Exception {
        database = Database.open(TestDatabases.sqliteConfigurationIn(folder, SyncPolicy.OFF));
        inbox = new SortingColumnsTest.Store(database);
        mailboxId = SyncStoreMailboxId.from(inbox.mailbox.getMailboxEntity().getMailboxId()).value();
        for (int n = 0; n < 20; n++) {
            inbox.append("Subject: note " + n + "\r\n\r\nnothing to see in message " + n + "\r\n");
        }
        inbox.append("Subject: travel\r\n\r\nthe ferry to zanzibar leaves at noon\r\n");
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aWordOfTheBodyIsLookedUpByTheMessagesThatHoldIt() throws Exception {
        assertThat(plan(SearchQuery.bodyContains("zanzibar"))).contains(BY_MESSAGE).doesNotContain(MAILBOX_WALK);
        assertThat(uids(SearchQuery.bodyContains("zanzibar"))).containsExactly(21L);
    }

    @Test
    void aWordAndAFlagAreLookedUpByTheMessagesThatHoldTheWord() throws Exception {
        Criterion both = SearchQuery.and(SearchQuery.flagIsUnSet(Flags.Flag.SEEN), SearchQuery.subject("travel"));
        assertThat(plan(both)).contains(BY_MESSAGE).doesNotContain(MAILBOX_WALK);
        assertThat(uids(both)).containsExactly(21L);
    }

    /** A message written within the last moments is read whole; the search is still driven from the words' messages. */
    @Test
    void withAMessageNotYetIndexedAWordIsStillLookedUpByTheMessagesThatHoldIt() throws Exception {
        long third = database.read(connection -> Sql.count(connection,
            "SELECT message_id FROM mailbox_message WHERE mailbox_id = ? AND uid = 3", mailboxId));
        OneFoundOutside thirdFound = new OneFoundOutside(third);
        for (Criterion criterion : List.of(SearchQuery.bodyContains("zanzibar"), SearchQuery.subject("travel"),
                SearchQuery.and(SearchQuery.flagIsUnSet(Flags.Flag.SEEN), SearchQuery.mailContains("zanzibar")))) {
            assertThat(plan(criterion, thirdFound)).as("%s", criterion).contains(BY_MESSAGE).doesNotContain(MAILBOX_WALK)
                .doesNotContain("SCAN mm");
            assertThat(uids(criterion, thirdFound)).as("%s", criterion).containsExactly(3L, 21L);
        }
    }

    @Test
    void aWordAmongAlternativesOrNegatedWalksTheMailbox() throws Exception {
        Criterion either = SearchQuery.or(SearchQuery.bodyContains("zanzibar"), SearchQuery.flagIsSet(Flags.Flag.FLAGGED));
        Criterion not = SearchQuery.not(SearchQuery.bodyContains("nothing"));
        assertThat(plan(either)).contains(MAILBOX_WALK);
        assertThat(plan(not)).contains(MAILBOX_WALK);
        assertThat(uids(either)).containsExactly(21L);
        assertThat(uids(not)).containsExactly(21L);
    }

    @Test
    void aSearchWithoutTextWalksTheMailbox() throws Exception {
        assertThat(plan(SearchQuery.flagIsSet(Flags.Flag.FLAGGED))).doesNotContain(BY_MESSAGE);
        assertThat(uids(SearchQuery.all())).hasSize(21);
    }

    /** On a database of V31, whose rows V32 indexes when it opens. */
    @Test
    void messagesBeyondTheIndexAreReadFromTheirOwnIndexOnceEveryMessageHasARow() throws Exception {
        inbox.append("Subject: keys\r\n\r\n" + WordLimitTest.tokens(SearchIndexRows.NEW_WORD_LIMIT + 100) + " zanzibar\r\n");
        database.write(connection -> {
            undoMigrationV32(connection);
            return null;
        });
        database.close();
        database = Database.open(TestDatabases.sqliteConfigurationIn(folder, SyncPolicy.OFF));
        Criterion zanzibar = SearchQuery.bodyContains("zanzibar");
        List<Object> parameters = new ArrayList<>();
        WordIndexMatching matching = new WordIndexMatching(WordIndexSql.of(database.dialect()), new ContentStore(database));
        String sql = OutsideIndex.ROWS_OUTSIDE + matching.in("mm.mailbox_id", List.of(mailboxId), parameters);

        String plan = database.read(connection -> String.join("\n", Sql.list(connection, "EXPLAIN QUERY PLAN " + sql,
            row -> row.getString(4), parameters.toArray())));
        List<Optional<List<Long>>> found = database.read(connection -> {
            List<Optional<List<Long>>> both = new ArrayList<>();
            for (boolean everyMessageHasARow : List.of(true, false)) {
                both.add(OutsideIndex.read(connection, new ContentStore(database), matching, List.of(mailboxId),
                    everyMessageHasARow).found(zanzibar));
            }
            return both;
        });

        assertThat(plan).contains("INDEX message_search_outside").doesNotContain(MAILBOX_WALK);
        assertThat(found.get(0)).isEqualTo(found.get(1)).hasValueSatisfying(pks -> assertThat(pks).hasSize(1));
    }

    /** The database as it was before V32, which runs again at the next opening. */
    static void undoMigrationV32(Connection connection) throws SQLException {
        LongBodiesIndexTest.undoMigrationV33(connection);
        Sql.update(connection, "DROP INDEX message_search_outside");
        Sql.update(connection, "DELETE FROM flyway_schema_history WHERE version = '32'");
    }

    private String plan(Criterion criterion) throws Exception {
        return plan(criterion, new NothingOutside());
    }

    private String plan(Criterion criterion, SearchConditions.Resolver resolver) throws Exception {
        return String.join("\n", run("EXPLAIN QUERY PLAN ", criterion, 4, resolver));
    }

    private List<Long> uids(Criterion criterion) throws Exception {
        return uids(criterion, new NothingOutside());
    }

    private List<Long> uids(Criterion criterion, SearchConditions.Resolver resolver) throws Exception {
        List<Long> uids = new ArrayList<>();
        for (String uid : run("", criterion, 1, resolver)) {
            uids.add(Long.parseLong(uid));
        }
        return uids;
    }

    /** The column of each row of the single-mailbox search of the criterion, its SQL preceded by the prefix. */
    private List<String> run(String prefix, Criterion criterion, int column, SearchConditions.Resolver resolver) throws Exception {
        return database.read(connection -> {
            WordIndexMatching matching = new WordIndexMatching(WordIndexSql.of(database.dialect()), new ContentStore(database));
            SearchConditions conditions = new SearchConditions(matching, matching.scope(connection, List.of(mailboxId)),
                resolver, Set.of());
            String condition = conditions.all(List.of(criterion));
            List<Object> parameters = new ArrayList<>();
            parameters.add(mailboxId);
            parameters.addAll(conditions.parameters());
            String sql = prefix + IndexedSearchIndex.uidsQuery(database.dialect(), conditions, condition);
            return Sql.list(connection, sql, row -> row.getString(column), parameters.toArray());
        });
    }

    /** One message outside the index, found by reading it whole, the others indexed; no key for the scanning index. */
    private static final class OneFoundOutside extends NothingOutside {
        private final long messagePk;

        private OneFoundOutside(long messagePk) {
            this.messagePk = messagePk;
        }

        @Override
        public Optional<List<Long>> foundOutsideIndex(Criterion criterion) {
            return Optional.of(List.of(messagePk));
        }
    }

    /** Every message indexed, no key for the scanning index. */
    private static class NothingOutside implements SearchConditions.Resolver {
        @Override
        public Collection<Long> scanned(Criterion criterion) {
            throw new AssertionError("no key of these searches is left to the scanning index: " + criterion);
        }

        @Override
        public Optional<List<Long>> foundOutsideIndex(Criterion criterion) {
            return Optional.empty();
        }
    }
}
