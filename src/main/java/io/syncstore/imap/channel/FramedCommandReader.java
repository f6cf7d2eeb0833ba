package io.syncstore.imap.channel;

import java.io.IOException;

import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.message.Literal;

/**
 * A reader over the reader of a command the framer holds whole: it reads the same octets, and sends no continuation
 * request (the framer sent any already). Subclasses change how some arguments are read.
 */
public abstract class FramedCommandReader extends ImapRequestLineReader {
    private final ImapRequestLineReader framed;

    protected FramedCommandReader(ImapRequestLineReader framed) {
        this.framed = framed;
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

    @Override
    protected void commandContinuationRequest() {
        // the framer has the whole command
    }
}
