package io.syncstore.backend.backup;

import java.util.concurrent.atomic.AtomicLong;

/** How far a backup got; read while it runs (WebAdmin's task details) and at its end. */
public final class BackupProgress {
    private final AtomicLong contentFiles = new AtomicLong();
    private final AtomicLong copiedFiles = new AtomicLong();
    private final AtomicLong copiedBytes = new AtomicLong();
    private final AtomicLong presentFiles = new AtomicLong();
    private final AtomicLong removedFiles = new AtomicLong();

    void contentFiles(long count) {
        contentFiles.set(count);
    }

    void copied(long bytes) {
        copiedFiles.incrementAndGet();
        copiedBytes.addAndGet(bytes);
    }

    void alreadyPresent() {
        presentFiles.incrementAndGet();
    }

    void removed() {
        removedFiles.incrementAndGet();
    }

    /** Content files the database copy refers to. */
    public long contentFiles() {
        return contentFiles.get();
    }

    /** Content files copied (or linked) into the backup by this run. */
    public long copiedFiles() {
        return copiedFiles.get();
    }

    public long copiedBytes() {
        return copiedBytes.get();
    }

    /** Content files an earlier backup into the same folder had already copied. */
    public long presentFiles() {
        return presentFiles.get();
    }

    /** Content files of an earlier backup that the new one no longer refers to, removed at its end. */
    public long removedFiles() {
        return removedFiles.get();
    }
}
