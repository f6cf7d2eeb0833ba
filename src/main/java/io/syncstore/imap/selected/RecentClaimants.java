package io.syncstore.imap.selected;

import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.mailbox.model.MailboxId;

/**
 * The one read-write session of this server that claims the \Recent of a mailbox's new messages, kept while it has the
 * mailbox selected; the server's other sessions know at once that those messages are not recent for them. Before,
 * every such session queued a clear in storage for each new message and told the message only once its clear had
 * run: with 1,000 sessions idling on one mailbox, a thousand clears ran one after the other per message
 * (docs/benchmarks.md, section 6). Between servers sharing a store, the clear in storage still decides.
 */
final class RecentClaimants {
    private final ConcurrentHashMap<MailboxId, SelectedState> claimants = new ConcurrentHashMap<>();

    /** True when {@code state} is, or now becomes, the claimant of its mailbox's new messages. */
    boolean claims(SelectedState state) {
        SelectedState known = claimants.get(state.getMailboxId());
        if (known != null && known.claimsRecentNow()) {
            // read without the map's lock: every state of a mailbox asks at each new message
            return known == state;
        }
        // asked within compute: a state deselected meanwhile never takes the place release() just emptied
        return claimants.compute(state.getMailboxId(), (mailbox, current) -> {
            if (current != null && current.claimsRecentNow()) {
                return current;
            }
            return state.claimsRecentNow() ? state : null;
        }) == state;
    }

    void release(SelectedState state) {
        claimants.remove(state.getMailboxId(), state);
    }
}
