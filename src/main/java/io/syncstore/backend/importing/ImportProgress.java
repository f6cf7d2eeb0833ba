package io.syncstore.backend.importing;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** How far an import got; read while it runs (WebAdmin's task details) and at its end. */
public final class ImportProgress {
    private final AtomicLong folders = new AtomicLong();
    private final AtomicLong importedFolders = new AtomicLong();
    private final AtomicLong importedMessages = new AtomicLong();
    private final AtomicLong failedMessages = new AtomicLong();
    private final AtomicLong keptUids = new AtomicLong();
    private final AtomicLong newUids = new AtomicLong();
    private final AtomicReference<String> currentFolder = new AtomicReference<>("");
    private final AtomicReference<String> lastFailure = new AtomicReference<>("");

    void folders(long count) {
        folders.set(count);
    }

    void folderStarted(String name) {
        currentFolder.set(name);
    }

    void folderDone() {
        importedFolders.incrementAndGet();
    }

    void imported(boolean keptUid) {
        importedMessages.incrementAndGet();
        (keptUid ? keptUids : newUids).incrementAndGet();
    }

    void failed(String failure) {
        failedMessages.incrementAndGet();
        lastFailure.set(failure);
    }

    public long folders() {
        return folders.get();
    }

    public long importedFolders() {
        return importedFolders.get();
    }

    public long importedMessages() {
        return importedMessages.get();
    }

    public long failedMessages() {
        return failedMessages.get();
    }

    /** Messages that have the UID they had in their source folder. */
    public long keptUids() {
        return keptUids.get();
    }

    /** Messages that got a new UID: their source kept none, or the mailbox had given out UIDs before. */
    public long newUids() {
        return newUids.get();
    }

    public String currentFolder() {
        return currentFolder.get();
    }

    public String lastFailure() {
        return lastFailure.get();
    }
}
