package io.syncstore.backend.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.SearchQuery.ConjunctionCriterion;
import org.apache.james.mailbox.model.SearchQuery.Criterion;
import org.apache.james.mailbox.model.SearchQuery.UidCriterion;
import org.apache.james.mailbox.AttachmentContentLoader;
import org.apache.james.mailbox.store.mail.MailboxMapperFactory;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.MessageMapperFactory;
import org.apache.james.mailbox.store.search.SimpleMessageSearchIndex;
import org.apache.james.mailbox.extractor.TextExtractor;
import org.apache.james.mailbox.model.Mailbox;

import reactor.core.publisher.Flux;

/**
 * James's scanning search index with two faults of 3.8.1 avoided.
 *
 * <p>SENTBEFORE/SENTON/SENTSINCE (RFC 3501 §6.4.4: the Date: header "disregarding time and timezone") compared the
 * day of the Date: header converted to GMT: a message written at 23:30 -0800 on the 9th was found ON the 10th. Each
 * such criterion is evaluated here on the date as written and replaced by the UIDs that match.</p>
 *
 * <p> {@code SimpleMessageSearchIndex} reads only the
 * messages of the first UID criterion it finds while walking the query, also below OR and NOT: {@code SEARCH NOT 2:3}
 * then scanned messages 2:3 only and found nothing, {@code SEARCH OR 1 UID 3} scanned message 1 only. When that
 * criterion is below OR or NOT, a leading "every UID" criterion makes the index scan the whole mailbox.</p>
 */
public class ConformantSearchIndex extends SimpleMessageSearchIndex {
    private static final Criterion EVERY_UID = SearchQuery.uid(new SearchQuery.UidRange(MessageUid.MIN_VALUE, MessageUid.MAX_VALUE));

    private final MessageMapperFactory messageMapperFactory;

    @Inject
    public ConformantSearchIndex(MessageMapperFactory messageMapperFactory, MailboxMapperFactory mailboxMapperFactory,
                                 TextExtractor textExtractor, AttachmentContentLoader attachmentContentLoader) {
        super(messageMapperFactory, mailboxMapperFactory, textExtractor, attachmentContentLoader);
        this.messageMapperFactory = messageMapperFactory;
    }

    @Override
    public Flux<MessageUid> search(MailboxSession session, Mailbox mailbox, SearchQuery query) {
        if (!SentDates.present(query)) {
            return super.search(session, mailbox, safe(query));
        }
        MessageMapper mapper;
        try {
            mapper = messageMapperFactory.getMessageMapper(session);
        } catch (MailboxException e) {
            return Flux.error(e);
        }
        return mapper.findInMailboxReactive(mailbox, MessageRange.all(), MessageMapper.FetchType.HEADERS, MessageMapper.UNLIMITED)
            .collectList()
            .map(messages -> SentDates.evaluate(query, messages))
            .flatMapMany(withSentDates -> searchSafely(session, mailbox, withSentDates));
    }

    private Flux<MessageUid> searchSafely(MailboxSession session, Mailbox mailbox, SearchQuery query) {
        return super.search(session, mailbox, safe(query));
    }

    @Override
    public Flux<MessageId> search(MailboxSession session, Collection<MailboxId> mailboxIds, SearchQuery query, long limit) throws MailboxException {
        return super.search(session, mailboxIds, safe(query), limit);
    }

    static SearchQuery safe(SearchQuery query) {
        if (!narrowsBelowOrOrNot(query.getCriteria(), false)) {
            return query;
        }
        List<Criterion> criteria = new ArrayList<>();
        criteria.add(EVERY_UID);
        criteria.addAll(query.getCriteria());
        return SearchQuery.builder()
            .andCriteria(criteria)
            .sorts(query.getSorts())
            .addRecentMessageUids(query.getRecentMessageUids())
            .build();
    }

    /** Follows SimpleMessageSearchIndex's walk: is the UID criterion it would use below an OR or a NOT? */
    private static boolean narrowsBelowOrOrNot(List<Criterion> criteria, boolean belowOrOrNot) {
        for (Criterion criterion : criteria) {
            if (criterion instanceof UidCriterion) {
                return belowOrOrNot;
            }
            if (criterion instanceof ConjunctionCriterion) {
                ConjunctionCriterion conjunction = (ConjunctionCriterion) criterion;
                return narrowsBelowOrOrNot(conjunction.getCriteria(),
                    belowOrOrNot || conjunction.getType() != SearchQuery.Conjunction.AND);
            }
        }
        return false;
    }
}
