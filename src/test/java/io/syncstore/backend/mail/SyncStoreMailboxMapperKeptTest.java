package io.syncstore.backend.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import org.apache.james.core.Username;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

/**
 * A mailbox kept by the mapper is forgotten by the mapper's own writes, with no event bus: each write here follows
 * look-ups by id and by path that keep the mailbox, and the look-ups after it see the write.
 */
class SyncStoreMailboxMapperKeptTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private static final MailboxPath PATH = MailboxPath.forUser(Username.of("bob"), "kept");
    private static final MailboxACL.EntryKey ALICE = MailboxACL.EntryKey.createUserEntryKey(Username.of("alice"));

    private SyncStoreMailboxMapper mapper;
    private Mailbox mailbox;

    @BeforeEach
    void keepAMailbox() {
        mapper = TestMappers.mailboxMapper(DATABASES.open());
        mailbox = mapper.create(PATH, UidValidity.of(42)).block();
        mailbox = lookUpByIdAndPath();
    }

    private Mailbox lookUpByIdAndPath() {
        Mailbox byId = byId();
        mapper.findMailboxByPath(byId.generateAssociatedPath()).block();
        return byId;
    }

    private Mailbox byId() {
        return mapper.findMailboxById(mailbox.getMailboxId()).block();
    }

    private Mailbox byPath() {
        return mapper.findMailboxByPath(PATH).block();
    }

    @Test
    void aRenameIsSeenByTheLookUpsAfterIt() {
        MailboxPath renamed = MailboxPath.forUser(Username.of("bob"), "renamed");
        mailbox.setName(renamed.getName());

        mapper.rename(mailbox).block();

        assertSoftly(softly -> {
            softly.assertThat(byId().generateAssociatedPath()).isEqualTo(renamed);
            softly.assertThat(mapper.findMailboxByPath(PATH).blockOptional()).isEmpty();
            softly.assertThat(mapper.findMailboxByPath(renamed).block().getMailboxId())
                .isEqualTo(mailbox.getMailboxId());
        });
    }

    @Test
    void aDeletionIsSeenByTheLookUpsAfterIt() {
        mapper.delete(mailbox).block();

        assertSoftly(softly -> {
            softly.assertThatThrownBy(this::byId).hasCauseInstanceOf(MailboxNotFoundException.class);
            softly.assertThat(mapper.findMailboxByPath(PATH).blockOptional()).isEmpty();
        });
    }

    @Test
    void anUpdatedAclIsSeenByTheLookUpsAfterIt() throws Exception {
        mapper.updateACL(mailbox, MailboxACL.command().key(ALICE).rights(MailboxACL.Right.Read).asAddition()).block();

        MailboxACL.Rfc4314Rights read = new MailboxACL.Rfc4314Rights(MailboxACL.Right.Read);
        assertSoftly(softly -> {
            softly.assertThat(byId().getACL().getEntries()).containsEntry(ALICE, read);
            softly.assertThat(byPath().getACL().getEntries()).containsEntry(ALICE, read);
        });
    }

    @Test
    void aSetAclIsSeenByTheLookUpsAfterIt() throws Exception {
        MailboxACL acl = MailboxACL.EMPTY
            .apply(MailboxACL.command().key(ALICE).rights(MailboxACL.Right.Lookup).asAddition());

        mapper.setACL(mailbox, acl).block();

        assertSoftly(softly -> {
            softly.assertThat(byId().getACL()).isEqualTo(acl);
            softly.assertThat(byPath().getACL()).isEqualTo(acl);
        });
    }

    @Test
    void anAdoptedUidValidityIsSeenByTheLookUpsAfterIt() throws Exception {
        assertThat(mapper.adoptUidValidity(mailbox.getMailboxId(), 4242)).isTrue();

        assertSoftly(softly -> {
            softly.assertThat(byId().getUidValidity()).isEqualTo(UidValidity.of(4242));
            softly.assertThat(byPath().getUidValidity()).isEqualTo(UidValidity.of(4242));
        });
    }
}
