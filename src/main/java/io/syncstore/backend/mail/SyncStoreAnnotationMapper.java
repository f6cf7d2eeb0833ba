package io.syncstore.backend.mail;

import static io.syncstore.backend.db.UncheckedStorageException.unchecked;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.store.mail.AnnotationMapper;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.sql.AnnotationSql;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Mailbox annotations. Keys are matched in Java with {@link MailboxAnnotationKey}'s own rules over all the annotations
 * of the mailbox, which are few: the annotation manager caps their number (10 by default).
 */
public final class SyncStoreAnnotationMapper implements AnnotationMapper {
    private final Database database;

    public SyncStoreAnnotationMapper(Database database) {
        this.database = database;
    }

    @Override
    public List<MailboxAnnotation> getAllAnnotations(MailboxId mailboxId) {
        return read(annotations(mailboxId, key -> true));
    }

    @Override
    public Flux<MailboxAnnotation> getAllAnnotationsReactive(MailboxId mailboxId) {
        return readReactive(annotations(mailboxId, key -> true));
    }

    @Override
    public List<MailboxAnnotation> getAnnotationsByKeys(MailboxId mailboxId, Set<MailboxAnnotationKey> keys) {
        return read(annotations(mailboxId, keys::contains));
    }

    @Override
    public Flux<MailboxAnnotation> getAnnotationsByKeysReactive(MailboxId mailboxId, Set<MailboxAnnotationKey> keys) {
        return readReactive(annotations(mailboxId, keys::contains));
    }

    @Override
    public List<MailboxAnnotation> getAnnotationsByKeysWithOneDepth(MailboxId mailboxId, Set<MailboxAnnotationKey> keys) {
        return read(annotations(mailboxId, selfOrChildOfAny(keys)));
    }

    @Override
    public Flux<MailboxAnnotation> getAnnotationsByKeysWithOneDepthReactive(MailboxId mailboxId, Set<MailboxAnnotationKey> keys) {
        return readReactive(annotations(mailboxId, selfOrChildOfAny(keys)));
    }

    @Override
    public List<MailboxAnnotation> getAnnotationsByKeysWithAllDepth(MailboxId mailboxId, Set<MailboxAnnotationKey> keys) {
        return read(annotations(mailboxId, selfOrDescendantOfAny(keys)));
    }

    @Override
    public Flux<MailboxAnnotation> getAnnotationsByKeysWithAllDepthReactive(MailboxId mailboxId, Set<MailboxAnnotationKey> keys) {
        return readReactive(annotations(mailboxId, selfOrDescendantOfAny(keys)));
    }

    @Override
    public void deleteAnnotation(MailboxId mailboxId, MailboxAnnotationKey key) {
        unchecked(() -> database.write(delete(mailboxId, key)));
    }

    @Override
    public Mono<Void> deleteAnnotationReactive(MailboxId mailboxId, MailboxAnnotationKey key) {
        return database.writeReactive(delete(mailboxId, key)).then();
    }

    @Override
    public void insertAnnotation(MailboxId mailboxId, MailboxAnnotation mailboxAnnotation) {
        unchecked(() -> database.write(upsert(mailboxId, mailboxAnnotation)));
    }

    @Override
    public Mono<Void> insertAnnotationReactive(MailboxId mailboxId, MailboxAnnotation mailboxAnnotation) {
        return database.writeReactive(upsert(mailboxId, mailboxAnnotation)).then();
    }

    @Override
    public boolean exist(MailboxId mailboxId, MailboxAnnotation mailboxAnnotation) {
        return unchecked(() -> database.read(exists(mailboxId, mailboxAnnotation.getKey())));
    }

    @Override
    public Mono<Boolean> existReactive(MailboxId mailboxId, MailboxAnnotation mailboxAnnotation) {
        return database.readReactive(exists(mailboxId, mailboxAnnotation.getKey()));
    }

    @Override
    public int countAnnotations(MailboxId mailboxId) {
        return unchecked(() -> database.read(count(mailboxId)));
    }

    @Override
    public Mono<Integer> countAnnotationsReactive(MailboxId mailboxId) {
        return database.readReactive(count(mailboxId));
    }

    private List<MailboxAnnotation> read(SqlWork<List<MailboxAnnotation>> work) {
        return unchecked(() -> database.read(work));
    }

    private Flux<MailboxAnnotation> readReactive(SqlWork<List<MailboxAnnotation>> work) {
        return database.readReactive(work).flatMapIterable(annotations -> annotations);
    }

    private static Predicate<MailboxAnnotationKey> selfOrChildOfAny(Set<MailboxAnnotationKey> keys) {
        return key -> keys.stream().anyMatch(wanted -> wanted.isParentOrIsEqual(key));
    }

    private static Predicate<MailboxAnnotationKey> selfOrDescendantOfAny(Set<MailboxAnnotationKey> keys) {
        return key -> keys.stream().anyMatch(wanted -> wanted.isAncestorOrIsEqual(key));
    }

    private static SqlWork<List<MailboxAnnotation>> annotations(MailboxId mailboxId, Predicate<MailboxAnnotationKey> filter) {
        return connection -> Sql.list(connection, AnnotationSql.ALL_OF_MAILBOX,
                row -> MailboxAnnotation.newInstance(
                    new MailboxAnnotationKey(row.getString("annotation_key")), row.getString("annotation_value")),
                id(mailboxId))
            .stream()
            .filter(annotation -> filter.test(annotation.getKey()))
            .collect(ImmutableList.toImmutableList());
    }

    private static SqlWork<Integer> upsert(MailboxId mailboxId, MailboxAnnotation annotation) {
        Preconditions.checkArgument(!annotation.isNil(), "A nil annotation is a deletion, not a value to store");
        return connection -> Sql.update(connection, AnnotationSql.UPSERT,
            id(mailboxId), annotation.getKey().asString(), annotation.getValue().get());
    }

    private static SqlWork<Integer> delete(MailboxId mailboxId, MailboxAnnotationKey key) {
        return connection -> Sql.update(connection, AnnotationSql.DELETE, id(mailboxId), key.asString());
    }

    private static SqlWork<Boolean> exists(MailboxId mailboxId, MailboxAnnotationKey key) {
        return connection -> Sql.count(connection, AnnotationSql.EXISTS, id(mailboxId), key.asString()) > 0;
    }

    private static SqlWork<Integer> count(MailboxId mailboxId) {
        return connection -> (int) Sql.count(connection, AnnotationSql.COUNT_OF_MAILBOX, id(mailboxId));
    }

    private static long id(MailboxId mailboxId) {
        return SyncStoreMailboxId.from(mailboxId).value();
    }
}
