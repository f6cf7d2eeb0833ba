package io.syncstore.server.imap;

import java.io.Closeable;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.imapserver.netty.NettyConstants;
import org.apache.james.imapserver.netty.NettyImapRequestLineReader;
import org.apache.james.mailbox.model.MailboxPath;
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
import io.syncstore.imap.ImapProcessorChain;
import io.syncstore.imap.channel.DeferredCommand;
import io.syncstore.imap.channel.Framing;
import io.syncstore.imap.mode.Utf8RequestLineReader;

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
 *
 * <p>A command with a literal larger than {@code inMemorySizeLimit} is written to a {@link CommandSpool} as it
 * arrives rather than accumulated in the heap, and decoded from there; its file is deleted once James has run and
 * closed the command, or when the connection ends.</p>
 */
public class CommandFramer extends ByteToMessageDecoder implements LineHandlerAware {
    private static final Logger LOGGER = LoggerFactory.getLogger(CommandFramer.class);
    private static final byte[] CONTINUATION = "+ Ok\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final HumanReadableText BUSY = new HumanReadableText("io.syncstore.imap.BUSY",
        "Too many commands in progress on this server, try again");
    /** James 3.8.1 cannot make a TOOBIG response code (RFC 4469 §4, asked for by RFC 7888 §4): it goes in the text. */
    private static final HumanReadableText NON_SYNCHRONIZING_TOO_BIG = new HumanReadableText(
        "io.syncstore.imap.LITERAL_MINUS", "[TOOBIG] Non-synchronizing literals are limited to "
        + Framing.LITERAL_MINUS_LIMIT + " octets (LITERAL-): send a synchronizing literal");
    private static final HumanReadableText UNPARSABLE = new HumanReadableText("io.syncstore.imap.UNPARSABLE",
        "failed. Illegal arguments.");

    /** A command held in memory is one array: a literal kept in memory may not be larger than this. */
    private static final long MAX_LITERAL = Integer.MAX_VALUE / 2;
    /** The most UTF-8 octets a mailbox name James accepts can take (its characters are UTF-16 units). */
    private static final long NAME_OCTETS = 3L * MailboxPath.MAX_MAILBOX_NAME_LENGTH;

    private final ImapDecoder decoder;
    private final int maxLineLength;
    private final int literalSizeLimit;
    private final int inMemorySizeLimit;
    private final boolean literalMinus;
    private final UnpooledStatusResponseFactory responses = new UnpooledStatusResponseFactory();
    private final Deque<ChannelInboundHandlerAdapter> lineHandlers = new ConcurrentLinkedDeque<>();

    /** Octets of the current command already known to be complete (lines and literals), from the reader index. */
    private int scanned;
    /** Octets of the current literal still to come. */
    private long literalRemaining;
    /** Whether the current literal is short enough to be a mailbox name. */
    private boolean literalMayBeName;
    /** Whether the current command's lines, or its literals that may be names, hold an octet above 127. */
    private boolean eightBit;
    /** Discarding a line longer than {@link #maxLineLength}, or the rest of a refused command's line, up to its end. */
    private boolean discarding;
    /** Octets of a refused non-synchronizing literal still to skip. */
    private long skipping;

    /** The command being written to a file, because one of its literals is larger than {@link #inMemorySizeLimit}. */
    private CommandSpool spool;
    private CommandHead spoolHead;
    private final HeldCommands held = new HeldCommands();

    private final CommandThrottle throttle;
    private final NestingDepth nesting;
    private final CommandRate rate;
    private final HumanReadableText tooDeep;
    private final HumanReadableText tooFast;

    /**
     * @param throttle bounds the commands in progress when they are {@link DeferredCommand}s, which James closes when
     *                 they are finished; null to decode every command here, at once
     */
    public CommandFramer(ImapDecoder decoder, Limits limits, CommandThrottle throttle) {
        this.decoder = decoder;
        this.throttle = throttle;
        this.maxLineLength = limits.maxLineLength();
        this.literalSizeLimit = limits.literalSizeLimit();
        this.inMemorySizeLimit = limits.inMemorySizeLimit();
        this.literalMinus = limits.literalMinus() && throttle != null;
        this.nesting = new NestingDepth(limits.maxNestingDepth());
        this.rate = new CommandRate(limits.commandsPerSecond());
        this.tooDeep = new HumanReadableText("io.syncstore.imap.TOO_DEEP",
            "Parenthesised lists nested deeper than " + nesting.limit() + " (maxNestingDepth)");
        // James 3.8.1 cannot make a LIMIT response code (RFC 5530): it goes in the text
        this.tooFast = new HumanReadableText("io.syncstore.imap.TOO_FAST",
            "[LIMIT] More than " + rate.perSecond() + " commands a second on this connection (commandsPerSecond), slow down");
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
            if (skipping > 0) {
                int length = (int) Math.min(in.readableBytes(), skipping);
                in.skipBytes(length);
                skipping -= length;
                if (skipping > 0) {
                    return;
                }
                discarding = true;
                continue;
            }
            ChannelInboundHandlerAdapter lineHandler = lineHandlers.peekFirst();
            if (lineHandler != null && scanned == 0 && literalRemaining == 0 && spool == null) {
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
            if (literalRemaining > 0 && spool != null) {
                int length = (int) Math.min(in.readableBytes(), literalRemaining);
                noteEightBit(in, in.readerIndex(), length, literalMayBeName);
                spool.append(in, length);
                literalRemaining -= length;
                if (literalRemaining > 0) {
                    return;
                }
                continue;
            }
            if (literalRemaining > 0) {
                long available = in.readableBytes() - scanned;
                if (available < literalRemaining) {
                    return;
                }
                noteEightBit(in, in.readerIndex() + scanned, (int) literalRemaining, literalMayBeName);
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
                dropSpool();
                nesting.reset();
                eightBit = false;
                ctx.fireExceptionCaught(new TooLongFrameException("line longer than " + maxLineLength));
                continue;
            }
            scanned = eol + 1 - in.readerIndex();
            noteEightBit(in, lineStart, eol - lineStart, true);
            long literal = literalAtEndOfLine(in, lineStart, eol);
            // "{n+}": the byte before the closing brace
            boolean synchronizing = literal >= 0 && in.getByte(lastNonEol(in, lineStart, eol) - 2) != '+';
            if (nesting.exceededBy(in, lineStart, eol)) {
                // BAD at once: a synchronizing literal gets no continuation, a non-synchronizing one is skipped
                refuse(ctx, in, out, tooDeep);
                if (literal >= 0 && !synchronizing) {
                    skipping = literal;
                }
                continue;
            }
            if (literal >= 0) {
                boolean spooled = spool != null || inMemorySizeLimit > 0 && literal > inMemorySizeLimit;
                if (literal > Integer.MAX_VALUE || !spooled && literal > MAX_LITERAL) {
                    // James's decoders read a literal of at most 2 GiB, and one in memory must fit in one array
                    tooBig(ctx, in);
                    return;
                }
                if (literalMinus && !synchronizing && literal > Framing.LITERAL_MINUS_LIMIT) {
                    // RFC 7888 §4: BAD; its octets come anyway and are skipped with the rest of the line
                    refuse(ctx, in, out, NON_SYNCHRONIZING_TOO_BIG);
                    skipping = literal;
                    continue;
                }
                if (literalSizeLimit > 0 && literal > literalSizeLimit) {
                    if (!synchronizing) {
                        // the client sends it anyway; there is no way to answer this command alone
                        tooBig(ctx, in);
                        return;
                    }
                    // no continuation: the command ends here, its decoding refuses the literal (tagged BAD)
                    endCommand(ctx, in, out);
                    continue;
                }
                if (spooled) {
                    spoolScanned(in);
                }
                literalRemaining = literal;
                literalMayBeName = literal <= NAME_OCTETS;
                long available = in.readableBytes() - scanned;
                if (synchronizing && (available < literal || literal == 0 && available == 0)) {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(CONTINUATION));
                }
                continue;
            }
            boolean startTls = spool == null && StartTlsLine.is(in, in.readerIndex(), eol);
            endCommand(ctx, in, out);
            if (startTls && in.isReadable() && detectsInjection(ctx)) {
                LOGGER.info("Bytes pipelined after STARTTLS: closing the connection");
                in.skipBytes(in.readableBytes());
                ctx.channel().close();
                return;
            }
        }
    }

    private void noteEightBit(ByteBuf in, int index, int length, boolean mayBeName) {
        if (mayBeName && !eightBit) {
            eightBit = in.forEachByte(index, length, octet -> octet >= 0) >= 0;
        }
    }

    private static boolean detectsInjection(ChannelHandlerContext ctx) {
        ImapSession session = ctx.channel().attr(NettyConstants.IMAP_SESSION_ATTRIBUTE_KEY).get();
        return session == null || session.needsCommandInjectionDetection();
    }

    private void tooLong(ChannelHandlerContext ctx, ByteBuf in) {
        in.skipBytes(in.readableBytes());
        dropSpool();
        scanned = 0;
        literalRemaining = 0;
        discarding = true;
        nesting.reset();
        eightBit = false;
        ctx.fireExceptionCaught(new TooLongFrameException("line longer than " + maxLineLength));
    }

    private void tooBig(ChannelHandlerContext ctx, ByteBuf in) {
        in.skipBytes(in.readableBytes());
        dropSpool();
        ctx.writeAndFlush(Unpooled.wrappedBuffer("* BYE Literal too big\r\n".getBytes(StandardCharsets.US_ASCII)))
            .addListener(ChannelFutureListener.CLOSE);
    }

    /** Moves the octets scanned so far to the spool, which starts with this command's first line if new. */
    private void spoolScanned(ByteBuf in) {
        if (spool == null) {
            spoolHead = CommandHead.of(in, in.readerIndex(), in.readerIndex() + scanned);
            spool = CommandSpool.create();
        }
        spool.append(in, scanned);
        scanned = 0;
    }

    private void dropSpool() {
        if (spool != null) {
            spool.delete();
            spool = null;
        }
    }

    /** Ends the command at the line just scanned, answered BAD. */
    private void refuse(ChannelHandlerContext ctx, ByteBuf in, List<Object> out, HumanReadableText reason) {
        CommandHead head = spool != null ? spoolHead : CommandHead.of(in, in.readerIndex(), in.readerIndex() + scanned);
        in.skipBytes(scanned);
        scanned = 0;
        dropSpool();
        nesting.reset();
        emit(ctx.channel(), in, out, head, session -> responses.taggedBad(head.tag(), null, reason), 0, () -> { });
    }

    private void endCommand(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        Channel channel = ctx.channel();
        nesting.reset();
        if (spool == null) {
            CommandHead head = CommandHead.of(in, in.readerIndex(), in.readerIndex() + scanned);
            byte[] bytes = new byte[scanned];
            in.readBytes(bytes);
            scanned = 0;
            Function<ImapSession, ImapMessage> decoding = session -> decode(inMemory(channel, bytes), head, session);
            emit(channel, in, out, head, decoding, bytes.length, () -> { });
            return;
        }
        spoolScanned(in);
        CommandSpool done = spool;
        CommandHead head = spoolHead;
        spool = null;
        done.finish();
        emit(channel, in, out, head, session -> decode(done.reader(channel), head, session), done.size(), done::delete);
    }

    private void emit(Channel channel, ByteBuf in, List<Object> out, CommandHead head,
                      Function<ImapSession, ImapMessage> command, long size, Runnable release) {
        Function<ImapSession, ImapMessage> decoding = rate.allows() ? command : session -> responses.taggedNo(head.tag(), null, tooFast);
        boolean mayNameNonAscii = eightBit;
        eightBit = false;
        if (throttle != null) {
            if (throttle.tryEnter()) {
                out.add(new DeferredCommand(head.tag(), head.name(), marked(decoding), size, mayNameNonAscii,
                    held.hold(throttle::leave), held.hold(release)));
            } else {
                out.add(new DeferredCommand(head.tag(), head.name(), marked(session -> refused(head)), size, false,
                    () -> { }, held.hold(release)));
            }
            return;
        }
        ImapMessage message = decoding.apply(channel.attr(NettyConstants.IMAP_SESSION_ATTRIBUTE_KEY).get());
        if (message instanceof Closeable) {
            // James closes it (APPEND, which deletes its literal's file) after running it; the reader goes at the end
            held.hold(release);
        } else {
            release.run();
        }
        if (message == null) {
            in.skipBytes(in.readableBytes());
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        out.add(message);
    }

    /** Tells the IMAP package, as each command is decoded, what this framer does for its connection. */
    private Function<ImapSession, ImapMessage> marked(Function<ImapSession, ImapMessage> decoding) {
        return session -> {
            if (session != null) {
                Framing.mark(session, literalMinus, inMemorySizeLimit);
            }
            return decoding.apply(session);
        };
    }

    private ImapMessage decode(ImapRequestLineReader reader, CommandHead head, ImapSession session) {
        if (session == null || session.getState() == ImapSessionState.LOGOUT) {
            return null;
        }
        try {
            return decoder.decode(Utf8RequestLineReader.of(reader, session), session);
        } catch (NettyImapRequestLineReader.NotEnoughDataException e) {
            return responses.taggedBad(head.tag(), null, UNPARSABLE);
        } catch (RuntimeException | Error e) {
            if (causedByCharacterCoding(e)) {
                // ModifiedUtf7 throws an Error for a name that is not valid modified UTF-7 ('&' not starting a
                // valid base64 sequence): James closed the connection. Answer NO, as Dovecot does.
                return responses.taggedNo(head.tag(), null, ImapProcessorChain.INVALID_MAILBOX_NAME);
            }
            LOGGER.debug("Could not decode an IMAP command", e);
            return responses.taggedBad(head.tag(), null, UNPARSABLE);
        }
    }

    private ImapMessage refused(CommandHead head) {
        // RFC 5530's [LIMIT] would fit, but James 3.8.1 has no way to build that response code
        return responses.taggedNo(head.tag(), null, BUSY);
    }

    private NettyImapRequestLineReader inMemory(Channel channel, byte[] bytes) {
        // retry=true: the framer has sent every continuation request already
        return new NettyImapRequestLineReader(channel, Unpooled.wrappedBuffer(bytes), true, literalSizeLimit);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        try {
            super.channelInactive(ctx);
        } finally {
            dropSpool();
            held.releaseAll();
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

    @Override
    public void pushLineHandler(ChannelInboundHandlerAdapter lineHandlerUpstreamHandler) {
        lineHandlers.addFirst(lineHandlerUpstreamHandler);
    }

    @Override
    public void popLineHandler() {
        lineHandlers.pollFirst();
    }
}
