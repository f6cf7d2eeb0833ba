package io.syncstore.mime;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;

/**
 * BODY and BODYSTRUCTURE data of one part (RFC 3501 §7.4.2), read from its header; {@link StructureWriter} writes it.
 */
public final class PartStructure implements FetchResponse.Structure {
    private final MessagePart part;

    public PartStructure(MessagePart part) {
        this.part = part;
    }

    @Override
    public String getMediaType() {
        return part.mediaType;
    }

    @Override
    public String getSubType() {
        return part.subType;
    }

    /** A text part that names no charset is US-ASCII (RFC 2045 §5.2), which Dovecot spells out. */
    @Override
    public List<String> getParameters() {
        List<String> flat = new ArrayList<>();
        if (part.mediaType.equals("text") && part.parameter("charset").isEmpty()) {
            flat.add("charset");
            flat.add("us-ascii");
        }
        for (NameValuePair pair : part.parameters) {
            flat.add(pair.getName());
            flat.add(Optional.ofNullable(pair.getValue()).orElse(""));
        }
        return flat;
    }

    @Override
    public String getId() {
        return field("Content-ID");
    }

    @Override
    public String getDescription() {
        return field("Content-Description");
    }

    @Override
    public String getEncoding() {
        return Optional.ofNullable(field("Content-Transfer-Encoding")).orElse("7bit");
    }

    @Override
    public long getOctets() {
        return part.bodySize();
    }

    @Override
    public long getLines() {
        return part.bodyLines();
    }

    @Override
    public String getMD5() {
        return field("Content-MD5");
    }

    @Override
    public Map<String, String> getDispositionParams() {
        Map<String, String> parameters = new LinkedHashMap<>();
        disposition().ifPresent(disposition -> disposition.getParams()
            .forEach(pair -> parameters.put(pair.getName(), Optional.ofNullable(pair.getValue()).orElse(""))));
        return parameters;
    }

    @Override
    public String getDisposition() {
        return disposition().map(RawBody::getValue).filter(value -> !value.isEmpty()).orElse(null);
    }

    private Optional<RawBody> disposition() {
        return part.header.value("Content-Disposition").map(MessagePart::parameterised);
    }

    @Override
    public List<String> getLanguages() {
        return part.header.value("Content-Language")
            .map(value -> List.of(value.split("\\s*,\\s*")))
            .orElse(null);
    }

    @Override
    public String getLocation() {
        return field("Content-Location");
    }

    @Override
    public Iterator<FetchResponse.Structure> parts() {
        List<FetchResponse.Structure> children = new ArrayList<>();
        part.children.forEach(child -> children.add(new PartStructure(child)));
        return children.iterator();
    }

    @Override
    public FetchResponse.Envelope getEnvelope() {
        return part.isMessage() ? Envelopes.of(part.encapsulated.header) : null;
    }

    @Override
    public FetchResponse.Structure getBody() {
        return part.isMessage() ? new PartStructure(part.encapsulated) : null;
    }

    private String field(String name) {
        return part.header.value(name).filter(value -> !value.isEmpty()).orElse(null);
    }
}
