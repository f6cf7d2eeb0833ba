package io.syncstore.server.importing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.james.core.Username;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;
import org.apache.james.task.TaskType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.backend.importing.DovecotMaildir;
import io.syncstore.backend.importing.FolderSource;
import io.syncstore.backend.importing.ImportProgress;
import io.syncstore.backend.importing.MailImporter;
import io.syncstore.backend.importing.Mbox;

/** An import of a user's Maildir or mbox files, run by James's task manager; its details are its progress. */
public final class ImportTask implements Task {
    public static final TaskType TYPE = TaskType.of("syncstore-import");
    private static final Logger LOGGER = LoggerFactory.getLogger(ImportTask.class);

    /** The layouts an import reads. */
    public enum Format {
        MAILDIR, MBOX
    }

    public static final class Details implements TaskExecutionDetails.AdditionalInformation {
        final String username;
        final String format;
        final String source;
        final long folders;
        final long importedFolders;
        final long importedMessages;
        final long failedMessages;
        final long keptUids;
        final long newUids;
        final String currentFolder;
        final String error;
        final Instant timestamp;

        Details(String username, String format, String source, long folders, long importedFolders, long importedMessages,
                long failedMessages, long keptUids, long newUids, String currentFolder, String error, Instant timestamp) {
            this.username = username;
            this.format = format;
            this.source = source;
            this.folders = folders;
            this.importedFolders = importedFolders;
            this.importedMessages = importedMessages;
            this.failedMessages = failedMessages;
            this.keptUids = keptUids;
            this.newUids = newUids;
            this.currentFolder = currentFolder;
            this.error = error;
            this.timestamp = timestamp;
        }

        @Override
        public Instant timestamp() {
            return timestamp;
        }
    }

    private final MailImporter importer;
    private final Username username;
    private final Format format;
    private final Path source;
    private final String folderName;
    private final ImportProgress progress = new ImportProgress();
    private final AtomicReference<String> error = new AtomicReference<>("");

    ImportTask(MailImporter importer, Username username, Format format, Path source, String folderName) {
        this.importer = importer;
        this.username = username;
        this.format = format;
        this.source = source;
        this.folderName = folderName;
    }

    @Override
    public Result run() {
        try {
            List<FolderSource> folders = format == Format.MAILDIR ? DovecotMaildir.folders(source) : Mbox.folders(source, folderName);
            importer.importFolders(username, folders, progress);
            LOGGER.info("Import of {} for {} done: {} messages in {} folders, {} failed", source, username.asString(),
                progress.importedMessages(), progress.importedFolders(), progress.failedMessages());
            if (progress.failedMessages() > 0) {
                error.set(progress.failedMessages() + " messages could not be imported; the last: " + progress.lastFailure());
                return Result.PARTIAL;
            }
            return Result.COMPLETED;
        } catch (IOException | MailboxException | RuntimeException e) {
            LOGGER.error("Import of {} for {} failed", source, username.asString(), e);
            error.set("Import of " + source + " failed: " + e.getMessage());
            return Result.PARTIAL;
        }
    }

    @Override
    public TaskType type() {
        return TYPE;
    }

    @Override
    public Optional<TaskExecutionDetails.AdditionalInformation> details() {
        return Optional.of(new Details(username.asString(), format.name().toLowerCase(Locale.ROOT), source.toString(),
            progress.folders(), progress.importedFolders(), progress.importedMessages(), progress.failedMessages(),
            progress.keptUids(), progress.newUids(), progress.currentFolder(), error.get(), Clock.systemUTC().instant()));
    }
}
