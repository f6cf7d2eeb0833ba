package io.syncstore.server.imap;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.apache.james.imapserver.netty.NettyStreamImapRequestLineReader;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * The bytes of one IMAP command written to a temporary file as they arrive, for a command whose literal is larger
 * than the server keeps in memory. The file is readable by its owner only (it holds mail) and is deleted by
 * {@link #delete()}, which may be called more than once.
 */
final class CommandSpool {
    private final Path file;
    private final FileChannel channel;
    private long size;
    private Closeable reader = () -> { };
    private boolean deleted;

    private CommandSpool(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static CommandSpool create() {
        try {
            Path file = Files.createTempFile("syncstore-imap-command", ".spool",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return new CommandSpool(file, FileChannel.open(file, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spool a large IMAP command to a temporary file", e);
        }
    }

    /** Moves {@code length} readable bytes of {@code in} to the end of the file. */
    void append(ByteBuf in, int length) {
        try {
            int written = 0;
            while (written < length) {
                written += in.readBytes(channel, size + written, length - written);
            }
            size += length;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spool a large IMAP command to " + file, e);
        }
    }

    /**
     * The reader of the command from its first octet, for its decoding. The literal's stream reads the line end after
     * the literal through the reader, so it stays open until {@link #delete()}.
     */
    synchronized NettyStreamImapRequestLineReader reader(Channel channel) {
        if (deleted) {
            throw new IllegalStateException("The spooled IMAP command " + file + " is gone: its connection closed");
        }
        NettyStreamImapRequestLineReader next = new NettyStreamImapRequestLineReader(channel, file.toFile(), true);
        reader = next;
        return next;
    }

    /** No more bytes come; the file can now be read. */
    void finish() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long size() {
        return size;
    }

    /** Called on the event loop when the connection closes, maybe while another thread decodes the command again. */
    synchronized void delete() {
        deleted = true;
        try (Closeable closing = reader) {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the spooled IMAP command " + file, e);
        }
    }
}
