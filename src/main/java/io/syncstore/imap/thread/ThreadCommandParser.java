package io.syncstore.imap.thread;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;

import io.syncstore.imap.search.CharsetSearchParser;

/** Parses {@code THREAD} (RFC 5256 §4): an algorithm of {@link ThreadAlgorithm}, a charset, search keys. */
public class ThreadCommandParser extends CharsetSearchParser {
    @Inject
    public ThreadCommandParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    public ImapCommand getCommand() {
        return ThreadRequest.COMMAND;
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, boolean useUids, ImapSession session) throws DecodingException {
        request.nextWordChar();
        String name = word(request);
        ThreadAlgorithm algorithm = ThreadAlgorithm.named(name)
            .orElseThrow(() -> bad("Unsupported thread algorithm '" + name + "'"));
        return charsetAndKeys(request, session)
            .<ImapMessage>map(key -> new ThreadRequest(tag, algorithm, key, useUids))
            .orElseGet(() -> taggedNo(tag, ThreadRequest.COMMAND, HumanReadableText.BAD_CHARSET,
                StatusResponse.ResponseCode.badCharset()));
    }
}
