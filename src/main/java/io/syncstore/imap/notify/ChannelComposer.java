package io.syncstore.imap.notify;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.stream.Stream;

import javax.mail.Flags;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.ModifiedUtf7;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.UidRange;
import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.message.Literal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;

/**
 * Composes responses into a buffer kept for the connection and, at each flush, copies them into one buffer of the
 * channel's allocator, which the channel owns from then on.
 *
 * <p>What a connection is told between commands (a push to 1,000 idling connections is 1,000 of these) would otherwise
 * go through a new growing array, a copy of it, a wrapper, and Netty's copy into a direct buffer for the socket
 * (docs/benchmarks.md, section 6). The kept buffer is an ordinary heap one, so a response composed on a connection
 * that closes before its flush holds nothing that must be released. The bytes are those James's composer writes for
 * the same calls (one space between elements except after an opening bracket, non-ASCII characters as {@code ?}), but
 * for an untagged NO with a response code, written as RFC 3501 §7.1 has it ({@code * NO [CODE] text}), where James
 * leaves out the space before the bracket.</p>
 */
final class ChannelComposer implements ImapResponseComposer {
    private static final int FLUSH_AT = 8192;
    private static final int KEPT_CAPACITY = 2 * FLUSH_AT;
    private static final byte[] LINE_END = {'\r', '\n'};
    private static final int INITIAL_CAPACITY = 128;

    private final Channel channel;
    private final byte[] digits = new byte[20];
    private ByteBuf buffer;
    private boolean noSpaceNext;

    ChannelComposer(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void flush() {
        if (buffer == null || !buffer.isReadable()) {
            return;
        }
        if (channel.isActive()) {
            ByteBuf written = channel.alloc().ioBuffer(buffer.readableBytes());
            written.writeBytes(buffer);
            channel.writeAndFlush(written);
        }
        if (buffer.capacity() > KEPT_CAPACITY) {
            buffer.release();
            buffer = null;
        } else {
            buffer.clear();
        }
    }

    @Override
    public ImapResponseComposer untaggedNoResponse(String displayMessage, String responseCode) throws IOException {
        untagged();
        message("NO");
        if (responseCode != null && !responseCode.isEmpty()) {
            openSquareBracket();
            ascii(responseCode);
            closeSquareBracket();
        }
        message(displayMessage);
        return end();
    }

    @Override
    public ImapResponseComposer flags(Flags flags) throws IOException {
        message("FLAGS");
        openParen();
        systemFlag(flags, Flags.Flag.ANSWERED, "\\Answered");
        systemFlag(flags, Flags.Flag.DELETED, "\\Deleted");
        systemFlag(flags, Flags.Flag.DRAFT, "\\Draft");
        systemFlag(flags, Flags.Flag.FLAGGED, "\\Flagged");
        systemFlag(flags, Flags.Flag.RECENT, "\\Recent");
        systemFlag(flags, Flags.Flag.SEEN, "\\Seen");
        for (String keyword : flags.getUserFlags()) {
            message(keyword);
        }
        return closeParen();
    }

    private void systemFlag(Flags flags, Flags.Flag flag, String name) {
        if (flags.contains(flag)) {
            message(name);
        }
    }

    @Override
    public ImapResponseComposer nil() {
        return message("NIL");
    }

    @Override
    public ImapResponseComposer untaggedResponse(String message) throws IOException {
        untagged();
        message(message);
        return end();
    }

    @Override
    public ImapResponseComposer untagged() {
        buffer().writeByte('*');
        return this;
    }

    @Override
    public ImapResponseComposer commandName(ImapCommand command) {
        return message(command.getNameAsBytes());
    }

    @Override
    public ImapResponseComposer message(String message) {
        if (message != null) {
            space();
            ascii(message);
        }
        return this;
    }

    @Override
    public ImapResponseComposer message(byte[] message) {
        space();
        buffer().writeBytes(message);
        return this;
    }

    @Override
    public ImapResponseComposer message(long number) {
        space();
        number(number);
        return this;
    }

    @Override
    public ImapResponseComposer mailbox(String mailboxName) {
        return quote(ModifiedUtf7.encodeModifiedUTF7(mailboxName));
    }

    @Override
    public ImapResponseComposer sequenceSet(UidRange[] ranges) {
        return ranges(Arrays.stream(ranges).map(UidRange::getFormattedString));
    }

    @Override
    public ImapResponseComposer sequenceSet(IdRange[] ranges) {
        return ranges(Arrays.stream(ranges).map(IdRange::getFormattedString));
    }

    private ImapResponseComposer ranges(Stream<String> formatted) {
        space();
        Iterator<String> each = formatted.iterator();
        while (each.hasNext()) {
            ascii(each.next());
            if (each.hasNext()) {
                buffer().writeByte(',');
            }
        }
        return this;
    }

    @Override
    public ImapResponseComposer end() {
        buffer().writeBytes(LINE_END);
        if (buffer.readableBytes() > FLUSH_AT) {
            flush();
        }
        return this;
    }

    @Override
    public ImapResponseComposer tag(Tag tag) {
        ascii(tag.asString());
        return this;
    }

    @Override
    public ImapResponseComposer quote(String message) {
        space();
        ByteBuf out = buffer();
        out.writeByte('"');
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\\' || c == '"') {
                out.writeByte('\\');
            }
            out.writeByte(c < 128 ? c : '?');
        }
        out.writeByte('"');
        return this;
    }

    @Override
    public ImapResponseComposer quote(char message) {
        space();
        buffer().writeByte('"').writeByte(message).writeByte('"');
        return this;
    }

    @Override
    public ImapResponseComposer literal(Literal literal) throws IOException {
        long size = literal.size();
        space();
        buffer().writeByte('{');
        number(size);
        buffer().writeByte('}');
        end();
        if (size > 0) {
            flush();
            // read now, on the writing thread: the content may not outlive the FETCH that produced it
            byte[] content;
            try (InputStream in = literal.getInputStream()) {
                content = in.readAllBytes();
            }
            if (channel.isActive()) {
                channel.writeAndFlush(Unpooled.wrappedBuffer(content));
            }
        }
        return this;
    }

    @Override
    public ImapResponseComposer openParen() {
        return open('(');
    }

    @Override
    public ImapResponseComposer closeParen() {
        return close(')');
    }

    @Override
    public ImapResponseComposer openSquareBracket() {
        return open('[');
    }

    @Override
    public ImapResponseComposer closeSquareBracket() {
        return close(']');
    }

    @Override
    public ImapResponseComposer quoteUpperCaseAscii(String message) {
        if (message == null) {
            return nil();
        }
        space();
        ByteBuf out = buffer();
        out.writeByte('"');
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            out.writeByte(c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c);
        }
        out.writeByte('"');
        return this;
    }

    @Override
    public ImapResponseComposer skipNextSpace() {
        noSpaceNext = true;
        return this;
    }

    @Override
    public ImapResponseComposer continuationResponse(String message) {
        buffer().writeByte('+');
        buffer.writeByte(' ');
        ascii(message);
        return end();
    }

    @Override
    public ImapResponseComposer continuationResponse() {
        buffer().writeByte('+');
        end();
        flush();
        return this;
    }

    private ImapResponseComposer open(char bracket) {
        space();
        buffer().writeByte(bracket);
        noSpaceNext = true;
        return this;
    }

    private ImapResponseComposer close(char bracket) {
        buffer().writeByte(bracket);
        noSpaceNext = false;
        return this;
    }

    private void space() {
        if (noSpaceNext) {
            noSpaceNext = false;
        } else {
            buffer().writeByte(' ');
        }
    }

    /** US-ASCII, a character beyond it (a surrogate pair included) written as one {@code ?}. */
    private void ascii(String text) {
        ByteBuf out = buffer();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.writeByte(c < 128 ? c : '?');
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            }
        }
    }

    private void number(long number) {
        if (number < 0) {
            ascii(Long.toString(number));
            return;
        }
        int start = digits.length;
        long rest = number;
        do {
            digits[--start] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest > 0);
        buffer().writeBytes(digits, start, digits.length - start);
    }

    private ByteBuf buffer() {
        if (buffer == null) {
            buffer = Unpooled.buffer(INITIAL_CAPACITY);
        }
        return buffer;
    }
}
