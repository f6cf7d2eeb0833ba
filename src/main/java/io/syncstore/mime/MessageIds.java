package io.syncstore.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The message IDs of Message-ID, References and In-Reply-To headers (RFC 5322 §3.6.4): {@code <left@right>}. */
final class MessageIds {
    private static final Pattern MESSAGE_ID = Pattern.compile("<\\s*([^<>@\\s]+@[^<>@\\s]+)\\s*>");

    private MessageIds() {
    }

    static Optional<String> first(String value) {
        Matcher id = MESSAGE_ID.matcher(value);
        return id.find() ? Optional.of(id.group(1)) : Optional.empty();
    }

    /** RFC 5256 §3 REFERENCES step 1: the References header's IDs, else the first of In-Reply-To. */
    static List<String> referenced(Optional<String> references, Optional<String> inReplyTo) {
        if (references.isEmpty()) {
            return inReplyTo.flatMap(MessageIds::first).map(List::of).orElse(List.of());
        }
        List<String> ids = new ArrayList<>();
        Matcher id = MESSAGE_ID.matcher(references.get());
        while (id.find()) {
            ids.add(id.group(1));
        }
        return ids;
    }
}
