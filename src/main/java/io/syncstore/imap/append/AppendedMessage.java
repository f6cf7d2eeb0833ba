package io.syncstore.imap.append;

import java.io.Closeable;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.mail.Flags;

import org.apache.james.imap.message.Literal;

/**
 * One message of an APPEND: its flags, internal date and octets, as the client sent them in one literal, or as the
 * parts of a CATENATE (RFC 4469) to put together.
 */
public final class AppendedMessage {
    private final Flags flags;
    private final Date internalDate;
    private final Literal content;
    private final List<CatenatePart> catenation;

    public AppendedMessage(Flags flags, Date internalDate, Literal content) {
        this.flags = flags;
        this.internalDate = internalDate;
        this.content = content;
        this.catenation = List.of();
    }

    AppendedMessage(Flags flags, Date internalDate, List<CatenatePart> catenation) {
        this.flags = flags;
        this.internalDate = internalDate;
        this.content = null;
        this.catenation = List.copyOf(catenation);
    }

    public Flags flags() {
        return flags;
    }

    public Date internalDate() {
        return internalDate;
    }

    /** The literal of a message sent whole; null for a CATENATE. */
    public Literal content() {
        return content;
    }

    List<CatenatePart> catenation() {
        return catenation;
    }

    boolean isCatenation() {
        return content == null;
    }

    private Stream<Literal> literals() {
        return isCatenation()
            ? catenation.stream().map(part -> part.text).flatMap(Optional::stream)
            : Stream.of(content);
    }

    /**
     * Deletes the file that holds these messages' octets, if James's reader spooled their command to one: its
     * literals all read that one file, and closing any of them deletes it (closing a second one would fail).
     */
    static void release(List<AppendedMessage> messages) throws IOException {
        Optional<Literal> spooled = messages.stream().flatMap(AppendedMessage::literals)
            .filter(literal -> literal instanceof Closeable).findFirst();
        if (spooled.isPresent()) {
            ((Closeable) spooled.get()).close();
        }
    }
}
