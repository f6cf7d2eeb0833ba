package io.syncstore.backend.thread;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

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
        Keys keys = Keys.of(mimeMessageId, inReplyTo, references, () -> subject);
        if (keys.ids.isEmpty()) {
            return Mono.just(ThreadId.fromBaseMessageId(messageId));
        }
        return database.writeReactive(connection -> assign(connection, messageId, keys, session.getUser().asString()));
    }

    /**
     * The thread of a new message from its {@link Keys}, its keys recorded: call inside the write that stores the
     * message, so that the look-up costs no write of its own.
     */
    public ThreadId assign(Connection connection, MessageId messageId, Keys keys, String owner) throws SQLException {
        if (keys.ids.isEmpty()) {
            return ThreadId.fromBaseMessageId(messageId);
        }
        ThreadId threadId = findThread(connection, owner, keys.ids, keys.baseSubject)
            .orElseGet(() -> ThreadId.fromBaseMessageId(messageId));
        for (String key : keys.ids) {
            Sql.update(connection, ThreadSql.INSERT_KEY, owner, key, keys.baseSubject.orElse(null),
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

    /**
     * What a message's thread is decided by: the ids of its Message-ID, In-Reply-To and References, and its base
     * subject. Read from the header before the write, so that the single writer does not parse headers.
     */
    public static final class Keys {
        private final List<String> ids;
        private final Optional<String> baseSubject;

        private Keys(List<String> ids, Optional<String> baseSubject) {
            this.ids = ids;
            this.baseSubject = baseSubject;
        }

        public static Keys of(HeaderImpl header) {
            return of(MimeMessageHeadersUtil.parseMimeMessageId(header), MimeMessageHeadersUtil.parseInReplyTo(header),
                MimeMessageHeadersUtil.parseReferences(header), () -> MimeMessageHeadersUtil.parseSubject(header));
        }

        /** The subject is read only for a message with ids: without, it is a thread of its own whatever its subject. */
        private static Keys of(Optional<MimeMessageId> mimeMessageId, Optional<MimeMessageId> inReplyTo,
                               Optional<List<MimeMessageId>> references, Supplier<Optional<Subject>> subject) {
            Set<String> ids = new LinkedHashSet<>();
            mimeMessageId.map(MimeMessageId::getValue).ifPresent(ids::add);
            inReplyTo.map(MimeMessageId::getValue).ifPresent(ids::add);
            references.ifPresent(values -> values.stream().map(MimeMessageId::getValue).forEach(ids::add));
            ids.removeIf(Objects::isNull);
            if (ids.isEmpty()) {
                return new Keys(List.of(), Optional.empty());
            }
            return new Keys(new ArrayList<>(ids),
                subject.get().map(value -> StorableText.of(SearchUtil.getBaseSubject(value.getValue()))));
        }
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
