package io.syncstore.imap.fetch;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.apache.james.imap.message.response.FetchResponse;

/** A FETCH item sent as a literal: its name (e.g. {@code BODY[1.TEXT]<0>}) and its bytes. */
final class BytesElement implements FetchResponse.BodyElement {
    private final String name;
    private final byte[] bytes;

    BytesElement(String name, byte[] bytes) {
        this.name = name;
        this.bytes = bytes;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public InputStream getInputStream() {
        return new ByteArrayInputStream(bytes);
    }
}
