package io.syncstore.it.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The messages the load test's connections put in each user's mailboxes, each copy kept by the one worker that made
 * it: only that worker moves it, copies it or marks it deleted, so what must be in a mailbox at the end follows from
 * the answers each worker got, whatever the other connections did meanwhile.
 */
final class MessageLedger {
    /** One message in one mailbox, known by its UID there and by the Message-ID it was appended with. */
    static final class Copy {
        final String mailbox;
        final long uid;
        final String messageId;
        boolean deleted;

        Copy(String mailbox, long uid, String messageId) {
            this.mailbox = mailbox;
            this.uid = uid;
            this.messageId = messageId;
        }
    }

    /** What one worker holds for one user; used by that worker's thread only. */
    static final class Holdings {
        private final List<Copy> copies = new ArrayList<>();

        void add(Copy copy) {
            copies.add(copy);
        }

        void remove(Copy copy) {
            copies.remove(copy);
        }

        /** Copies in this mailbox that are not marked deleted. */
        List<Copy> live(String mailbox) {
            return copies.stream().filter(copy -> !copy.deleted && copy.mailbox.equals(mailbox)).collect(Collectors.toList());
        }

        private List<Copy> all() {
            return copies;
        }
    }

    private final Map<String, Map<Integer, Holdings>> holdingsByUser = new ConcurrentHashMap<>();
    private final Set<String> touchedUsers = ConcurrentHashMap.newKeySet();

    Holdings of(String user, int worker) {
        touchedUsers.add(user);
        return holdingsByUser.computeIfAbsent(user, u -> new ConcurrentHashMap<>())
            .computeIfAbsent(worker, w -> new Holdings());
    }

    /** The users changed since the last call, then forgotten. */
    Set<String> takeTouchedUsers() {
        Set<String> users = Set.copyOf(touchedUsers);
        touchedUsers.removeAll(users);
        return users;
    }

    /**
     * Message-ID to count for one mailbox of a user, once every copy marked deleted is expunged. Call when no worker
     * runs.
     */
    Map<String, Integer> expected(String user, String mailbox) {
        Map<String, Integer> counts = new HashMap<>();
        holdingsByUser.getOrDefault(user, Map.of()).values().stream()
            .flatMap(holdings -> holdings.all().stream())
            .filter(copy -> !copy.deleted && copy.mailbox.equals(mailbox))
            .forEach(copy -> counts.merge(copy.messageId, 1, Integer::sum));
        return counts;
    }
}
