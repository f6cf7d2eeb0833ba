package io.syncstore.backend.jmap;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.jmap.api.projections.EmailQueryView;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.util.streams.Limit;

import com.google.common.base.Preconditions;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.EmailQueryViewSql;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The messages of each mailbox with their sent and received dates, kept by James's {@code PopulateEmailQueryViewListener}
 * and read by {@code Email/query} in a mailbox sorted by date, both only when {@code view.email.query.enabled}; after a
 * restart it answers as before, where James's in-memory view would be empty until rebuilt.
 */
public class SyncStoreEmailQueryView implements EmailQueryView {
    private final Database database;
    private final MessageId.Factory messageIdFactory;

    @Inject
    public SyncStoreEmailQueryView(Database database, MessageId.Factory messageIdFactory) {
        this.database = database;
        this.messageIdFactory = messageIdFactory;
    }

    @Override
    public Flux<MessageId> listMailboxContentSortedBySentAt(MailboxId mailboxId, Limit limit) {
        return list(EmailQueryViewSql.BY_SENT_AT, mailboxId, limit);
    }

    @Override
    public Flux<MessageId> listMailboxContentSortedByReceivedAt(MailboxId mailboxId, Limit limit) {
        return list(EmailQueryViewSql.BY_RECEIVED_AT, mailboxId, limit);
    }

    @Override
    public Flux<MessageId> listMailboxContentSinceAfterSortedBySentAt(MailboxId mailboxId, ZonedDateTime since, Limit limit) {
        return list(EmailQueryViewSql.RECEIVED_SINCE_BY_SENT_AT, mailboxId, limit, ChangeLog.micros(since));
    }

    @Override
    public Flux<MessageId> listMailboxContentSinceAfterSortedByReceivedAt(MailboxId mailboxId, ZonedDateTime since, Limit limit) {
        return list(EmailQueryViewSql.RECEIVED_SINCE_BY_RECEIVED_AT, mailboxId, limit, ChangeLog.micros(since));
    }

    @Override
    public Flux<MessageId> listMailboxContentBeforeSortedByReceivedAt(MailboxId mailboxId, ZonedDateTime before, Limit limit) {
        return list(EmailQueryViewSql.RECEIVED_BEFORE_BY_RECEIVED_AT, mailboxId, limit, ChangeLog.micros(before));
    }

    @Override
    public Flux<MessageId> listMailboxContentSinceSentAt(MailboxId mailboxId, ZonedDateTime since, Limit limit) {
        return list(EmailQueryViewSql.SENT_SINCE_BY_SENT_AT, mailboxId, limit, ChangeLog.micros(since));
    }

    @Override
    public Mono<Void> delete(MailboxId mailboxId, MessageId messageId) {
        return database.writeReactive(connection -> Sql.update(connection, EmailQueryViewSql.DELETE, mailboxId.serialize(), messageId.serialize()))
            .then();
    }

    @Override
    public Mono<Void> delete(MailboxId mailboxId) {
        return database.writeReactive(connection -> Sql.update(connection, EmailQueryViewSql.DELETE_MAILBOX, mailboxId.serialize()))
            .then();
    }

    @Override
    public Mono<Void> save(MailboxId mailboxId, ZonedDateTime sentAt, ZonedDateTime receivedAt, MessageId messageId) {
        return database.writeReactive(connection -> Sql.update(connection, EmailQueryViewSql.SAVE,
                mailboxId.serialize(), messageId.serialize(), ChangeLog.micros(sentAt), ChangeLog.micros(receivedAt)))
            .then();
    }

    /**
     * Brings the view up to date with the mailboxes, for a server that starts reading it: what was stored, flagged
     * or expunged while the view was not kept. One write.
     */
    public Mono<Void> catchUp() {
        return database.writeReactive(connection -> Sql.update(connection, EmailQueryViewSql.DELETE_GONE)
                + Sql.update(connection, EmailQueryViewSql.ADD_MISSING))
            .then();
    }

    private Flux<MessageId> list(String sql, MailboxId mailboxId, Limit limit, Object... date) {
        Preconditions.checkArgument(!limit.isUnlimited(), "Limit should be defined");
        List<Object> parameters = new ArrayList<>();
        parameters.add(mailboxId.serialize());
        parameters.addAll(List.of(date));
        parameters.add(limit.getLimit().get());
        return database.readReactive(connection -> Sql.list(connection, sql,
                row -> messageIdFactory.fromString(row.getString("message_id")), parameters.toArray()))
            .flatMapIterable(ids -> ids);
    }
}
