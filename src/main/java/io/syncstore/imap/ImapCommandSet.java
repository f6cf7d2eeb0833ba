package io.syncstore.imap;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.utils.ClassName;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

import io.syncstore.imap.append.MultiAppendCommandParser;
import io.syncstore.imap.append.MultiAppendProcessor;
import io.syncstore.imap.append.ReplaceCommandParser;
import io.syncstore.imap.append.ReplaceProcessor;
import io.syncstore.imap.compress.DeflateProcessor;
import io.syncstore.imap.condstore.ModifiedCodeEncoder;
import io.syncstore.imap.copy.SyncStoreCopyProcessor;
import io.syncstore.imap.copy.SyncStoreMoveProcessor;
import io.syncstore.imap.messageset.ExpungeCommandProcessor;
import io.syncstore.imap.messageset.StoreCommandProcessor;
import io.syncstore.imap.fetch.ExtendedFetchResponseEncoder;
import io.syncstore.imap.fetch.FetchLinesEncoder;
import io.syncstore.imap.fetch.FetchCommandParser;
import io.syncstore.imap.fetch.MessageFetchProcessor;
import io.syncstore.imap.fetch.UnknownTransferEncodingResponseEncoder;
import io.syncstore.imap.list.ExtendedListProcessor;
import io.syncstore.imap.list.MultiPatternListCommandParser;
import io.syncstore.imap.list.MultiPatternListProcessor;
import io.syncstore.imap.list.SubscriptionListCommandParser;
import io.syncstore.imap.mode.ModalResponseEncoder;
import io.syncstore.imap.mode.ModalSearchCommandParser;
import io.syncstore.imap.mode.ModeEnableProcessor;
import io.syncstore.imap.names.NormalizingRenameCommandParser;
import io.syncstore.imap.names.NormalizingRenameProcessor;
import io.syncstore.imap.notify.NotifyCommandParser;
import io.syncstore.imap.notify.NotifyListResponseEncoder;
import io.syncstore.imap.notify.NotifyProcessor;
import io.syncstore.imap.notify.NotifyStatusResponseEncoder;
import io.syncstore.imap.search.SortCommandParser;
import io.syncstore.imap.search.ExtendedSearchProcessor;
import io.syncstore.imap.search.PartialSearchResponseEncoder;
import io.syncstore.imap.search.SortProcessor;
import io.syncstore.imap.search.SortResponseEncoder;
import io.syncstore.imap.selected.ExamineCommandProcessor;
import io.syncstore.imap.selected.SelectCommandProcessor;
import io.syncstore.imap.specialuse.SpecialUseCreateCommandParser;
import io.syncstore.imap.specialuse.SpecialUseCreateProcessor;
import io.syncstore.imap.thread.ThreadCommandParser;
import io.syncstore.imap.thread.ThreadProcessor;
import io.syncstore.imap.thread.ThreadResponseEncoder;
import io.syncstore.imap.urlauth.GenUrlAuthCommandParser;
import io.syncstore.imap.urlauth.GenUrlAuthProcessor;
import io.syncstore.imap.urlauth.ResetKeyCommandParser;
import io.syncstore.imap.urlauth.ResetKeyProcessor;
import io.syncstore.imap.urlauth.UrlAuthResponseEncoder;
import io.syncstore.imap.urlauth.UrlFetchCommandParser;
import io.syncstore.imap.urlauth.UrlFetchProcessor;
import io.syncstore.imap.urlauth.UrlMechCommandParser;
import io.syncstore.imap.urlauth.UrlMechProcessor;

/**
 * The IMAP commands of SyncStore's package: James's defaults, with the classes SyncStore replaces swapped for its
 * own (in place, so that the order of James's lists is kept), plus SyncStore's additions.
 */
final class ImapCommandSet {
    /** James default class name → SyncStore class replacing it. */
    private static final Map<String, String> REPLACEMENTS = ImmutableMap.<String, String>builder()
        // the selected state is SyncStore's (io.syncstore.imap.selected): what each connection was told, in one place
        .put("org.apache.james.imap.processor.SelectProcessor", SelectCommandProcessor.class.getName())
        .put("org.apache.james.imap.processor.ExamineProcessor", ExamineCommandProcessor.class.getName())
        .put("org.apache.james.imap.processor.fetch.FetchProcessor", MessageFetchProcessor.class.getName())
        .put("org.apache.james.imap.encode.StatusResponseEncoder", ModifiedCodeEncoder.class.getName())
        // conformance (issue 7): COPYUID names source UIDs; MOVE sends it before the expunges (RFC 6851 §4.3)
        // issue 13: a UID set in an empty mailbox names nothing: OK, not BAD (RFC 9051 §6.4.8)
        .put("org.apache.james.imap.processor.StoreProcessor", StoreCommandProcessor.class.getName())
        .put("org.apache.james.imap.processor.ExpungeProcessor", ExpungeCommandProcessor.class.getName())
        .put("org.apache.james.imap.processor.CopyProcessor", SyncStoreCopyProcessor.class.getName())
        .put("org.apache.james.imap.processor.MoveProcessor", SyncStoreMoveProcessor.class.getName())
        // conformance (issue 7): LIST with several patterns (RFC 5258 §3)
        .put("org.apache.james.imap.decode.parser.ListCommandParser", MultiPatternListCommandParser.class.getName())
        // issue 13: LSUB of a reference or pattern that is not modified UTF-7 matches nothing, as LIST
        .put("org.apache.james.imap.decode.parser.LsubCommandParser", SubscriptionListCommandParser.class.getName())
        // issue 13: CHILDINFO of LIST (SUBSCRIBED RECURSIVEMATCH) as RFC 5258 §3.5; special uses from CREATE (RFC 6154)
        .put("org.apache.james.imap.processor.ListProcessor", ExtendedListProcessor.class.getName())
        // issue 13: COMPRESS=DEFLATE (RFC 4978) on Netty's JDK zlib codecs, whatever the server's compress flag
        .put("org.apache.james.imap.processor.CompressProcessor", DeflateProcessor.class.getName())
        // issue 13: CREATE-SPECIAL-USE (RFC 6154 §3)
        .put("org.apache.james.imap.decode.parser.CreateCommandParser", SpecialUseCreateCommandParser.class.getName())
        .put("org.apache.james.imap.processor.CreateProcessor", SpecialUseCreateProcessor.class.getName())
        // BINARY (RFC 3516) and PREVIEW (RFC 8970), which James's parser refuses
        .put("org.apache.james.imap.decode.parser.FetchCommandParser", FetchCommandParser.class.getName())
        // MULTIAPPEND (RFC 3502) and APPEND of a literal8 (BINARY, RFC 3516)
        .put("org.apache.james.imap.decode.parser.AppendCommandParser", MultiAppendCommandParser.class.getName())
        .put("org.apache.james.imap.processor.AppendProcessor", MultiAppendProcessor.class.getName())
        // issue 13: UTF8=ACCEPT (RFC 6855) and IMAP4rev2 (RFC 9051) enabled by ENABLE; SEARCH as they say
        .put("org.apache.james.imap.processor.EnableProcessor", ModeEnableProcessor.class.getName())
        // issue 13: a name a UTF-8 connection wrote not in NFC is stored in NFC and told with OLDNAME (RFC 9051 §6.3.6)
        .put("org.apache.james.imap.decode.parser.RenameCommandParser", NormalizingRenameCommandParser.class.getName())
        .put("org.apache.james.imap.processor.RenameProcessor", NormalizingRenameProcessor.class.getName())
        .put("org.apache.james.imap.decode.parser.SearchCommandParser", ModalSearchCommandParser.class.getName())
        // issue 12: SEARCH RETURN (MIN) with MODSEQ gives the MIN message's mod-sequence (RFC 4731 §3.2, RFC 7162 §3.1.5);
        // PARTIAL (RFC 9394)
        .put("org.apache.james.imap.processor.SearchProcessor", ExtendedSearchProcessor.class.getName())
        .build();

    private ImapCommandSet() {
    }

    static ImmutableList<ClassName> processors() {
        return withReplacements(ImapPackage.DEFAULT.processors(), NotifyProcessor.class, MultiPatternListProcessor.class,
            ReplaceProcessor.class, SortProcessor.class, ThreadProcessor.class,
            GenUrlAuthProcessor.class, UrlFetchProcessor.class, ResetKeyProcessor.class, UrlMechProcessor.class);
    }

    static ImmutableList<ClassName> decoders() {
        return withReplacements(ImapPackage.DEFAULT.decoders(), NotifyCommandParser.class, ReplaceCommandParser.class,
            SortCommandParser.class, ThreadCommandParser.class,
            GenUrlAuthCommandParser.class, UrlFetchCommandParser.class, ResetKeyCommandParser.class, UrlMechCommandParser.class);
    }

    static ImmutableList<ClassName> encoders() {
        return withReplacements(ImapPackage.DEFAULT.encoders(),
            NotifyListResponseEncoder.class, NotifyStatusResponseEncoder.class, ExtendedFetchResponseEncoder.class,
            FetchLinesEncoder.class,
            UnknownTransferEncodingResponseEncoder.class, SortResponseEncoder.class, ThreadResponseEncoder.class,
            ModalResponseEncoder.class, UrlAuthResponseEncoder.class, PartialSearchResponseEncoder.class);
    }

    private static ImmutableList<ClassName> withReplacements(Collection<ClassName> defaults, Class<?>... additions) {
        return Stream.concat(
                defaults.stream().map(name -> new ClassName(REPLACEMENTS.getOrDefault(name.getName(), name.getName()))),
                Stream.of(additions).map(clazz -> new ClassName(clazz.getName())))
            .collect(ImmutableList.toImmutableList());
    }
}
