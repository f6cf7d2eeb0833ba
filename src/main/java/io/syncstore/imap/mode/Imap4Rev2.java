package io.syncstore.imap.mode;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.message.StatusDataItems;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.ListRequest;
import org.apache.james.imap.message.request.SearchRequest;
import org.apache.james.imap.message.request.StatusRequest;
import org.apache.james.imap.message.response.RecentResponse;

import io.syncstore.imap.search.SearchedRequest;

/**
 * What IMAP4rev2 (RFC 9051) leaves out of IMAP4rev1 for a connection that enabled it, beside the UTF-8 it shares with
 * UTF8=ACCEPT: {@code \Recent} and what hangs on it (appendix E). Such a connection hears no RECENT response and no
 * {@code OK [UNSEEN]} (§7.1, §6.3.2), and its grammar (§9: {@code status-att}, {@code search-key}) holds neither the
 * STATUS item RECENT (also in LIST's {@code RETURN (STATUS …)}) nor the search keys RECENT, NEW and OLD: a command
 * naming one is BAD, as any command outside the grammar. LSUB, deprecated but still answered by IMAP4rev2 servers, stays.
 */
public final class Imap4Rev2 {
    private static final EnumSet<SearchKey.Type> RECENT_KEYS =
        EnumSet.of(SearchKey.Type.TYPE_RECENT, SearchKey.Type.TYPE_NEW, SearchKey.Type.TYPE_OLD);
    private static final HumanReadableText NO_RECENT = new HumanReadableText("io.syncstore.imap.IMAP4REV2_NO_RECENT",
        "failed. IMAP4rev2 has no \\Recent: no STATUS RECENT, no SEARCH RECENT, NEW or OLD (RFC 9051 appendix E)");

    private Imap4Rev2() {
    }

    /** The answer to a command of the IMAP4rev1 grammar that the connection's IMAP4rev2 grammar leaves out. */
    public static Optional<HumanReadableText> refusal(ImapMessage message, ImapSession session) {
        if (!ConnectionMode.IMAP4REV2.enabledIn(session) || !namesRecent(message)) {
            return Optional.empty();
        }
        return Optional.of(NO_RECENT);
    }

    /** Whether a connection in IMAP4rev2 is not told this response. */
    static boolean silences(ImapResponseMessage response) {
        return response instanceof RecentResponse || response instanceof StatusResponse
            && ((StatusResponse) response).getTag() == null
            && ((StatusResponse) response).getResponseCode() != null
            && "UNSEEN".equals(((StatusResponse) response).getResponseCode().getCode());
    }

    private static boolean namesRecent(ImapMessage message) {
        if (message instanceof StatusRequest) {
            return namesRecent(((StatusRequest) message).getStatusDataItems());
        }
        if (message instanceof ListRequest) {
            return ((ListRequest) message).getStatusDataItems().map(Imap4Rev2::namesRecent).orElse(false);
        }
        if (message instanceof SearchRequest) {
            return namesRecent(((SearchRequest) message).getSearchOperation().getSearchKey());
        }
        if (message instanceof SearchedRequest) {
            return namesRecent(((SearchedRequest) message).searchKey());
        }
        return false;
    }

    private static boolean namesRecent(StatusDataItems items) {
        return items.isRecent();
    }

    private static boolean namesRecent(SearchKey key) {
        List<SearchKey> keys = key.getKeys();
        return RECENT_KEYS.contains(key.getType()) || keys != null && keys.stream().anyMatch(Imap4Rev2::namesRecent);
    }
}
