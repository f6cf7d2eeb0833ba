package io.syncstore.backend.data;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.PerRecipientHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;

/** The JSON columns of a spooled mail: recipients, attributes (James's own attribute JSON) and per-recipient headers. */
final class MailJson {
    private static final Logger LOGGER = LoggerFactory.getLogger(MailJson.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MailJson() {
    }

    static String recipients(Collection<MailAddress> recipients) {
        ArrayNode array = MAPPER.createArrayNode();
        recipients.forEach(recipient -> array.add(recipient.asString()));
        return array.toString();
    }

    static List<MailAddress> recipients(String json) throws JsonProcessingException, AddressException {
        ImmutableList.Builder<MailAddress> recipients = ImmutableList.builder();
        for (JsonNode recipient : MAPPER.readTree(json)) {
            recipients.add(new MailAddress(recipient.asText()));
        }
        return recipients.build();
    }

    static String attributes(Mail mail) {
        ObjectNode object = MAPPER.createObjectNode();
        mail.attributes().forEach(attribute -> attribute.getValue().toJson().ifPresentOrElse(
            json -> object.set(attribute.getName().asString(), json),
            () -> LOGGER.warn("Attribute {} of mail {} has no JSON form and is not kept", attribute.getName().asString(), mail.getName())));
        return object.toString();
    }

    static List<Attribute> attributes(String json) throws JsonProcessingException {
        ImmutableList.Builder<Attribute> attributes = ImmutableList.builder();
        MAPPER.readTree(json).fields().forEachRemaining(field ->
            attributes.add(new Attribute(AttributeName.of(field.getKey()), AttributeValue.fromJson(field.getValue()))));
        return attributes.build();
    }

    static String perRecipientHeaders(PerRecipientHeaders headers) {
        ObjectNode object = MAPPER.createObjectNode();
        for (Map.Entry<MailAddress, Collection<PerRecipientHeaders.Header>> entry : headers.getHeadersByRecipient().asMap().entrySet()) {
            ArrayNode array = object.putArray(entry.getKey().asString());
            entry.getValue().forEach(header -> array.addObject()
                .put("name", header.getName())
                .put("value", header.getValue()));
        }
        return object.toString();
    }

    static PerRecipientHeaders perRecipientHeaders(String json) throws JsonProcessingException, AddressException {
        PerRecipientHeaders headers = new PerRecipientHeaders();
        var fields = MAPPER.readTree(json).fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            MailAddress recipient = new MailAddress(field.getKey());
            for (JsonNode header : field.getValue()) {
                headers.addHeaderForRecipient(PerRecipientHeaders.Header.builder()
                    .name(header.get("name").asText())
                    .value(header.get("value").asText())
                    .build(), recipient);
            }
        }
        return headers;
    }
}
