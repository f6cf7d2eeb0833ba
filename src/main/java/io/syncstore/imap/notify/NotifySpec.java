package io.syncstore.imap.notify;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.imap.api.message.FetchData;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;

/** What a {@code NOTIFY SET} asked for: event groups in the order given (RFC 5465 §8 grammar). */
public final class NotifySpec {

    public enum FilterKind {
        SELECTED("selected"),
        SELECTED_DELAYED("selected-delayed"),
        INBOXES("inboxes"),
        PERSONAL("personal"),
        SUBSCRIBED("subscribed"),
        SUBTREE("subtree"),
        MAILBOXES("mailboxes");

        private final String keyword;

        FilterKind(String keyword) {
            this.keyword = keyword;
        }

        public static Optional<FilterKind> parse(String atom) {
            for (FilterKind kind : values()) {
                if (kind.keyword.equalsIgnoreCase(atom)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }

        public boolean isSelected() {
            return this == SELECTED || this == SELECTED_DELAYED;
        }

        public boolean takesMailboxes() {
            return this == SUBTREE || this == MAILBOXES;
        }
    }

    public enum EventKind {
        MESSAGE_NEW("MessageNew", true),
        MESSAGE_EXPUNGE("MessageExpunge", true),
        FLAG_CHANGE("FlagChange", true),
        ANNOTATION_CHANGE("AnnotationChange", true),
        MAILBOX_NAME("MailboxName", false),
        SUBSCRIPTION_CHANGE("SubscriptionChange", false),
        MAILBOX_METADATA_CHANGE("MailboxMetadataChange", false),
        SERVER_METADATA_CHANGE("ServerMetadataChange", false);

        private final String name;
        private final boolean messageEvent;

        EventKind(String name, boolean messageEvent) {
            this.name = name;
            this.messageEvent = messageEvent;
        }

        public String imapName() {
            return name;
        }

        public boolean isMessageEvent() {
            return messageEvent;
        }

        public boolean isSupported() {
            return this != ANNOTATION_CHANGE && this != MAILBOX_METADATA_CHANGE && this != SERVER_METADATA_CHANGE;
        }

        public static Optional<EventKind> parse(String atom) {
            for (EventKind kind : values()) {
                if (kind.name.toLowerCase(Locale.US).equals(atom.toLowerCase(Locale.US))) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** One event as written by the client; {@code kind} is empty for an event name this server does not know. */
    public static final class Event {
        private final String name;
        private final Optional<EventKind> kind;
        private final Optional<FetchData> fetchData;

        public Event(String name, Optional<EventKind> kind, Optional<FetchData> fetchData) {
            this.name = name;
            this.kind = kind;
            this.fetchData = fetchData;
        }

        public String getName() {
            return name;
        }

        public Optional<EventKind> getKind() {
            return kind;
        }

        public Optional<FetchData> getFetchData() {
            return fetchData;
        }

        @Override
        public String toString() {
            return name + fetchData.map(f -> " " + f).orElse("");
        }
    }

    public static final class Filter {
        private final FilterKind kind;
        private final List<String> mailboxes;

        public Filter(FilterKind kind, List<String> mailboxes) {
            this.kind = kind;
            this.mailboxes = ImmutableList.copyOf(mailboxes);
        }

        public FilterKind getKind() {
            return kind;
        }

        public List<String> getMailboxes() {
            return mailboxes;
        }

        @Override
        public String toString() {
            return kind.keyword + (mailboxes.isEmpty() ? "" : " " + mailboxes);
        }
    }

    /** {@code (filter events)}; an empty event list stands for {@code NONE}. */
    public static final class EventGroup {
        private final Filter filter;
        private final List<Event> events;

        public EventGroup(Filter filter, List<Event> events) {
            this.filter = filter;
            this.events = ImmutableList.copyOf(events);
        }

        public Filter getFilter() {
            return filter;
        }

        public List<Event> getEvents() {
            return events;
        }

        public boolean isNone() {
            return events.isEmpty();
        }

        public boolean has(EventKind kind) {
            return events.stream().anyMatch(e -> e.getKind().equals(Optional.of(kind)));
        }

        public Optional<Event> event(EventKind kind) {
            return events.stream().filter(e -> e.getKind().equals(Optional.of(kind))).findFirst();
        }

        @Override
        public String toString() {
            return "(" + filter + " " + (events.isEmpty() ? "NONE" : events.toString()) + ")";
        }
    }

    public static final NotifySpec NONE = new NotifySpec(ImmutableList.of());

    private final List<EventGroup> groups;

    public NotifySpec(List<EventGroup> groups) {
        this.groups = ImmutableList.copyOf(groups);
    }

    public List<EventGroup> getGroups() {
        return groups;
    }

    public boolean isNone() {
        return groups.isEmpty();
    }

    public Optional<EventGroup> selectedGroup() {
        return groups.stream().filter(g -> g.getFilter().getKind().isSelected()).findFirst();
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("groups", groups).toString();
    }
}
