package io.syncstore.server.tasks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import org.apache.james.json.DTOModule;
import org.apache.james.server.task.json.dto.AdditionalInformationDTO;
import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;
import org.apache.james.task.TaskType;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON of a {@link ProgressDetails}: its type, its fields side by side, its timestamp. */
public final class ProgressDetailsDTO implements AdditionalInformationDTO {
    private final String type;
    private final Instant timestamp;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public static <D extends ProgressDetails> AdditionalInformationDTOModule<D, ProgressDetailsDTO> module(
            Class<D> detailsClass, TaskType taskType, BiFunction<Map<String, Object>, Instant, D> details) {
        return DTOModule.forDomainObject(detailsClass)
            .convertToDTO(ProgressDetailsDTO.class)
            .toDomainObjectConverter(dto -> details.apply(dto.fields, dto.timestamp))
            .toDTOConverter((domain, type) -> new ProgressDetailsDTO(type, domain.timestamp()).withFields(domain.fields()))
            .typeName(taskType.asString())
            .withFactory(AdditionalInformationDTOModule::new);
    }

    @JsonCreator
    public ProgressDetailsDTO(@JsonProperty("type") String type, @JsonProperty("timestamp") Instant timestamp) {
        this.type = type;
        this.timestamp = timestamp;
    }

    private ProgressDetailsDTO withFields(Map<String, Object> values) {
        fields.putAll(values);
        return this;
    }

    @JsonAnySetter
    void field(String name, Object value) {
        fields.put(name, value);
    }

    @JsonAnyGetter
    public Map<String, Object> getFields() {
        return fields;
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }
}
