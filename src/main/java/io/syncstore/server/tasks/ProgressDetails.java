package io.syncstore.server.tasks;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.james.task.TaskExecutionDetails;

/**
 * What a long-running task tells of its progress in WebAdmin's {@code /tasks}: named counts and texts, in the order
 * they are listed. Each task has its own subclass, because James finds a details' JSON module by its class.
 */
public abstract class ProgressDetails implements TaskExecutionDetails.AdditionalInformation {
    private final Map<String, Object> fields;
    private final Instant timestamp;

    protected ProgressDetails(Map<String, Object> fields, Instant timestamp) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.timestamp = timestamp;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    @Override
    public Instant timestamp() {
        return timestamp;
    }
}
