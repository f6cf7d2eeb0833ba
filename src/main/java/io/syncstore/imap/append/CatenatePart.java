package io.syncstore.imap.append;

import java.util.Optional;

import org.apache.james.imap.message.Literal;

/**
 * One part of a CATENATE (RFC 4469): octets the client sent ({@code TEXT}, a literal, or a literal8 when
 * {@link #binary}) or a message or part of one named by an IMAP URL ({@code URL}).
 */
final class CatenatePart {
    final Optional<Literal> text;
    final boolean binary;
    final Optional<String> url;

    private CatenatePart(Optional<Literal> text, boolean binary, Optional<String> url) {
        this.text = text;
        this.binary = binary;
        this.url = url;
    }

    static CatenatePart text(Literal literal, boolean binary) {
        return new CatenatePart(Optional.of(literal), binary, Optional.empty());
    }

    static CatenatePart url(String url) {
        return new CatenatePart(Optional.empty(), false, Optional.of(url));
    }
}
