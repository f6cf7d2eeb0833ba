package io.syncstore.imap.search;

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

/** Parses {@code THREAD} (RFC 5256 §4); ORDEREDSUBJECT is the one algorithm offered. */
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
        String algorithm = word(request);
        if (!algorithm.equalsIgnoreCase(ThreadProcessor.ORDEREDSUBJECT)) {
            throw bad("Unsupported thread algorithm '" + algorithm + "'");
        }
        return charsetAndKeys(request, session)
            .<ImapMessage>map(key -> new ThreadRequest(tag, key, useUids))
            .orElseGet(() -> taggedNo(tag, ThreadRequest.COMMAND, HumanReadableText.BAD_CHARSET,
                StatusResponse.ResponseCode.badCharset()));
    }
}
