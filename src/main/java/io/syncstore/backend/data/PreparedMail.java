package io.syncstore.backend.data;

import io.syncstore.backend.content.PreparedContent;

/** A mail serialised and its content made durable, ready to be inserted by a write. */
public final class PreparedMail {
    private final Object[] envelopeColumns;
    private final PreparedContent content;

    PreparedMail(Object[] envelopeColumns, PreparedContent content) {
        this.envelopeColumns = envelopeColumns;
        this.content = content;
    }

    Object[] envelopeColumns() {
        return envelopeColumns;
    }

    PreparedContent content() {
        return content;
    }
}
