package io.syncstore.server.importing;

import java.time.Instant;

import org.apache.james.json.DTOModule;
import org.apache.james.server.task.json.dto.AdditionalInformationDTO;
import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON of an import task's details (its progress) in WebAdmin's {@code /tasks}. */
public final class ImportTaskDetailsDTO implements AdditionalInformationDTO {
    public static final AdditionalInformationDTOModule<ImportTask.Details, ImportTaskDetailsDTO> MODULE =
        DTOModule.forDomainObject(ImportTask.Details.class)
            .convertToDTO(ImportTaskDetailsDTO.class)
            .toDomainObjectConverter(ImportTaskDetailsDTO::toDetails)
            .toDTOConverter((details, type) -> new ImportTaskDetailsDTO(type, details.username, details.format,
                details.source, details.folders, details.importedFolders, details.importedMessages, details.failedMessages,
                details.keptUids, details.newUids, details.currentFolder, details.error, details.timestamp))
            .typeName(ImportTask.TYPE.asString())
            .withFactory(AdditionalInformationDTOModule::new);

    private final String type;
    private final String username;
    private final String format;
    private final String source;
    private final long folders;
    private final long importedFolders;
    private final long importedMessages;
    private final long failedMessages;
    private final long keptUids;
    private final long newUids;
    private final String currentFolder;
    private final String error;
    private final Instant timestamp;

    public ImportTaskDetailsDTO(@JsonProperty("type") String type, @JsonProperty("username") String username,
                                @JsonProperty("format") String format, @JsonProperty("source") String source,
                                @JsonProperty("folders") long folders, @JsonProperty("importedFolders") long importedFolders,
                                @JsonProperty("importedMessages") long importedMessages,
                                @JsonProperty("failedMessages") long failedMessages, @JsonProperty("keptUids") long keptUids,
                                @JsonProperty("newUids") long newUids, @JsonProperty("currentFolder") String currentFolder,
                                @JsonProperty("error") String error, @JsonProperty("timestamp") Instant timestamp) {
        this.type = type;
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

    private ImportTask.Details toDetails() {
        return new ImportTask.Details(username, format, source, folders, importedFolders, importedMessages, failedMessages,
            keptUids, newUids, currentFolder, error, timestamp);
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    public String getUsername() {
        return username;
    }

    public String getFormat() {
        return format;
    }

    public String getSource() {
        return source;
    }

    public long getFolders() {
        return folders;
    }

    public long getImportedFolders() {
        return importedFolders;
    }

    public long getImportedMessages() {
        return importedMessages;
    }

    public long getFailedMessages() {
        return failedMessages;
    }

    public long getKeptUids() {
        return keptUids;
    }

    public long getNewUids() {
        return newUids;
    }

    public String getCurrentFolder() {
        return currentFolder;
    }

    public String getError() {
        return error;
    }
}
