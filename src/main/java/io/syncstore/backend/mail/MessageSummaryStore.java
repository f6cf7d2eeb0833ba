package io.syncstore.backend.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MessageRange;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.Lists;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.sql.MessageSql;
import io.syncstore.mime.MessageSummary;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The summaries of stored messages ({@link MessageSummary}), computed when each message was stored. A message stored
 * before summaries existed (schema V12) gets its summary the first time it is asked for, written back then: no
 * migration has to read every message of a large store at start-up, and a message never fetched never costs it. A
 * summary of an older format that the current one reads is upgraded the same way, from itself (the message is not
 * read): the first FETCH that asks for it writes its successor.
 */
final class MessageSummaryStore {
    /** Larger messages are not read into memory at APPEND; FETCH parses them as it reads them. */
    static final long SUMMARISED_UP_TO = 8L * 1024 * 1024;
    /** Small, as a transaction of the one writer holds every APPEND behind it. */
    private static final int WRITE_BACK_BATCH = 500;
    private static final Logger LOGGER = LoggerFactory.getLogger(MessageSummaryStore.class);

    private final Database database;
    private final ContentStore contentStore;

    MessageSummaryStore(Database database, ContentStore contentStore) {
        this.database = database;
        this.contentStore = contentStore;
    }

    Mono<Map<MessageUid, byte[]>> inRange(SyncStoreMailboxId mailboxId, MessageRange range) {
        return database.readReactive(connection -> rows(connection, mailboxId, range))
            .flatMap(this::upgraded)
            .flatMap(rows -> {
                List<Row> missing = new ArrayList<>();
                Map<MessageUid, byte[]> summaries = new LinkedHashMap<>();
                for (Row row : rows) {
                    if (row.summary != null) {
                        summaries.put(row.uid, row.summary);
                    } else if (row.size <= SUMMARISED_UP_TO) {
                        missing.add(row);
                    }
                }
                if (missing.isEmpty()) {
                    return Mono.just(summaries);
                }
                return database.readReactive(connection -> stored(connection, missing))
                    .publishOn(Schedulers.boundedElastic())
                    .map(this::computed)
                    .flatMap(computed -> writtenBack(computed, MessageSql.SET_SUMMARY).thenReturn(computed))
                    .map(computed -> {
                        computed.forEach(row -> summaries.put(row.uid, row.summary));
                        return summaries;
                    });
            });
    }

    /** The rows with each summary of an older format replaced by its upgrade, written back. */
    private Mono<List<Row>> upgraded(List<Row> rows) {
        List<Row> current = new ArrayList<>(rows.size());
        List<Row> upgrades = new ArrayList<>();
        for (Row row : rows) {
            Row upgrade = row.summary == null ? null : MessageSummary.upgraded(row.summary)
                .map(summary -> new Row(row.uid, row.messagePk, row.size, summary)).orElse(null);
            current.add(upgrade == null ? row : upgrade);
            if (upgrade != null) {
                upgrades.add(upgrade);
            }
        }
        if (upgrades.isEmpty()) {
            return Mono.just(current);
        }
        return writtenBack(upgrades, MessageSql.UPGRADE_SUMMARY).thenReturn(current);
    }

    /**
     * Writes the summaries back, a transaction per {@link #WRITE_BACK_BATCH} messages in the order of their keys (as
     * an expunge locks them on PostgreSQL). The answer does not need them: a write that fails is logged and the
     * summaries are computed again at the next FETCH.
     */
    private Mono<Void> writtenBack(List<Row> rows, String sql) {
        List<Row> byKey = new ArrayList<>(rows);
        byKey.sort(Comparator.comparingLong(row -> row.messagePk));
        return Flux.fromIterable(Lists.partition(byKey, WRITE_BACK_BATCH))
            .concatMap(batch -> database.writeReactive(connection -> {
                for (Row row : batch) {
                    Sql.update(connection, sql, row.summary, row.messagePk);
                }
                return batch.size();
            }))
            .then()
            .onErrorResume(e -> {
                LOGGER.warn("Summaries of {} messages not written back; they are computed again when next fetched",
                    rows.size(), e);
                return Mono.empty();
            });
    }

    private static List<Row> rows(Connection connection, SyncStoreMailboxId mailboxId, MessageRange range)
            throws SQLException {
        return Sql.list(connection, MessageSql.SUMMARIES_IN_RANGE,
            row -> new Row(MessageUid.of(row.getLong("uid")), row.getLong("message_pk"), row.getLong("size"),
                row.getBytes("summary")),
            mailboxId.value(), range.getUidFrom().asLong(), range.getUidTo().asLong());
    }

    /** Header and body hash of messages stored without a summary (those deleted meanwhile left out). */
    private static List<Unsummarised> stored(Connection connection, List<Row> missing) throws SQLException {
        List<Unsummarised> stored = new ArrayList<>();
        for (Row row : missing) {
            Sql.first(connection, MessageSql.WHOLE_MESSAGE_PARTS,
                    parts -> new Unsummarised(row, MessageReader.bytes(parts.getBytes("header")), parts.getString("body_hash")),
                    row.messagePk)
                .ifPresent(stored::add);
        }
        return stored;
    }

    /** Their summaries, from their content (read outside any database work: the content store reads on its own). */
    private List<Row> computed(List<Unsummarised> stored) {
        List<Row> computed = new ArrayList<>();
        for (Unsummarised message : stored) {
            Row row = message.row;
            computed.add(new Row(row.uid, row.messagePk, row.size, MessageSummary.of(whole(message.header, message.bodyHash))));
        }
        return computed;
    }

    private byte[] whole(byte[] header, String bodyHash) {
        try (InputStream body = contentStore.open(bodyHash)) {
            byte[] rest = body.readAllBytes();
            byte[] whole = new byte[header.length + rest.length];
            System.arraycopy(header, 0, whole, 0, header.length);
            System.arraycopy(rest, 0, whole, header.length, rest.length);
            return whole;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MailboxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Row {
        final MessageUid uid;
        final long messagePk;
        final long size;
        final byte[] summary;

        Row(MessageUid uid, long messagePk, long size, byte[] summary) {
            this.uid = uid;
            this.messagePk = messagePk;
            this.size = size;
            this.summary = summary;
        }
    }

    private static final class Unsummarised {
        final Row row;
        final byte[] header;
        final String bodyHash;

        Unsummarised(Row row, byte[] header, String bodyHash) {
            this.row = row;
            this.header = header;
            this.bodyHash = bodyHash;
        }
    }
}
