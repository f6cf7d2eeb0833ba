package io.syncstore.server.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.james.server.task.json.JsonTaskAdditionalInformationSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.syncstore.server.backup.BackupTask;
import io.syncstore.server.tasks.ProgressDetails;

/** What WebAdmin's {@code /tasks/{id}} shows of an import's progress, and that it reads back. */
class ImportTaskDetailsJsonTest {
    private final JsonTaskAdditionalInformationSerializer serializer =
        JsonTaskAdditionalInformationSerializer.of(ImportTask.DETAILS_JSON, BackupTask.DETAILS_JSON);

    @Test
    void progressIsShownFieldByFieldBesideTypeAndTimestamp() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("username", "alice@example.com");
        fields.put("importedMessages", 1234L);
        fields.put("error", "");
        Instant at = Instant.parse("2026-12-05T10:15:30Z");

        JsonNode json = new ObjectMapper().readTree(serializer.serialize(new ImportTask.Details(fields, at)));

        assertThat(json.get("type").asText()).isEqualTo("syncstore-import");
        assertThat(json.get("username").asText()).isEqualTo("alice@example.com");
        assertThat(json.get("importedMessages").asLong()).isEqualTo(1234L);
        assertThat(json.get("error").asText()).isEmpty();
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-12-05T10:15:30Z");
    }

    @Test
    void detailsReadBackAsTheirTaskType() throws Exception {
        Map<String, Object> fields = Map.of("username", "bob@example.com", "importedMessages", 7);
        String json = serializer.serialize(new ImportTask.Details(fields, Instant.EPOCH));

        ProgressDetails read = (ProgressDetails) serializer.deserialize(json);

        assertThat(read).isInstanceOf(ImportTask.Details.class);
        assertThat(read.fields()).containsEntry("username", "bob@example.com").containsEntry("importedMessages", 7);
        assertThat(read.timestamp()).isEqualTo(Instant.EPOCH);
    }
}
