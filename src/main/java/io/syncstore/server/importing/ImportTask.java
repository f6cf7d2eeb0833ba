package io.syncstore.server.importing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.james.core.Username;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;
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
import io.syncstore.server.tasks.ProgressDetails;
import io.syncstore.server.tasks.ProgressDetailsDTO;

/** An import of a user's Maildir or mbox files, run by James's task manager; its details are its progress. */
public final class ImportTask implements Task {
    public static final TaskType TYPE = TaskType.of("syncstore-import");
    private static final Logger LOGGER = LoggerFactory.getLogger(ImportTask.class);

    /** The layouts an import reads. */
    public enum Format {
        MAILDIR, MBOX
    }

    public static final AdditionalInformationDTOModule<Details, ProgressDetailsDTO> DETAILS_JSON =
        ProgressDetailsDTO.module(Details.class, TYPE, Details::new);

    public static final class Details extends ProgressDetails {
        Details(Map<String, Object> fields, Instant timestamp) {
            super(fields, timestamp);
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
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("username", username.asString());
        fields.put("format", format.name().toLowerCase(Locale.ROOT));
        fields.put("source", source.toString());
        fields.put("folders", progress.folders());
        fields.put("importedFolders", progress.importedFolders());
        fields.put("importedMessages", progress.importedMessages());
        fields.put("failedMessages", progress.failedMessages());
        fields.put("keptUids", progress.keptUids());
        fields.put("newUids", progress.newUids());
        fields.put("currentFolder", progress.currentFolder());
        fields.put("error", error.get());
        return Optional.of(new Details(fields, Clock.systemUTC().instant()));
    }
}
