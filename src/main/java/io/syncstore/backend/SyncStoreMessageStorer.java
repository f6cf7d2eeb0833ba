package io.syncstore.backend;

import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import javax.mail.Flags;

import org.apache.commons.lang3.tuple.Pair;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Content;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageAttachmentMetadata;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.ParsedAttachment;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.impl.MessageParser;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;
import org.apache.james.mime4j.dom.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.backend.mail.PreparedAttachments;
import io.syncstore.backend.mail.SyncStoreAttachmentMapper;
import io.syncstore.backend.mail.SyncStoreMessageMapper;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.thread.SyncStoreThreadIdGuessingAlgorithm;

/**
 * Stores new messages with their attachments and their threads in one write of the database, so one commit: James's
 * storer writes the attachments, the thread keys and the message one after the other, each waiting for its own commit.
 * Everything read from a message (its attachments' contents, its body) is made durable before that write.
 *
 * <p>What reads a message's bytes, in order: {@link IncomingMessage} (mime4j: the header fields James's types need, the
 * body's offset, the line count of a text body); James's {@code MessageParser} for a message that may have attachments
 * (mime4j's whole tree, each attachment decoded); then the mapper's preparation of the rows: one copy of the message,
 * the body hashed for the content store, one walk of {@code io.syncstore.mime.MessagePart} for the summary and the
 * sorting fields, and mime4j again, decoding, for the search text. Each of these has its own rules for broken MIME
 * that the stored rows keep (docs/benchmarks.md §9, fourteenth session, counts them and what they cost).</p>
 */
final class SyncStoreMessageStorer {
    private static final Logger LOGGER = LoggerFactory.getLogger(SyncStoreMessageStorer.class);

    private final SyncStoreMailboxSessionMapperFactory mappers;
    private final MessageId.Factory messageIdFactory;
    private final MessageParser messageParser;
    private final SyncStoreThreadIdGuessingAlgorithm threads;
    private final Clock clock;

    SyncStoreMessageStorer(SyncStoreMailboxSessionMapperFactory mappers, MessageId.Factory messageIdFactory,
                           MessageParser messageParser, SyncStoreThreadIdGuessingAlgorithm threads, Clock clock) {
        this.mappers = mappers;
        this.messageIdFactory = messageIdFactory;
        this.messageParser = messageParser;
        this.threads = threads;
        this.clock = clock;
    }

    /**
     * Stores the messages of the commands, all in one write (see {@link SyncStoreMessageMapper#addAllNew}), each with
     * its attachments and its thread. {@code flagsOf} gives the flags each is stored with. The messages are read, their
     * rows prepared and written on the calling thread, which must be one that may block.
     */
    List<Pair<MessageMetaData, List<MessageAttachmentMetadata>>> storeAll(Mailbox mailbox, List<MessageManager.AppendCommand> commands,
                                                     Function<MessageManager.AppendCommand, Flags> flagsOf,
                                                     MailboxSession session) throws MailboxException {
        SyncStoreMessageMapper messageMapper = (SyncStoreMessageMapper) mappers.getMessageMapper(session);
        SyncStoreAttachmentMapper attachmentMapper = mappers.getAttachmentMapper(session);
        String owner = session.getUser().asString();
        List<PreparedAttachments> attachments = new ArrayList<>(commands.size());
        try {
            List<MailboxMessage> messages = new ArrayList<>(commands.size());
            List<SqlWork<ThreadId>> threadsOf = new ArrayList<>(commands.size());
            for (MessageManager.AppendCommand command : commands) {
                MessageId messageId = messageIdFactory.generate();
                IncomingMessage incoming = IncomingMessage.read(command.getMsgIn());
                PreparedAttachments prepared = prepareAttachments(attachmentMapper, messageId, command, incoming);
                attachments.add(prepared);
                messages.add(newMessage(mailbox, messageId, command, flagsOf.apply(command), incoming, prepared));
                SyncStoreThreadIdGuessingAlgorithm.Keys threadKeys = SyncStoreThreadIdGuessingAlgorithm.Keys.of(incoming.header());
                threadsOf.add(connection -> {
                    attachmentMapper.insert(connection, prepared);
                    return threads.assign(connection, messageId, threadKeys, owner);
                });
            }
            return withAttachments(messages, messageMapper.addAllNew(mailbox, messages, threadsOf));
        } finally {
            attachments.forEach(PreparedAttachments::discard);
        }
    }

    private MailboxMessage newMessage(Mailbox mailbox, MessageId messageId, MessageManager.AppendCommand command, Flags flags,
                                      IncomingMessage incoming, PreparedAttachments attachments) throws MailboxException {
        Date internalDate = Optional.ofNullable(command.getInternalDate()).orElseGet(() -> Date.from(clock.instant()));
        // the thread is decided in the write; until then the message is its own thread
        return new SimpleMailboxMessage(messageId, ThreadId.fromBaseMessageId(messageId), internalDate,
            Math.toIntExact(command.getMsgIn().size()), incoming.bodyStartOctet(), command.getMsgIn(), flags,
            incoming.properties().build(), mailbox.getMailboxId(), attachments.metadata(), Optional.of(Date.from(clock.instant())));
    }

    private static List<Pair<MessageMetaData, List<MessageAttachmentMetadata>>> withAttachments(List<MailboxMessage> messages,
                                                                                            List<MessageMetaData> added) {
        List<Pair<MessageMetaData, List<MessageAttachmentMetadata>>> stored = new ArrayList<>(added.size());
        for (int i = 0; i < added.size(); i++) {
            stored.add(Pair.of(added.get(i), messages.get(i).getAttachments()));
        }
        return stored;
    }

    private PreparedAttachments prepareAttachments(SyncStoreAttachmentMapper attachmentMapper, MessageId messageId,
                                                   MessageManager.AppendCommand command, IncomingMessage incoming) throws MailboxException {
        if (!incoming.mayHaveAttachments()) {
            return attachmentMapper.prepare(List.of(), messageId);
        }
        MessageParser.ParsingResult parsed = parse(command.getMsgIn(), command.getMaybeParsedMessage());
        try {
            return attachmentMapper.prepare(parsed.getAttachments(), messageId);
        } finally {
            parsed.dispose();
        }
    }

    /** The attachments as James finds them; a message they cannot be read from is stored without (as James does). */
    private MessageParser.ParsingResult parse(Content content, Optional<Message> maybeMessage) {
        try {
            if (maybeMessage.isPresent()) {
                List<ParsedAttachment> attachments = messageParser.retrieveAttachments(maybeMessage.get());
                return new MessageParser.ParsingResult(attachments, () -> { });
            }
            try (InputStream stream = content.getInputStream()) {
                return messageParser.retrieveAttachments(stream);
            }
        } catch (Exception e) {
            LOGGER.warn("Cannot read the attachments of a message: {}", e.getMessage(), e);
            return MessageParser.ParsingResult.EMPTY;
        }
    }
}
