package io.syncstore.backend.content;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Content hashed and made durable outside the write transaction: small content kept in memory for the database,
 * large content already written to a temporary file that the write moves into place.
 */
public final class PreparedContent {
    private final String hash;
    private final long size;
    private final byte[] inlineBytes;
    private final Path stagedFile;

    PreparedContent(String hash, long size, byte[] inlineBytes, Path stagedFile) {
        this.hash = hash;
        this.size = size;
        this.inlineBytes = inlineBytes;
        this.stagedFile = stagedFile;
    }

    public String hash() {
        return hash;
    }

    public long size() {
        return size;
    }

    Optional<byte[]> inlineBytes() {
        return Optional.ofNullable(inlineBytes);
    }

    Optional<Path> stagedFile() {
        return Optional.ofNullable(stagedFile);
    }
}
