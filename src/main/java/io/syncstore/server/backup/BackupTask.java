package io.syncstore.server.backup;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;
import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;
import org.apache.james.task.TaskType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.backend.backup.BackupException;
import io.syncstore.backend.backup.BackupProgress;
import io.syncstore.backend.backup.OnlineBackup;
import io.syncstore.server.tasks.ProgressDetails;
import io.syncstore.server.tasks.ProgressDetailsDTO;

/** An online backup run by James's task manager; its details tell how many content files it copied so far. */
public final class BackupTask implements Task {
    public static final TaskType TYPE = TaskType.of("syncstore-backup");
    private static final Logger LOGGER = LoggerFactory.getLogger(BackupTask.class);

    public static final AdditionalInformationDTOModule<Details, ProgressDetailsDTO> DETAILS_JSON =
        ProgressDetailsDTO.module(Details.class, TYPE, Details::new);

    public static final class Details extends ProgressDetails {
        Details(Map<String, Object> fields, Instant timestamp) {
            super(fields, timestamp);
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
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("target", target.toString());
        fields.put("content", contentCopy.name().toLowerCase(Locale.ROOT));
        fields.put("contentFiles", progress.contentFiles());
        fields.put("copiedFiles", progress.copiedFiles());
        fields.put("copiedBytes", progress.copiedBytes());
        fields.put("presentFiles", progress.presentFiles());
        fields.put("removedFiles", progress.removedFiles());
        fields.put("error", error.get());
        return Optional.of(new Details(fields, Clock.systemUTC().instant()));
    }
}
