package io.syncstore.backend.search;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.SearchQuery.ConjunctionCriterion;
import org.apache.james.mailbox.model.SearchQuery.Criterion;
import org.apache.james.mailbox.model.SearchQuery.DateOperator;
import org.apache.james.mailbox.model.SearchQuery.HeaderCriterion;
import org.apache.james.mailbox.store.ResultUtils;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mime4j.util.MimeUtil;

import io.syncstore.mime.DateHeader;

/**
 * Evaluates the day criteria on the Date: header (IMAP SENTBEFORE/SENTON/SENTSINCE) on the date as written in the
 * header (RFC 3501 §6.4.4), and replaces each by a UID criterion.
 */
final class SentDates {
    private final List<MailboxMessage> messages;
    private List<Written> written;

    private SentDates(List<MailboxMessage> messages) {
        this.messages = messages;
    }

    static boolean present(SearchQuery query) {
        return query.getCriteria().stream().anyMatch(SentDates::hasSentDate);
    }

    /** The query with each SENT* criterion replaced by the UIDs of these messages (the whole mailbox) it matches. */
    static SearchQuery evaluate(SearchQuery query, List<MailboxMessage> messages) {
        if (!present(query)) {
            return query;
        }
        SentDates sentDates = new SentDates(messages);
        List<Criterion> criteria = new ArrayList<>();
        for (Criterion criterion : query.getCriteria()) {
            criteria.add(sentDates.rewrite(criterion));
        }
        return SearchQuery.builder()
            .andCriteria(criteria)
            .sorts(query.getSorts())
            .addRecentMessageUids(query.getRecentMessageUids())
            .build();
    }

    private static boolean hasSentDate(Criterion criterion) {
        if (isSentDate(criterion)) {
            return true;
        }
        return criterion instanceof ConjunctionCriterion
            && ((ConjunctionCriterion) criterion).getCriteria().stream().anyMatch(SentDates::hasSentDate);
    }

    private static boolean isSentDate(Criterion criterion) {
        return criterion instanceof HeaderCriterion
            && ((HeaderCriterion) criterion).getHeaderName().equalsIgnoreCase("Date")
            && ((HeaderCriterion) criterion).getOperator() instanceof DateOperator
            && ((DateOperator) ((HeaderCriterion) criterion).getOperator()).getDateResultion() == SearchQuery.DateResolution.Day;
    }

    private Criterion rewrite(Criterion criterion) {
        if (isSentDate(criterion)) {
            return matching((DateOperator) ((HeaderCriterion) criterion).getOperator());
        }
        if (criterion instanceof ConjunctionCriterion) {
            ConjunctionCriterion conjunction = (ConjunctionCriterion) criterion;
            List<Criterion> children = new ArrayList<>();
            for (Criterion child : conjunction.getCriteria()) {
                children.add(rewrite(child));
            }
            switch (conjunction.getType()) {
                case AND:
                    return SearchQuery.and(children);
                case OR:
                    return SearchQuery.or(children);
                default:
                    return SearchQuery.not(children);
            }
        }
        return criterion;
    }

    private Criterion matching(DateOperator operator) {
        // IMAP's search day is midnight GMT (DayMonthYear.toDate)
        LocalDate day = operator.getDate().toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
        List<SearchQuery.UidRange> uids = new ArrayList<>();
        for (Written message : written()) {
            if (message.day.isEmpty()) {
                continue;
            }
            int comparison = message.day.get().compareTo(day);
            boolean matches;
            switch (operator.getType()) {
                case BEFORE:
                    matches = comparison < 0;
                    break;
                case AFTER:
                    matches = comparison > 0;
                    break;
                default:
                    matches = comparison == 0;
                    break;
            }
            if (matches) {
                uids.add(new SearchQuery.UidRange(message.uid));
            }
        }
        return SearchQuery.uid(uids.toArray(SearchQuery.UidRange[]::new));
    }

    private List<Written> written() {
        if (written == null) {
            written = new ArrayList<>();
            for (MailboxMessage message : messages) {
                written.add(new Written(message.getUid(), writtenDay(message)));
            }
        }
        return written;
    }

    /** The day of the Date: header as written, time and zone disregarded. */
    private static Optional<LocalDate> writtenDay(MailboxMessage message) {
        try {
            for (Header header : ResultUtils.createHeaders(message)) {
                if (header.getName().equalsIgnoreCase("Date")) {
                    return DateHeader.writtenDay(MimeUtil.unscrambleHeaderValue(header.getValue()));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static final class Written {
        final MessageUid uid;
        final Optional<LocalDate> day;

        Written(MessageUid uid, Optional<LocalDate> day) {
            this.uid = uid;
            this.day = day;
        }
    }
}
