package io.syncstore.backend.thread;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.ThreadNotFoundException;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.model.MimeMessageId;
import org.apache.james.mailbox.store.mail.model.Subject;
import org.apache.james.mailbox.store.mail.utils.MimeMessageHeadersUtil;
import org.apache.james.mailbox.store.search.SearchUtil;
import org.apache.james.mime4j.message.HeaderImpl;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.ThreadSql;
import io.syncstore.mime.StorableText;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Threads from an index of Message-ID, In-Reply-To and References values: a message joins the thread of an earlier
 * message of the same user that shares one of these ids and its base subject, otherwise it starts its own. One
 * indexed lookup per append, whatever the size of the mailbox.
 */
public class SyncStoreThreadIdGuessingAlgorithm implements ThreadIdGuessingAlgorithm {
    private final Database database;
    private final MessageId.Factory messageIdFactory;

    @Inject
    public SyncStoreThreadIdGuessingAlgorithm(Database database, MessageId.Factory messageIdFactory) {
        this.database = database;
        this.messageIdFactory = messageIdFactory;
    }

    @Override
    public Mono<ThreadId> guessThreadIdReactive(MessageId messageId, Optional<MimeMessageId> mimeMessageId,
                                                Optional<MimeMessageId> inReplyTo, Optional<List<MimeMessageId>> references,
                                                Optional<Subject> subject, MailboxSession session) {
        List<String> keys = keysOf(mimeMessageId, inReplyTo, references);
        if (keys.isEmpty()) {
            return Mono.just(ThreadId.fromBaseMessageId(messageId));
        }
        return database.writeReactive(connection -> assign(connection, messageId, keys, subject, session.getUser().asString()));
    }

    /**
     * The thread of a new message from its header, its keys recorded: call inside the write that stores the message,
     * so that the look-up costs no write of its own.
     */
    public ThreadId assign(Connection connection, MessageId messageId, HeaderImpl header, String owner) throws SQLException {
        List<String> keys = keysOf(MimeMessageHeadersUtil.parseMimeMessageId(header), MimeMessageHeadersUtil.parseInReplyTo(header),
            MimeMessageHeadersUtil.parseReferences(header));
        if (keys.isEmpty()) {
            return ThreadId.fromBaseMessageId(messageId);
        }
        return assign(connection, messageId, keys, MimeMessageHeadersUtil.parseSubject(header), owner);
    }

    private ThreadId assign(Connection connection, MessageId messageId, List<String> keys, Optional<Subject> subject,
                            String owner) throws SQLException {
        Optional<String> baseSubject = subject.map(value -> StorableText.of(SearchUtil.getBaseSubject(value.getValue())));
        ThreadId threadId = findThread(connection, owner, keys, baseSubject)
            .orElseGet(() -> ThreadId.fromBaseMessageId(messageId));
        for (String key : keys) {
            Sql.update(connection, ThreadSql.INSERT_KEY, owner, key, baseSubject.orElse(null),
                messageId.serialize(), threadId.serialize());
        }
        return threadId;
    }

    @Override
    public Flux<MessageId> getMessageIdsInThread(ThreadId threadId, MailboxSession session) {
        return database.readReactive(connection -> Sql.list(connection, ThreadSql.MESSAGES_OF_THREAD,
                row -> messageIdFactory.fromString(row.getString(1)),
                threadId.serialize(), session.getUser().asString()))
            .flatMapIterable(ids -> ids)
            .switchIfEmpty(Mono.error(() -> new ThreadNotFoundException(threadId)));
    }

    private Optional<ThreadId> findThread(Connection connection, String owner, List<String> keys,
                                          Optional<String> baseSubject) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        parameters.add(owner);
        parameters.addAll(keys);
        return Sql.list(connection, ThreadSql.findCandidates(keys.size()),
                row -> new Candidate(row.getString("thread_id"), Optional.ofNullable(row.getString("base_subject"))),
                parameters.toArray())
            .stream()
            .filter(candidate -> candidate.baseSubject.equals(baseSubject))
            .findFirst()
            .map(candidate -> ThreadId.fromBaseMessageId(messageIdFactory.fromString(candidate.threadId)));
    }

    private static List<String> keysOf(Optional<MimeMessageId> mimeMessageId, Optional<MimeMessageId> inReplyTo,
                                       Optional<List<MimeMessageId>> references) {
        Set<String> keys = new LinkedHashSet<>();
        mimeMessageId.map(MimeMessageId::getValue).ifPresent(keys::add);
        inReplyTo.map(MimeMessageId::getValue).ifPresent(keys::add);
        references.ifPresent(values -> values.stream().map(MimeMessageId::getValue).forEach(keys::add));
        keys.removeIf(Objects::isNull);
        return new ArrayList<>(keys);
    }

    private static final class Candidate {
        private final String threadId;
        private final Optional<String> baseSubject;

        private Candidate(String threadId, Optional<String> baseSubject) {
            this.threadId = threadId;
            this.baseSubject = baseSubject;
        }
    }
}
