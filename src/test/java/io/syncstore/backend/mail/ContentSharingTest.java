package io.syncstore.backend.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.io.IOUtils;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.AttachmentNotFoundException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageAttachmentMetadata;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.ParsedAttachment;
import org.apache.james.mailbox.store.mail.MessageMapper.FetchType;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.common.base.Strings;
import com.google.common.io.ByteSource;

import io.syncstore.backend.TestDatabases;

class ContentSharingTest {
    private static final int INLINE_BODY = 1_000;
    private static final int FILE_BODY = 200 * 1024;

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private StoreFixture store;
    private Mailbox inbox;

    @BeforeEach
    void setUp() {
        store = new StoreFixture(databases.open());
        inbox = store.createMailbox("INBOX");
    }

    @ParameterizedTest
    @ValueSource(ints = {INLINE_BODY, FILE_BODY})
    void aBodyCopiedIntoAHundredMailboxesIsStoredOnceAndFreedWithTheLastCopy(int bodySize) throws Exception {
        String body = Strings.repeat("x", bodySize);
        MessageUid uid = store.messages.add(inbox, StoreFixture.message(inbox, store.newMessageId(), body)).getUid();
        MailboxMessage original = find(inbox, uid);
        List<Mailbox> copies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Mailbox mailbox = store.createMailbox("copy" + i);
            store.messages.copy(mailbox, original);
            copies.add(mailbox);
        }
        Mailbox moved = store.createMailbox("moved");
        store.messages.move(moved, original);

        assertThat(store.storedContents()).isEqualTo(1);
        assertThat(store.storedBytes()).isEqualTo(bodySize);
        assertThat(store.largeContents()).isEqualTo(bodySize > INLINE_BODY ? 1 : 0);
        assertThat(fullContent(copies.get(99))).isEqualTo(StoreFixture.HEADER + body);
        assertThat(fullContent(moved)).isEqualTo(StoreFixture.HEADER + body);

        copies.add(moved);
        for (Mailbox mailbox : copies) {
            store.messages.deleteMessages(mailbox, store.messages.listAllMessageUids(mailbox).collectList().block());
        }

        assertThat(store.storedContents()).isZero();
        assertThat(store.storedBytes()).isZero();
        assertThat(store.largeContents()).isZero();
    }

    @Test
    void aBodyDeliveredAsSeveralMessagesIsStoredOnce() throws Exception {
        List<MessageUid> uids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            uids.add(store.messages.add(inbox, StoreFixture.message(inbox, store.newMessageId(), "same body")).getUid());
        }
        assertThat(store.storedContents()).isEqualTo(1);

        store.messages.deleteMessages(inbox, uids.subList(0, 2));
        assertThat(store.storedContents()).isEqualTo(1);
        assertThat(fullContent(inbox)).isEqualTo(StoreFixture.HEADER + "same body");

        store.messages.deleteMessages(inbox, uids.subList(2, 3));
        assertThat(store.storedContents()).isZero();
    }

    @Test
    void attachmentsAreFreedWithTheLastMessageThatNamesThem() throws Exception {
        MessageId messageId = store.newMessageId();
        List<MessageAttachmentMetadata> attachments = aDocumentOf(messageId);
        MessageUid uid = addWithAttachments(messageId, attachments);
        Mailbox archive = store.createMailbox("Archive");
        MessageUid copyUid = store.messages.copy(archive, find(inbox, uid)).getUid();
        assertThat(store.storedContents()).isEqualTo(2);

        store.messages.deleteMessages(inbox, List.of(uid));
        assertThat(store.messages.findInMailbox(archive, MessageRange.one(copyUid), FetchType.FULL, 1).next().getAttachments())
            .isEqualTo(attachments);
        assertThat(IOUtils.toString(store.attachments.loadAttachmentContent(attachments.get(0).getAttachmentId()), StandardCharsets.UTF_8))
            .isEqualTo("%PDF-1.7 a document");

        store.messages.deleteMessages(archive, List.of(copyUid));
        assertThat(store.storedContents()).isZero();
        assertThatThrownBy(() -> store.attachments.getAttachment(attachments.get(0).getAttachmentId()))
            .isInstanceOf(AttachmentNotFoundException.class);
    }

    @Test
    void attachmentsAreReadWhenFirstAskedForWhateverTheFetchTypeAndNoneOnceTheMessageIsGone() throws Exception {
        MessageId messageId = store.newMessageId();
        List<MessageAttachmentMetadata> attachments = aDocumentOf(messageId);
        MessageUid uid = addWithAttachments(messageId, attachments);
        Mailbox archive = store.createMailbox("Archive");

        MailboxMessage metadataOnly = find(inbox, uid);
        MailboxMessage copyAskedLater = metadataOnly.copy(archive);
        MailboxMessage readBeforeTheExpunge = find(inbox, uid);
        assertThat(metadataOnly.getAttachments()).isEqualTo(attachments);
        assertThat(copyAskedLater.getAttachments()).isEqualTo(attachments);

        store.messages.deleteMessages(inbox, List.of(uid));
        assertThat(readBeforeTheExpunge.getAttachments()).isEmpty();
        assertThat(metadataOnly.getAttachments()).isEqualTo(attachments);
    }

    @Test
    void deletingAMailboxFreesTheMessagesOnlyItHeld() throws Exception {
        Mailbox archive = store.createMailbox("Archive");
        store.messages.add(inbox, StoreFixture.message(inbox, store.newMessageId(), "only in the inbox"));
        MessageUid shared = store.messages.add(inbox, StoreFixture.message(inbox, store.newMessageId(), "in both")).getUid();
        store.messages.copy(archive, find(inbox, shared));

        store.mailboxes.delete(inbox).block();

        assertThat(store.storedContents()).isEqualTo(1);
        assertThat(fullContent(archive)).isEqualTo(StoreFixture.HEADER + "in both");
        assertThat(store.messages.getMailboxCounters(archive).getCount()).isEqualTo(1);
    }

    private List<MessageAttachmentMetadata> aDocumentOf(MessageId messageId) throws Exception {
        return store.attachments.storeAttachments(List.of(ParsedAttachment.builder()
            .contentType("application/pdf")
            .content(ByteSource.wrap("%PDF-1.7 a document".getBytes(StandardCharsets.UTF_8)))
            .name("document.pdf")
            .noCid()
            .inline(false)), messageId);
    }

    private MessageUid addWithAttachments(MessageId messageId, List<MessageAttachmentMetadata> attachments) throws Exception {
        SimpleMailboxMessage message = StoreFixture.message(inbox, messageId, "see attached");
        return store.messages.add(inbox, SimpleMailboxMessage.from(message).mailboxId(inbox.getMailboxId())
            .addAttachments(attachments).build()).getUid();
    }

    private MailboxMessage find(Mailbox mailbox, MessageUid uid) throws Exception {
        return store.messages.findInMailbox(mailbox, MessageRange.one(uid), FetchType.METADATA, 1).next();
    }

    /** The full content of the only message of the mailbox. */
    private String fullContent(Mailbox mailbox) throws Exception {
        MailboxMessage message = store.messages.findInMailbox(mailbox, MessageRange.all(), FetchType.FULL, 1).next();
        return IOUtils.toString(message.getFullContent(), StandardCharsets.UTF_8);
    }
}
