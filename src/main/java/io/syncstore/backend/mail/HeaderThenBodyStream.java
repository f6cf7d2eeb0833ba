package io.syncstore.backend.mail;

import java.io.IOException;
import java.io.InputStream;

/**
 * A message's full content: its header from memory, then its body, opened only when reading reaches it so that
 * reading or skipping the header never touches the body. Skipping over a file-backed body seeks.
 */
final class HeaderThenBodyStream extends InputStream {
    @FunctionalInterface
    interface BodyOpener {
        InputStream open() throws IOException;
    }

    private final byte[] header;
    private final BodyOpener bodyOpener;
    private int position;
    private InputStream body;

    HeaderThenBodyStream(byte[] header, BodyOpener bodyOpener) {
        this.header = header;
        this.bodyOpener = bodyOpener;
    }

    @Override
    public int read() throws IOException {
        if (position < header.length) {
            return header[position++] & 0xFF;
        }
        return body().read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position < header.length) {
            int count = Math.min(length, header.length - position);
            System.arraycopy(header, position, buffer, offset, count);
            position += count;
            return count;
        }
        return body().read(buffer, offset, length);
    }

    @Override
    public long skip(long count) throws IOException {
        long skipped = 0;
        if (position < header.length) {
            skipped = Math.min(Math.max(count, 0), header.length - position);
            position += (int) skipped;
        }
        if (skipped < count) {
            skipped += body().skip(count - skipped);
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return position < header.length ? header.length - position : body == null ? 0 : body.available();
    }

    @Override
    public void close() throws IOException {
        if (body != null) {
            body.close();
        }
    }

    private InputStream body() throws IOException {
        if (body == null) {
            body = bodyOpener.open();
        }
        return body;
    }
}
