package io.syncstore.imap.channel;

import java.io.IOException;
import java.nio.charset.Charset;

import org.apache.commons.lang3.tuple.ImmutablePair;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.message.Literal;

/**
 * A reader over the reader of a command the framer holds whole: it reads the same octets, and leaves continuation
 * requests to that reader (SyncStore's framer sent any already; James's sends one when a literal is read).
 * Subclasses change how some arguments are read.
 */
public abstract class FramedCommandReader extends ImapRequestLineReader {
    private final ImapRequestLineReader framed;
    private final Charset strings;

    /** @param strings the charset of quoted strings and literals that have none of their own (James's: US-ASCII) */
    protected FramedCommandReader(ImapRequestLineReader framed, Charset strings) {
        this.framed = framed;
        this.strings = strings;
    }

    @Override
    protected String consumeQuoted(Charset charset) throws DecodingException {
        return super.consumeQuoted(charset == null ? strings : charset);
    }

    @Override
    public String consumeLiteral(Charset charset) throws DecodingException {
        return super.consumeLiteral(charset == null ? strings : charset);
    }

    @Override
    public char nextChar() throws DecodingException {
        return framed.nextChar();
    }

    @Override
    public char consume() throws DecodingException {
        return framed.consume();
    }

    @Override
    public Literal read(int size, boolean extraCRLF) throws IOException {
        return framed.read(size, extraCRLF);
    }

    /** The framed reader's own: on James's framer, it asks a synchronizing literal's octets from the client. */
    @Override
    public ImmutablePair<Integer, Literal> consumeLiteral(boolean extraCRLF) throws IOException {
        return framed.consumeLiteral(extraCRLF);
    }

    @Override
    protected void commandContinuationRequest() {
        // the framer has the whole command
    }
}
