package io.syncstore.server.imap;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.imapserver.netty.NettyConstants;
import org.apache.james.imapserver.netty.NettyImapRequestLineReader;
import org.apache.james.protocols.netty.LineHandlerAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.syncstore.imap.channel.DeferredCommand;

/**
 * Cuts the bytes of an IMAP connection into whole commands (a line, plus for each line ending in a literal
 * {@code {n}} or {@code {n+}} the n octets and the rest of the command), and hands each on as a
 * {@link DeferredCommand}, decoded when its turn comes.
 *
 * <p>Replaces James 3.8.1's pair of handlers, a line framer that {@code ImapRequestFrameDecoder} removed from the
 * pipeline while it waited for a literal and put back after: bytes that arrived in the same read as a LITERAL+
 * APPEND went through the decoder twice (commands answered and executed again), and commands pipelined after LOGIN
 * or SELECT were checked against the session state before the LOGIN or SELECT had run.</p>
 *
 * <p>Nothing is removed from or added to the pipeline here. Line handlers (IDLE's DONE, AUTHENTICATE's
 * continuation) get one line at a time, as before. A STARTTLS followed by more bytes in the same read closes the
 * connection (command injection), as James's framer does.</p>
 */
public class CommandFramer extends ByteToMessageDecoder implements LineHandlerAware {
    private static final Logger LOGGER = LoggerFactory.getLogger(CommandFramer.class);
    private static final byte[] CONTINUATION = "+ Ok\r\n".getBytes(StandardCharsets.US_ASCII);
    static final HumanReadableText INVALID_MUTF7 = new HumanReadableText("io.syncstore.imap.INVALID_MUTF7",
        "Mailbox name is not valid modified UTF-7");
    private static final HumanReadableText UNPARSABLE = new HumanReadableText("io.syncstore.imap.UNPARSABLE",
        "failed. Illegal arguments.");

    /** Commands are held in memory (one array): a literal may not be larger than this. */
    private static final long MAX_LITERAL = Integer.MAX_VALUE / 2;

    private final ImapDecoder decoder;
    private final int maxLineLength;
    private final int literalSizeLimit;
    private final UnpooledStatusResponseFactory responses = new UnpooledStatusResponseFactory();
    private final Deque<ChannelInboundHandlerAdapter> lineHandlers = new ConcurrentLinkedDeque<>();

    /** Octets of the current command already known to be complete (lines and literals), from the reader index. */
    private int scanned;
    /** Octets of the current literal still to come. */
    private long literalRemaining;
    /** Discarding a line longer than {@link #maxLineLength}, up to its end. */
    private boolean discarding;

    /** Whether the processor decodes {@link DeferredCommand}s (SyncStore's IMAP package); else decode here, at once. */
    private final boolean deferDecoding;

    public CommandFramer(ImapDecoder decoder, int maxLineLength, int literalSizeLimit, boolean deferDecoding) {
        this.decoder = decoder;
        this.deferDecoding = deferDecoding;
        this.maxLineLength = maxLineLength;
        this.literalSizeLimit = literalSizeLimit;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (discarding) {
                int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
                if (eol < 0) {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                in.readerIndex(eol + 1);
                discarding = false;
                continue;
            }
            ChannelInboundHandlerAdapter lineHandler = lineHandlers.peekFirst();
            if (lineHandler != null && scanned == 0 && literalRemaining == 0) {
                int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
                if (eol < 0) {
                    return;
                }
                ByteBuf line = in.readSlice(eol + 1 - in.readerIndex());
                try {
                    lineHandler.channelRead(ctx, line);
                } catch (Exception e) {
                    ctx.fireExceptionCaught(e);
                }
                continue;
            }
            if (literalRemaining > 0) {
                long available = in.readableBytes() - scanned;
                if (available < literalRemaining) {
                    return;
                }
                scanned += (int) literalRemaining;
                literalRemaining = 0;
            }
            int lineStart = in.readerIndex() + scanned;
            int eol = in.indexOf(lineStart, in.writerIndex(), (byte) '\n');
            if (eol < 0) {
                if (in.writerIndex() - lineStart > maxLineLength) {
                    tooLong(ctx, in);
                }
                return;
            }
            if (eol - lineStart > maxLineLength) {
                in.readerIndex(eol + 1);
                scanned = 0;
                ctx.fireExceptionCaught(new TooLongFrameException("line longer than " + maxLineLength));
                continue;
            }
            scanned = eol + 1 - in.readerIndex();
            long literal = literalAtEndOfLine(in, lineStart, eol);
            if (literal >= 0) {
                // "{n+}": the byte before the closing brace
                boolean synchronizing = in.getByte(lastNonEol(in, lineStart, eol) - 2) != '+';
                if (literal > MAX_LITERAL) {
                    // beyond what one command may hold in memory here, whatever literalSizeLimit says
                    tooBig(ctx, in);
                    return;
                }
                if (literalSizeLimit > 0 && literal > literalSizeLimit) {
                    if (!synchronizing) {
                        // the client sends it anyway; there is no way to answer this command alone
                        tooBig(ctx, in);
                        return;
                    }
                    // no continuation: the command ends here, its decoding refuses the literal (tagged BAD)
                    emit(ctx, in, out);
                    continue;
                }
                literalRemaining = literal;
                long available = in.readableBytes() - scanned;
                if (synchronizing && (available < literal || literal == 0 && available == 0)) {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(CONTINUATION));
                }
                continue;
            }
            boolean startTls = isStartTls(in, in.readerIndex(), eol);
            emit(ctx, in, out);
            if (startTls && in.isReadable() && detectsInjection(ctx)) {
                LOGGER.info("Bytes pipelined after STARTTLS: closing the connection");
                in.skipBytes(in.readableBytes());
                ctx.channel().close();
                return;
            }
        }
    }

    private static boolean detectsInjection(ChannelHandlerContext ctx) {
        ImapSession session = ctx.channel().attr(NettyConstants.IMAP_SESSION_ATTRIBUTE_KEY).get();
        return session == null || session.needsCommandInjectionDetection();
    }

    private void tooLong(ChannelHandlerContext ctx, ByteBuf in) {
        in.skipBytes(in.readableBytes());
        scanned = 0;
        literalRemaining = 0;
        discarding = true;
        ctx.fireExceptionCaught(new TooLongFrameException("line longer than " + maxLineLength));
    }

    private void tooBig(ChannelHandlerContext ctx, ByteBuf in) {
        in.skipBytes(in.readableBytes());
        ctx.writeAndFlush(Unpooled.wrappedBuffer("* BYE Literal too big\r\n".getBytes(StandardCharsets.US_ASCII)))
            .addListener(ChannelFutureListener.CLOSE);
    }

    private void emit(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        byte[] bytes = new byte[scanned];
        in.readBytes(bytes);
        scanned = 0;
        Channel channel = ctx.channel();
        if (deferDecoding) {
            out.add(new DeferredCommand(session -> decode(channel, bytes, session), bytes.length));
            return;
        }
        ImapMessage message = decode(channel, bytes, channel.attr(NettyConstants.IMAP_SESSION_ATTRIBUTE_KEY).get());
        if (message == null) {
            in.skipBytes(in.readableBytes());
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        out.add(message);
    }

    private ImapMessage decode(Channel channel, byte[] bytes, ImapSession session) {
        if (session == null || session.getState() == ImapSessionState.LOGOUT) {
            return null;
        }
        try {
            return decoder.decode(reader(channel, bytes), session);
        } catch (NettyImapRequestLineReader.NotEnoughDataException e) {
            return responses.taggedBad(tag(channel, bytes), null, UNPARSABLE);
        } catch (RuntimeException | Error e) {
            if (causedByCharacterCoding(e)) {
                // ModifiedUtf7 throws an Error for a name that is not valid modified UTF-7 ('&' not starting a
                // valid base64 sequence): James closed the connection. Answer NO, as Dovecot does.
                return responses.taggedNo(tag(channel, bytes), null, INVALID_MUTF7);
            }
            LOGGER.warn("Could not decode an IMAP command", e);
            return responses.taggedBad(tag(channel, bytes), null, UNPARSABLE);
        }
    }

    private NettyImapRequestLineReader reader(Channel channel, byte[] bytes) {
        // retry=true: the framer has sent every continuation request already
        return new NettyImapRequestLineReader(channel, Unpooled.wrappedBuffer(bytes), true, literalSizeLimit);
    }

    private Tag tag(Channel channel, byte[] bytes) {
        try {
            return reader(channel, bytes).tag();
        } catch (DecodingException | RuntimeException e) {
            return new Tag("*");
        }
    }

    private static boolean causedByCharacterCoding(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CharacterCodingException) {
                return true;
            }
        }
        return false;
    }

    private static int lastNonEol(ByteBuf in, int lineStart, int eol) {
        int end = eol;
        if (end > lineStart && in.getByte(end - 1) == '\r') {
            end--;
        }
        return end;
    }

    /** The size of the literal announced at the end of this line ({@code {n}} or {@code {n+}}), or -1. */
    static long literalAtEndOfLine(ByteBuf in, int lineStart, int eol) {
        int end = lastNonEol(in, lineStart, eol);
        int i = end - 1;
        if (i < lineStart || in.getByte(i) != '}') {
            return -1;
        }
        i--;
        if (i >= lineStart && in.getByte(i) == '+') {
            i--;
        }
        int digitsEnd = i;
        while (i >= lineStart && Character.isDigit(in.getByte(i))) {
            i--;
        }
        if (i == digitsEnd || i < lineStart || in.getByte(i) != '{' || digitsEnd - i > 18) {
            return -1;
        }
        return Long.parseLong(in.toString(i + 1, digitsEnd - i, StandardCharsets.US_ASCII));
    }

    private static boolean isStartTls(ByteBuf in, int start, int eol) {
        String line = in.toString(start, eol - start, StandardCharsets.US_ASCII).trim().toLowerCase(Locale.US);
        int space = line.indexOf(' ');
        return space > 0 && line.substring(space + 1).trim().equals("starttls");
    }

    @Override
    public void pushLineHandler(ChannelInboundHandlerAdapter lineHandlerUpstreamHandler) {
        lineHandlers.addFirst(lineHandlerUpstreamHandler);
    }

    @Override
    public void popLineHandler() {
        lineHandlers.pollFirst();
    }
}
