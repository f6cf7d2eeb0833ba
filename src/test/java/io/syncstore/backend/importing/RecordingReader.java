package io.syncstore.backend.importing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What a folder's reading handed on, in order. */
final class RecordingReader implements FolderSource.Reader {
    final List<String> events = new ArrayList<>();
    final List<ImportedMessage> messages = new ArrayList<>();

    @Override
    public void uids(long uidValidity, long uidNext) {
        events.add("uids " + uidValidity + " " + uidNext);
    }

    @Override
    public void message(ImportedMessage message) {
        messages.add(message);
        events.add("message " + (message.uid().isPresent() ? message.uid().getAsLong() : "-"));
    }

    static String text(ImportedMessage message) {
        return new String(message.content(), StandardCharsets.UTF_8);
    }
}
