package io.syncstore.backend.search;

import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.SearchQuery.AddressOperator;
import org.apache.james.mailbox.model.SearchQuery.AttachmentCriterion;
import org.apache.james.mailbox.model.SearchQuery.ConjunctionCriterion;
import org.apache.james.mailbox.model.SearchQuery.ContainsOperator;
import org.apache.james.mailbox.model.SearchQuery.Criterion;
import org.apache.james.mailbox.model.SearchQuery.CustomFlagCriterion;
import org.apache.james.mailbox.model.SearchQuery.DateOperator;
import org.apache.james.mailbox.model.SearchQuery.DateResolution;
import org.apache.james.mailbox.model.SearchQuery.ExistsOperator;
import org.apache.james.mailbox.model.SearchQuery.FlagCriterion;
import org.apache.james.mailbox.model.SearchQuery.HeaderCriterion;
import org.apache.james.mailbox.model.SearchQuery.InternalDateCriterion;
import org.apache.james.mailbox.model.SearchQuery.MessageIdCriterion;
import org.apache.james.mailbox.model.SearchQuery.MimeMessageIDCriterion;
import org.apache.james.mailbox.model.SearchQuery.ModSeqCriterion;
import org.apache.james.mailbox.model.SearchQuery.NumericOperator;
import org.apache.james.mailbox.model.SearchQuery.SaveDateCriterion;
import org.apache.james.mailbox.model.SearchQuery.SizeCriterion;
import org.apache.james.mailbox.model.SearchQuery.SubjectCriterion;
import org.apache.james.mailbox.model.SearchQuery.TextCriterion;
import org.apache.james.mailbox.model.SearchQuery.ThreadIdCriterion;
import org.apache.james.mailbox.model.SearchQuery.UidCriterion;
import org.apache.james.mailbox.model.SearchQuery.UidRange;

/**
 * Translates search criteria into one SQL condition over {@code mailbox_message mm}, joined with {@code message m} and
 * {@code message_search s} only when a condition reads them ({@link #from}): a search on flags, UIDs or mod-sequences
 * reads mailbox_message alone, not the message rows with their headers. Every condition is TRUE or FALSE, never NULL,
 * so that NOT and NOR mean what they say.
 *
 * <p>Criteria the index cannot state in SQL are resolved first into the set of messages they match, by
 * {@link Resolver}: a HEADER key on a field without a column of its own (checked on the indexed header lines of the
 * messages whose headers contain the value) and the keys on attachments' content and names (left to the scanning
 * index, whose text extractor reads attachments).</p>
 */
final class SearchConditions {
    private static final List<String> ALL_TEXT = List.of("headers", "body");
    private static final String ALWAYS = "1 = 1";

    interface Resolver {
        /** The UIDs the scanning index finds for a criterion the SQL cannot state. */
        Collection<Long> scanned(Criterion criterion) throws SQLException;

        /**
         * For a criterion on the indexed text: the message pks it matches among the messages whose text the index
         * does not hold whole for it (not yet indexed, or beyond the index); empty when there are none.
         */
        Optional<List<Long>> foundOutsideIndex(Criterion criterion) throws SQLException;
    }

    /** Which of a message's texts a criterion reads from the index: a message beyond the index there is checked whole. */
    enum IndexedText {
        BODY(true, false), HEADERS(false, true), BOTH(true, true), SENT_DAY(false, false);

        final boolean body;
        final boolean headers;

        IndexedText(boolean body, boolean headers) {
            this.body = body;
            this.headers = headers;
        }

        /** What the criterion reads of the index; empty when it reads none (flags, sizes, dates) or is not indexed. */
        static Optional<IndexedText> of(Criterion criterion) {
            if (criterion instanceof TextCriterion && indexed(criterion)) {
                return Optional.of(((TextCriterion) criterion).getType() == SearchQuery.Scope.BODY ? BODY : BOTH);
            }
            if (criterion instanceof SubjectCriterion || criterion instanceof MimeMessageIDCriterion) {
                return Optional.of(HEADERS);
            }
            if (criterion instanceof HeaderCriterion && indexed(criterion)) {
                return Optional.of(((HeaderCriterion) criterion).getOperator() instanceof DateOperator ? SENT_DAY : HEADERS);
            }
            return Optional.empty();
        }
    }

    private final TextMatching matching;
    private final TextMatching.Scope scope;
    private final Resolver resolver;
    private final Set<MessageUid> recent;
    private final List<Object> parameters = new ArrayList<>();
    private boolean readsMessage;
    private boolean readsSearchRow;
    /** How many OR or NOT the condition being made is inside. */
    private int alternatives;
    private boolean narrowedByText;

    SearchConditions(TextMatching matching, TextMatching.Scope scope, Resolver resolver, Set<MessageUid> recent) {
        this.matching = matching;
        this.scope = scope;
        this.resolver = resolver;
        this.recent = recent;
    }

    List<Object> parameters() {
        return parameters;
    }

    /**
     * The FROM clause of the conditions made so far: the message rows joined when a condition reads them or
     * {@code messageSelected}, the search rows when a condition reads them.
     */
    String from(boolean messageSelected) {
        return " FROM mailbox_message mm"
            + (readsMessage || messageSelected ? " JOIN message m ON m.id = mm.message_id" : "")
            + (readsSearchRow ? " LEFT JOIN message_search s ON s.message_pk = mm.message_id" : "");
    }

    private String messageColumn(String name) {
        readsMessage = true;
        return "m." + name;
    }

    private String searchColumn(String name) {
        readsSearchRow = true;
        return "s." + name;
    }

    /**
     * Whether every match is among the messages a key on the indexed text names, the key being outside any OR or NOT:
     * such a search is cheapest driven from those messages, however many the mailbox holds.
     */
    boolean narrowedByText() {
        return narrowedByText;
    }

    /** Whether the criterion is answered without the scanning index. */
    static boolean indexed(Criterion criterion) {
        if (criterion instanceof ConjunctionCriterion) {
            return ((ConjunctionCriterion) criterion).getCriteria().stream().allMatch(SearchConditions::indexed);
        }
        if (criterion instanceof TextCriterion) {
            SearchQuery.Scope scope = ((TextCriterion) criterion).getType();
            return scope == SearchQuery.Scope.BODY || scope == SearchQuery.Scope.FULL;
        }
        if (criterion instanceof HeaderCriterion && ((HeaderCriterion) criterion).getOperator() instanceof DateOperator) {
            return isSentDay((HeaderCriterion) criterion);
        }
        return true;
    }

    String all(List<Criterion> criteria) throws SQLException {
        return joined(criteria, " AND ", ALWAYS);
    }

    private String joined(List<Criterion> criteria, String operator, String whenEmpty) throws SQLException {
        if (criteria.isEmpty()) {
            return whenEmpty;
        }
        List<String> conditions = new ArrayList<>();
        for (Criterion criterion : criteria) {
            conditions.add(condition(criterion));
        }
        return "(" + String.join(operator, conditions) + ")";
    }

    private String condition(Criterion criterion) throws SQLException {
        if (IndexedText.of(criterion).isPresent()) {
            String fromIndex = fromIndex(criterion);
            Optional<List<Long>> outside = resolver.foundOutsideIndex(criterion);
            narrowedByText |= alternatives == 0 && namesMessages(criterion, fromIndex);
            if (outside.isEmpty()) {
                return fromIndex;
            }
            // The index rows of a message not yet indexed (none, or of an older format) do not answer for it
            return "((COALESCE(" + searchColumn("format") + ", 0) = " + SearchText.FORMAT + " AND " + fromIndex + ") OR "
                + matching.in("mm.message_id", outside.get(), parameters) + ")";
        }
        if (criterion instanceof SearchQuery.AllCriterion) {
            return ALWAYS;
        }
        if (criterion instanceof ConjunctionCriterion) {
            return conjunction((ConjunctionCriterion) criterion);
        }
        if (criterion instanceof FlagCriterion) {
            return flag((FlagCriterion) criterion);
        }
        if (criterion instanceof CustomFlagCriterion) {
            CustomFlagCriterion keyword = (CustomFlagCriterion) criterion;
            String has = matching.hasKeyword(keyword.getFlag(), parameters);
            return keyword.getOperator().isSet() ? has : "NOT " + has;
        }
        if (criterion instanceof UidCriterion) {
            return uids(((UidCriterion) criterion).getOperator().getRange());
        }
        if (criterion instanceof SizeCriterion) {
            return numeric(messageColumn("size"), ((SizeCriterion) criterion).getOperator());
        }
        if (criterion instanceof ModSeqCriterion) {
            return numeric("mm.modseq", ((ModSeqCriterion) criterion).getOperator());
        }
        if (criterion instanceof InternalDateCriterion) {
            return date(messageColumn("internal_date"), ((InternalDateCriterion) criterion).getOperator());
        }
        if (criterion instanceof SaveDateCriterion) {
            return date("mm.save_date", ((SaveDateCriterion) criterion).getOperator());
        }
        if (criterion instanceof MessageIdCriterion) {
            parameters.add(((MessageIdCriterion) criterion).getMessageId().serialize());
            return messageColumn("message_id") + " = ?";
        }
        if (criterion instanceof ThreadIdCriterion) {
            parameters.add(((ThreadIdCriterion) criterion).getThreadId().serialize());
            return messageColumn("thread_id") + " = ?";
        }
        if (criterion instanceof AttachmentCriterion) {
            String has = "EXISTS (SELECT 1 FROM message_attachment a WHERE a.message_id = mm.message_id AND a.is_inline = 0)";
            return ((AttachmentCriterion) criterion).getOperator().isSet() ? has : "NOT " + has;
        }
        return matching.in("mm.uid", resolver.scanned(criterion), parameters);
    }

    /** The condition of a criterion on the indexed text, as the index answers it. */
    private String fromIndex(Criterion criterion) throws SQLException {
        if (criterion instanceof MimeMessageIDCriterion) {
            return header(((MimeMessageIDCriterion) criterion).asHeaderCriterion());
        }
        if (criterion instanceof SubjectCriterion) {
            return header(((SubjectCriterion) criterion).asHeaderCriterion());
        }
        if (criterion instanceof TextCriterion) {
            TextCriterion text = (TextCriterion) criterion;
            List<String> columns = text.getType() == SearchQuery.Scope.BODY ? List.of("body") : ALL_TEXT;
            return contains(columns, text.getOperator().getValue());
        }
        return header((HeaderCriterion) criterion);
    }

    /** Whether the condition of a key on the indexed text restricts mm.message_id (SENT* compares a column instead). */
    private static boolean namesMessages(Criterion criterion, String condition) {
        return IndexedText.of(criterion).get() != IndexedText.SENT_DAY && !condition.equals(ALWAYS);
    }

    private String conjunction(ConjunctionCriterion conjunction) throws SQLException {
        if (conjunction.getType() == SearchQuery.Conjunction.AND) {
            return joined(conjunction.getCriteria(), " AND ", ALWAYS);
        }
        alternatives++;
        try {
            String any = joined(conjunction.getCriteria(), " OR ", "1 = 0");
            return conjunction.getType() == SearchQuery.Conjunction.OR ? any : "NOT " + any;
        } finally {
            alternatives--;
        }
    }

    private String flag(FlagCriterion criterion) {
        boolean set = criterion.getOperator().isSet();
        if (criterion.getFlag() == javax.mail.Flags.Flag.RECENT) {
            String in = matching.in("mm.uid", recent.stream().map(MessageUid::asLong).collect(Collectors.toList()), parameters);
            return set ? in : "NOT " + in;
        }
        String column = flagColumn(criterion.getFlag());
        if (column == null) {
            return "1 = 0";
        }
        return "mm." + column + " = " + (set ? 1 : 0);
    }

    private static String flagColumn(javax.mail.Flags.Flag flag) {
        if (flag == javax.mail.Flags.Flag.ANSWERED) {
            return "answered";
        }
        if (flag == javax.mail.Flags.Flag.DELETED) {
            return "deleted";
        }
        if (flag == javax.mail.Flags.Flag.DRAFT) {
            return "draft";
        }
        if (flag == javax.mail.Flags.Flag.FLAGGED) {
            return "flagged";
        }
        if (flag == javax.mail.Flags.Flag.SEEN) {
            return "seen";
        }
        return null;
    }

    private String uids(UidRange[] ranges) {
        if (ranges.length == 0) {
            return "1 = 0";
        }
        List<String> between = new ArrayList<>();
        for (UidRange range : ranges) {
            between.add("mm.uid BETWEEN ? AND ?");
            parameters.add(range.getLowValue().asLong());
            parameters.add(range.getHighValue().asLong());
        }
        return "(" + String.join(" OR ", between) + ")";
    }

    private String numeric(String column, NumericOperator operator) {
        parameters.add(operator.getValue());
        switch (operator.getType()) {
            case LESS_THAN:
                return column + " < ?";
            case GREATER_THAN:
                return column + " > ?";
            default:
                return column + " = ?";
        }
    }

    /** As James compares dates: on the GMT calendar, at the operator's resolution. */
    private String date(String column, DateOperator operator) {
        ZonedDateTime start = periodStart(operator.getDate().toInstant().atZone(ZoneOffset.UTC), operator.getDateResultion());
        long from = start.toInstant().toEpochMilli();
        long until = start.plus(1, unit(operator.getDateResultion())).toInstant().toEpochMilli();
        switch (operator.getType()) {
            case BEFORE:
                parameters.add(from);
                return column + " < ?";
            case AFTER:
                parameters.add(until);
                return column + " >= ?";
            default:
                parameters.add(from);
                parameters.add(until);
                return "(" + column + " >= ? AND " + column + " < ?)";
        }
    }

    private static ZonedDateTime periodStart(ZonedDateTime time, DateResolution resolution) {
        switch (resolution) {
            case Year:
                return time.withDayOfYear(1).truncatedTo(ChronoUnit.DAYS);
            case Month:
                return time.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
            default:
                return time.truncatedTo(unit(resolution));
        }
    }

    private static ChronoUnit unit(DateResolution resolution) {
        switch (resolution) {
            case Year:
                return ChronoUnit.YEARS;
            case Month:
                return ChronoUnit.MONTHS;
            case Day:
                return ChronoUnit.DAYS;
            case Hour:
                return ChronoUnit.HOURS;
            case Minute:
                return ChronoUnit.MINUTES;
            default:
                return ChronoUnit.SECONDS;
        }
    }

    private String header(HeaderCriterion criterion) throws SQLException {
        String name = criterion.getHeaderName().toLowerCase(Locale.ROOT);
        if (criterion.getOperator() instanceof DateOperator) {
            return sentDay((DateOperator) criterion.getOperator());
        }
        if (criterion.getOperator() instanceof ExistsOperator) {
            return matching.in("mm.message_id", matching.withHeader(scope, name, ""), parameters);
        }
        String value = criterion.getOperator() instanceof AddressOperator
            ? ((AddressOperator) criterion.getOperator()).getAddress()
            : ((ContainsOperator) criterion.getOperator()).getValue();
        String column = headerColumn(name);
        if (column != null) {
            return contains(List.of(column), value);
        }
        return matching.in("mm.message_id", matching.withHeader(scope, name, SearchText.fold(value)), parameters);
    }

    /** The column of message_text a header field has of its own; null for the others (found in the header lines). */
    static String headerColumn(String name) {
        switch (name) {
            case "subject":
                return "hdr_subject";
            case "from":
                return "hdr_from";
            case "to":
                return "hdr_to";
            case "cc":
                return "hdr_cc";
            case "bcc":
                return "hdr_bcc";
            default:
                return null;
        }
    }

    private static boolean isSentDay(HeaderCriterion criterion) {
        return criterion.getHeaderName().equalsIgnoreCase("Date")
            && ((DateOperator) criterion.getOperator()).getDateResultion() == DateResolution.Day;
    }

    /** RFC 3501 §6.4.4 SENT*: the day of the Date: header as written, time and zone disregarded. */
    private String sentDay(DateOperator operator) {
        parameters.add(dayOf(operator));
        String comparison;
        switch (operator.getType()) {
            case BEFORE:
                comparison = "<";
                break;
            case AFTER:
                comparison = ">";
                break;
            default:
                comparison = "=";
                break;
        }
        String sentDay = searchColumn("sent_day");
        return "(" + sentDay + " IS NOT NULL AND " + sentDay + " " + comparison + " ?)";
    }

    /** yyyymmdd of the operator's date, as {@code message_search.sent_day} holds the Date: header's. */
    static int dayOf(DateOperator operator) {
        ZonedDateTime day = operator.getDate().toInstant().atZone(ZoneOffset.UTC);
        return day.getYear() * 10000 + day.getMonthValue() * 100 + day.getDayOfMonth();
    }

    private String contains(List<String> columns, String value) throws SQLException {
        String folded = SearchText.fold(value);
        if (folded.isEmpty()) {
            return ALWAYS;
        }
        return matching.contains(scope, columns, folded, parameters);
    }
}
