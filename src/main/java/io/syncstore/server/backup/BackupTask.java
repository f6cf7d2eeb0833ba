package io.syncstore.server.backup;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;
import org.apache.james.task.TaskType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.backend.backup.BackupException;
import io.syncstore.backend.backup.BackupProgress;
import io.syncstore.backend.backup.OnlineBackup;

/** An online backup run by James's task manager; its details tell how many content files it copied so far. */
public final class BackupTask implements Task {
    public static final TaskType TYPE = TaskType.of("syncstore-backup");
    private static final Logger LOGGER = LoggerFactory.getLogger(BackupTask.class);

    public static final class Details implements TaskExecutionDetails.AdditionalInformation {
        final String target;
        final String content;
        final long contentFiles;
        final long copiedFiles;
        final long copiedBytes;
        final long presentFiles;
        final long removedFiles;
        final String error;
        final Instant timestamp;

        Details(String target, String content, long contentFiles, long copiedFiles, long copiedBytes, long presentFiles,
                long removedFiles, String error, Instant timestamp) {
            this.target = target;
            this.content = content;
            this.contentFiles = contentFiles;
            this.copiedFiles = copiedFiles;
            this.copiedBytes = copiedBytes;
            this.presentFiles = presentFiles;
            this.removedFiles = removedFiles;
            this.error = error;
            this.timestamp = timestamp;
        }

        @Override
        public Instant timestamp() {
            return timestamp;
        }
    }

    private final OnlineBackup backup;
    private final Path target;
    private final OnlineBackup.ContentCopy contentCopy;
    private final BackupProgress progress = new BackupProgress();
    private final AtomicReference<String> error = new AtomicReference<>("");

    BackupTask(OnlineBackup backup, Path target, OnlineBackup.ContentCopy contentCopy) {
        this.backup = backup;
        this.target = target;
        this.contentCopy = contentCopy;
    }

    @Override
    public Result run() {
        try {
            backup.backUp(target, contentCopy, progress);
            LOGGER.info("Backup into {} done: {} content files, {} copied", target, progress.contentFiles(), progress.copiedFiles());
            return Result.COMPLETED;
        } catch (BackupException e) {
            LOGGER.error("Backup into {} failed: {}", target, e.getMessage(), e);
            error.set(e.getMessage());
            return Result.PARTIAL;
        }
    }

    @Override
    public TaskType type() {
        return TYPE;
    }

    @Override
    public Optional<TaskExecutionDetails.AdditionalInformation> details() {
        return Optional.of(new Details(target.toString(), contentCopy.name().toLowerCase(Locale.ROOT),
            progress.contentFiles(), progress.copiedFiles(), progress.copiedBytes(), progress.presentFiles(),
            progress.removedFiles(), error.get(), Clock.systemUTC().instant()));
    }
}
