package io.syncstore.imap.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.mail.Flags;

import org.apache.james.imap.api.message.BodyFetchElement;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.message.FetchData.Item;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.message.request.FetchRequest;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.mailbox.MessageSequenceNumber;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Content;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MessageResult;

import io.syncstore.api.FlagRows;
import io.syncstore.mime.Envelopes;
import io.syncstore.mime.FetchItemBytes;
import io.syncstore.mime.MessagePart;
import io.syncstore.mime.MessageSummary;
import io.syncstore.mime.PartStructure;
import io.syncstore.mime.Preview;
import io.syncstore.mime.StructureWriter;
import io.syncstore.mime.TransferDecoding;

/**
 * What one FETCH answers for each message, and the answer for one message: the items of the request read from
 * James's {@link MessageResult} (so any mailbox backend serves it), the message parsed once into its
 * {@link MessagePart} tree, which every section, BODYSTRUCTURE, BINARY and PREVIEW read from.
 */
final class FetchPlan {
    private static final Set<Item> NOT_IN_ROWS =
        EnumSet.of(Item.INTERNAL_DATE, Item.SIZE, Item.SAVEDATE, Item.EMAILID, Item.THREADID);

    private final FetchData fetch;
    private final List<BinarySection> binarySections;
    private final boolean preview;
    private final boolean setsSeen;
    private final boolean uid;
    private final FetchItemBytes.Mode mode;

    private FetchPlan(FetchData fetch, List<BinarySection> binarySections, boolean preview, boolean setsSeen,
                      boolean uid, FetchItemBytes.Mode mode) {
        this.fetch = fetch;
        this.binarySections = binarySections;
        this.preview = preview;
        this.setsSeen = setsSeen;
        this.uid = uid;
        this.mode = mode;
    }

    /**
     * {@code alwaysUid}: QRESYNC is enabled, so every FETCH response carries the UID (RFC 7162 §3.2.4).
     * {@code readOnly}: the mailbox was selected by EXAMINE, so BODY[] and BINARY[] do not set \Seen (RFC 3501 §6.3.2).
     * {@code mode}: what the connection enabled; IMAP4rev2's BODYSTRUCTURE describes message/global as a message.
     */
    static FetchPlan of(FetchRequest request, boolean alwaysUid, boolean readOnly, FetchItemBytes.Mode mode) {
        FetchData fetch = request.getFetch();
        if (request instanceof ExtendedFetchRequest) {
            ExtendedFetchRequest extended = (ExtendedFetchRequest) request;
            return new FetchPlan(fetch, extended.binarySections(), extended.preview(),
                !readOnly && (fetch.isSetSeen() || extended.binarySetsSeen()), alwaysUid || fetch.contains(Item.UID), mode);
        }
        return new FetchPlan(fetch, List.of(), false, !readOnly && fetch.isSetSeen(), alwaysUid || fetch.contains(Item.UID),
            mode);
    }

    boolean setsSeen() {
        return setsSeen;
    }

    /** Flags, UID and modseq only: answered from message metadata, without reading any message. */
    boolean metadataOnly() {
        return fetch.isOnlyFlags() && binarySections.isEmpty() && !preview;
    }

    /**
     * Whether a stored {@link MessageSummary} answers every content item asked (ENVELOPE, BODY, BODYSTRUCTURE,
     * PREVIEW), so that the message itself need not be read.
     */
    boolean answerableFromSummaries() {
        return fetch.getBodyElements().isEmpty() && binarySections.isEmpty()
            && (preview || fetch.contains(Item.ENVELOPE) || fetch.contains(Item.BODY) || fetch.contains(Item.BODY_STRUCTURE));
    }

    /**
     * Whether {@link FlagRows} and the stored summaries answer the whole FETCH: content items a summary answers, and of
     * the rest only FLAGS, UID and MODSEQ.
     */
    boolean answerableFromRows() {
        return answerableFromSummaries() && !setsSeen && NOT_IN_ROWS.stream().noneMatch(fetch::contains);
    }

    /** What to read of the messages: nothing of their content when their summaries are at hand. */
    FetchGroup fetchGroup(boolean withSummaries) {
        return withSummaries ? FetchGroup.MINIMAL : fetchGroup();
    }

    private FetchGroup fetchGroup() {
        if (needsContent()) {
            return FetchGroup.FULL_CONTENT;
        }
        return fetch.contains(Item.ENVELOPE) ? FetchGroup.HEADERS : FetchGroup.MINIMAL;
    }

    private boolean needsContent() {
        return !fetch.getBodyElements().isEmpty() || !binarySections.isEmpty() || preview
            || fetch.contains(Item.BODY) || fetch.contains(Item.BODY_STRUCTURE);
    }

    ImapResponseMessage metadataResponse(MessageUid messageUid, ModSeq modSeq, Flags flags, int msn) {
        return new FetchResponse(MessageSequenceNumber.of(msn), flagsItem(flags), uidItem(messageUid), null,
            modSeqItem(modSeq), null, null, null, null, null, null, null, null);
    }

    /** Whether the answer shows each message's modseq: MODSEQ asked for, or CHANGEDSINCE, which implies it. */
    boolean showsModSeq() {
        return fetch.contains(Item.MODSEQ);
    }

    /** Whether FLAGS may show \Recent: IMAP4rev2 has none (RFC 9051 appendix E), as {@code ModalResponse} writes it. */
    boolean showsRecent() {
        return !imap4rev2();
    }

    /** The bytes of {@link #metadataResponse}s, for a metadata-only FETCH. */
    MetadataLines metadataLines(Responder responder) {
        return new MetadataLines(fetch.contains(Item.FLAGS), uid, showsModSeq(), responder);
    }

    /**
     * For a FETCH {@link #answerableFromRows}, the lines that write its messages from their stored
     * {@link FetchItemBytes}; empty when it asks for PREVIEW, which they do not hold.
     */
    Optional<MetadataLines> itemLines(Responder responder) {
        if (preview) {
            return Optional.empty();
        }
        FetchItemBytes.Item[] beforeUid = fetch.contains(Item.ENVELOPE)
            ? new FetchItemBytes.Item[] {FetchItemBytes.Item.ENVELOPE} : new FetchItemBytes.Item[0];
        List<FetchItemBytes.Item> afterUid = new ArrayList<>();
        if (fetch.contains(Item.BODY)) {
            afterUid.add(FetchItemBytes.Item.BODY);
        }
        if (fetch.contains(Item.BODY_STRUCTURE)) {
            afterUid.add(FetchItemBytes.Item.BODYSTRUCTURE);
        }
        return Optional.of(new MetadataLines(fetch.contains(Item.FLAGS), uid, showsModSeq(), beforeUid,
            afterUid.toArray(FetchItemBytes.Item[]::new), mode, responder));
    }

    /** For a FETCH {@link #answerableFromRows}: the response from the message's summary and its flag row. */
    ImapResponseMessage response(MessageSummary summary, MessageUid messageUid, ModSeq modSeq, Flags flags, int msn) {
        MessagePart root = summary.structure();
        List<ExtraItem> extras = new ArrayList<>();
        addStructureItems(extras, root, Optional.of(summary));
        FetchResponse base = new FetchResponse(MessageSequenceNumber.of(msn), flagsItem(flags), uidItem(messageUid), null,
            modSeqItem(modSeq), null, null, fetch.contains(Item.ENVELOPE) ? Envelopes.of(root.header) : null,
            null, null, null, null, null);
        return extras.isEmpty() ? base : new ExtendedFetchResponse(base, extras);
    }

    /**
     * {@code flags}: the message's flags once this FETCH set \Seen, \Recent added when the session holds it;
     * {@code storedSummary}: the message's {@link MessageSummary} when the backend keeps one, else null.
     */
    ImapResponseMessage response(MessageResult message, byte[] storedSummary, Flags flags, boolean seenJustSet, int msn)
            throws MailboxException, IOException {
        Optional<MessageSummary> summary = Optional.ofNullable(storedSummary).flatMap(MessageSummary::read);
        MessagePart root = summary.isPresent() ? summary.get().structure() : parsed(message);
        List<FetchResponse.BodyElement> elements = new ArrayList<>();
        for (BodyFetchElement element : fetch.getBodyElements()) {
            elements.add(bodyElement(root, element));
        }
        List<ExtraItem> extras = new ArrayList<>();
        for (BinarySection section : binarySections) {
            binary(root, section, elements, extras);
        }
        addStructureItems(extras, root, summary);
        FetchResponse base = new FetchResponse(MessageSequenceNumber.of(msn),
            fetch.contains(Item.FLAGS) || seenJustSet ? flags : null,
            uidItem(message.getUid()),
            fetch.contains(Item.SAVEDATE) ? message.getSaveDate() : null,
            modSeqItem(message.getModSeq()),
            fetch.contains(Item.INTERNAL_DATE) ? message.getInternalDate() : null,
            fetch.contains(Item.SIZE) ? message.getSize() : null,
            fetch.contains(Item.ENVELOPE) ? Envelopes.of(root.header) : null,
            null,
            null,
            elements.isEmpty() ? null : elements,
            fetch.contains(Item.EMAILID) ? message.getMessageId() : null,
            fetch.contains(Item.THREADID) ? message.getThreadId() : null);
        return extras.isEmpty() ? base : new ExtendedFetchResponse(base, extras);
    }

    private void addStructureItems(List<ExtraItem> extras, MessagePart root, Optional<MessageSummary> summary) {
        if (fetch.contains(Item.BODY)) {
            extras.add(composer -> StructureWriter.body(composer, new PartStructure(root), imap4rev2()));
        }
        if (fetch.contains(Item.BODY_STRUCTURE)) {
            extras.add(composer -> StructureWriter.bodyStructure(composer, new PartStructure(root), imap4rev2()));
        }
        if (preview) {
            extras.add(ExtraItem.string("PREVIEW", summary.isPresent() ? summary.get().preview() : Preview.of(root)));
        }
    }

    private Flags flagsItem(Flags flags) {
        return fetch.contains(Item.FLAGS) ? flags : null;
    }

    private MessageUid uidItem(MessageUid messageUid) {
        return uid ? messageUid : null;
    }

    private boolean imap4rev2() {
        return mode == FetchItemBytes.Mode.IMAP4REV2;
    }

    private ModSeq modSeqItem(ModSeq modSeq) {
        return showsModSeq() ? modSeq : null;
    }

    /** The message's MIME tree; of its header only when ENVELOPE is all that needs it. */
    private MessagePart parsed(MessageResult message) throws MailboxException, IOException {
        FetchGroup group = fetchGroup();
        if (group == FetchGroup.MINIMAL) {
            return null;
        }
        // a message without a summary in a FETCH planned with summaries was read MINIMAL: its content comes lazily
        Content content = group == FetchGroup.HEADERS ? message.getHeaders() : message.getFullContent();
        try (InputStream in = content.getInputStream()) {
            return MessagePart.parse(in.readAllBytes());
        }
    }

    private static FetchResponse.BodyElement bodyElement(MessagePart root, BodyFetchElement element) {
        byte[] section = Sections.read(root, element.getPath(), element.getSectionType(), element.getFieldNames());
        if (element.getFirstOctet() == null) {
            return new BytesElement(element.getResponseName(), section);
        }
        Partial partial = new Partial(element.getFirstOctet(), element.getNumberOfOctets());
        return new BytesElement(element.getResponseName() + partial.responseSuffix(), partial.of(section));
    }

    private static void binary(MessagePart root, BinarySection section, List<FetchResponse.BodyElement> elements,
                               List<ExtraItem> extras) {
        boolean whole = section.path.length == 0;
        Optional<MessagePart> part = whole ? Optional.of(root) : Sections.part(root, section.path);
        byte[] content = part.map(found -> decoded(found, whole, section)).orElse(new byte[0]);
        if (section.sizeOnly) {
            extras.add(ExtraItem.number(section.responseName(), content.length));
            return;
        }
        BytesElement element = new BytesElement(section.responseName(),
            section.partial.map(partial -> partial.of(content)).orElse(content));
        if (part.isPresent() && TransferDecoding.holdsEncoded(part.get())) {
            extras.add(ExtraItem.literal8(element));
        } else {
            elements.add(element);
        }
    }

    private static byte[] decoded(MessagePart part, boolean whole, BinarySection section) {
        return (whole ? TransferDecoding.decodedWhole(part) : TransferDecoding.decoded(part))
            .orElseThrow(() -> new UnknownTransferEncodingException(section.responseName()));
    }
}
