package io.syncstore.imap.append;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.apache.james.mailbox.model.Content;

/**
 * The octets of a message being put together, held in memory up to a limit and written to a temporary file beyond it
 * (as SyncStore's framer does with a large literal): a CATENATE of large parts never holds its message in the heap.
 * The file is readable by its owner only (it holds mail) and is deleted by {@link #close()}.
 */
final class SpooledMessage extends OutputStream implements Closeable {
    private final int inMemoryLimit;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Optional<Path> file = Optional.empty();
    private OutputStream out = memory;
    private long size;

    /** {@code inMemoryLimit} 0: always in memory. */
    SpooledMessage(int inMemoryLimit) {
        this.inMemoryLimit = inMemoryLimit;
    }

    @Override
    public void write(int octet) throws IOException {
        write(new byte[] {(byte) octet}, 0, 1);
    }

    @Override
    public void write(byte[] octets, int offset, int length) throws IOException {
        if (file.isEmpty() && inMemoryLimit > 0 && size + length > inMemoryLimit) {
            spool();
        }
        out.write(octets, offset, length);
        size += length;
    }

    private void spool() throws IOException {
        Path spool = Files.createTempFile("syncstore-imap-catenate", ".spool",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        file = Optional.of(spool);
        out = Files.newOutputStream(spool);
        memory.writeTo(out);
        memory = null;
    }

    /** The file the octets went to beyond the limit; none while they are in memory. */
    Optional<Path> spoolFile() {
        return file;
    }

    /** The octets written, once they are all written. */
    Content content() throws IOException {
        out.flush();
        return new Content() {
            @Override
            public InputStream getInputStream() throws IOException {
                return file.isPresent() ? Files.newInputStream(file.get()) : new ByteArrayInputStream(memory.toByteArray());
            }

            @Override
            public long size() {
                return size;
            }
        };
    }

    @Override
    public void close() throws IOException {
        out.close();
        if (file.isPresent()) {
            Files.deleteIfExists(file.get());
        }
    }
}
