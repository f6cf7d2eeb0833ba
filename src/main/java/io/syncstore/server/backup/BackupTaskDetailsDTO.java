package io.syncstore.server.backup;

import java.time.Instant;

import org.apache.james.json.DTOModule;
import org.apache.james.server.task.json.dto.AdditionalInformationDTO;
import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON of a backup task's details in WebAdmin's {@code /tasks}. */
public final class BackupTaskDetailsDTO implements AdditionalInformationDTO {
    public static final AdditionalInformationDTOModule<BackupTask.Details, BackupTaskDetailsDTO> MODULE =
        DTOModule.forDomainObject(BackupTask.Details.class)
            .convertToDTO(BackupTaskDetailsDTO.class)
            .toDomainObjectConverter(BackupTaskDetailsDTO::toDetails)
            .toDTOConverter((details, type) -> new BackupTaskDetailsDTO(type, details.target, details.content,
                details.contentFiles, details.copiedFiles, details.copiedBytes, details.presentFiles, details.removedFiles,
                details.error, details.timestamp))
            .typeName(BackupTask.TYPE.asString())
            .withFactory(AdditionalInformationDTOModule::new);

    private final String type;
    private final String target;
    private final String content;
    private final long contentFiles;
    private final long copiedFiles;
    private final long copiedBytes;
    private final long presentFiles;
    private final long removedFiles;
    private final String error;
    private final Instant timestamp;

    public BackupTaskDetailsDTO(@JsonProperty("type") String type, @JsonProperty("target") String target,
                                @JsonProperty("content") String content, @JsonProperty("contentFiles") long contentFiles,
                                @JsonProperty("copiedFiles") long copiedFiles, @JsonProperty("copiedBytes") long copiedBytes,
                                @JsonProperty("presentFiles") long presentFiles, @JsonProperty("removedFiles") long removedFiles,
                                @JsonProperty("error") String error, @JsonProperty("timestamp") Instant timestamp) {
        this.type = type;
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

    private BackupTask.Details toDetails() {
        return new BackupTask.Details(target, content, contentFiles, copiedFiles, copiedBytes, presentFiles, removedFiles,
            error, timestamp);
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    public String getTarget() {
        return target;
    }

    public String getContent() {
        return content;
    }

    public long getContentFiles() {
        return contentFiles;
    }

    public long getCopiedFiles() {
        return copiedFiles;
    }

    public long getCopiedBytes() {
        return copiedBytes;
    }

    public long getPresentFiles() {
        return presentFiles;
    }

    public long getRemovedFiles() {
        return removedFiles;
    }

    public String getError() {
        return error;
    }
}
