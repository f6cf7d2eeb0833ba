package io.syncstore.imap.list;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.decode.DecodingException;

/** A LIST reference that is not modified UTF-7: it names no mailbox, so the LIST matches nothing. */
final class NotModifiedUtf7Exception extends DecodingException {
    private static final long serialVersionUID = 1L;

    NotModifiedUtf7Exception() {
        super(HumanReadableText.ILLEGAL_ARGUMENTS, "Reference is not modified UTF-7");
    }
}
