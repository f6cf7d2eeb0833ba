package io.syncstore.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.SearchQuery.Criterion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;

/**
 * For random messages and random search expressions, the index finds exactly what a brute-force evaluation over the
 * generated messages finds, in one mailbox and by the search of several mailboxes (JMAP's): among the words, private
 * use characters where the word index moves punctuation; among the messages, some with a body or header beyond the
 * index (more new words or more text than it takes: they are scanned for text keys). The queries run first on a fully
 * indexed store, then during a rebuild (some messages not indexed, the rebuild held back), then with a vocabulary
 * crowded by another user's words (SQLite's word index then checks some values on the mailbox's messages). The seed
 * is printed; {@code -Dsearch.seed=N} replays a run.
 */
class SearchIndexPropertyTest {
    private static final int MESSAGES = 60;
    private static final int QUERIES = 400;
    private static final String[] WORDS = {"alpha", "Beta", "gamma", "Délta", "éclair", "straße", "zürich", "Übung",
        "ab", "x", "OMEGA", "mail", "Search", "sub", "te\"st", "a.b", "a\uE02Eb", "\uE080z"};
    private static final String[] KEYWORDS = {"$Forwarded", "work", "later"};
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 3, 1);

    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @Test
    void indexAnswersAsBruteForce() throws Exception {
        long seed = Long.getLong("search.seed", System.nanoTime());
        System.out.println("SearchIndexPropertyTest seed: " + seed + " (rerun with -Dsearch.seed=" + seed + ")");
        Random random = new Random(seed);

        Database database = DATABASES.open();
        SyncStoreResources resources = SyncStoreResources.defaultResources(database);
        MailboxSession session = resources.getMailboxManager().createSystemSession(Username.of("user"));
        MailboxPath inbox = MailboxPath.inbox(session);
        resources.getMailboxManager().createMailbox(inbox, session);
        MessageManager mailbox = resources.getMailboxManager().getMailbox(inbox, session);

        List<Generated> messages = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            Generated message = Generated.random(random, i);
            ComposedMessageId id = mailbox.appendMessage(MessageManager.AppendCommand.builder()
                    .withInternalDate(Date.from(message.internalDate))
                    .build(message.content()), session)
                .getId();
            MessageUid uid = id.getUid();
            message.uid = uid.asLong();
            message.messageId = id.getMessageId();
            mailbox.setFlags(message.flags, MessageManager.FlagsUpdateMode.REPLACE, MessageRange.one(uid), session);
            message.size = mailbox.getMessages(MessageRange.one(uid), org.apache.james.mailbox.model.FetchGroup.MINIMAL, session)
                .next().getSize();
            messages.add(message);
        }
        // Expunged messages leave the index with them.
        for (int i = 0; i < 5; i++) {
            Generated gone = messages.remove(random.nextInt(messages.size()));
            mailbox.delete(List.of(MessageUid.of(gone.uid)), session);
        }
        resources.awaitIndexed();

        IndexedSearchIndex index = (IndexedSearchIndex) resources.getSearchIndex();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holding = CompletableFuture.completedFuture(null);
        long unindexedFrom = 0;
        for (int i = 0; i < QUERIES; i++) {
            if (i == QUERIES / 4) {
                unindexedFrom = database.read(connection -> Sql.count(connection, "SELECT count(*) FROM message_search"));
                unindex(database, messages, random);
                CountDownLatch held = new CountDownLatch(1);
                holding = BackgroundRebuildTest.holdTheWriter(database, held, release);
                assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
                index = (IndexedSearchIndex) SyncStoreResources.defaultResources(database).getSearchIndex();
            }
            if (i == QUERIES / 2) {
                long indexed = database.read(connection -> Sql.count(connection,
                    "SELECT count(*) FROM message_search WHERE format = ?", SearchText.FORMAT));
                assertThat(indexed).as("messages indexed while the rebuild is held back").isLessThan(unindexedFrom);
                release.countDown();
                holding.get(30, TimeUnit.SECONDS);
                try {
                    index.rebuild().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // PostgreSQL's lock timeout ended the held-back rebuild: the next start indexes what it left
                    index = (IndexedSearchIndex) SyncStoreResources.defaultResources(database).getSearchIndex();
                    index.rebuild().get(60, TimeUnit.SECONDS);
                }
                crowdTheVocabulary(resources);
            }
            Expression expression = Expression.random(random, 3);
            List<Generated> matching = messages.stream().filter(expression.matches).collect(Collectors.toList());
            List<Long> expected = matching.stream().map(m -> m.uid).sorted().collect(Collectors.toList());
            List<Long> found = index.search(session, mailbox.getMailboxEntity(), SearchQuery.of(expression.criterion))
                .map(MessageUid::asLong).collectList().block();
            assertThat(found).as("seed %d, query %d: %s", seed, i, expression.description).isEqualTo(expected);
            List<MessageId> foundInMailboxes = index.search(session, List.of(mailbox.getId()), SearchQuery.of(expression.criterion),
                MESSAGES).collectList().block();
            assertThat(foundInMailboxes).as("seed %d, query %d over mailboxes: %s", seed, i, expression.description)
                .containsExactlyInAnyOrderElementsOf(matching.stream().map(m -> m.messageId).collect(Collectors.toList()));
        }
    }

    /** Some messages as a migration or a format bump leaves them: without index rows, for the rebuild to index. */
    private static void unindex(Database database, List<Generated> messages, Random random) throws Exception {
        List<Long> uids = messages.stream().filter(m -> random.nextInt(4) == 0).map(m -> m.uid).collect(Collectors.toList());
        database.write(connection -> {
            List<Long> pks = new ArrayList<>();
            for (long uid : uids) {
                pks.add(Sql.count(connection, "SELECT message_id FROM mailbox_message WHERE uid = ? AND mailbox_id = "
                    + "(SELECT min(mailbox_id) FROM mailbox_message)", uid));
            }
            BackgroundRebuildTest.dropIndexRows(connection, pks);
            return null;
        });
    }

    /**
     * Another user's mail brings to the shared vocabulary more words than a search of this mailbox may read: words
     * holding every other generated word (at their start or end), and enough others that a value shorter than a
     * trigram is checked on this mailbox's messages rather than looked up in the vocabulary.
     */
    private static void crowdTheVocabulary(SyncStoreResources resources) throws Exception {
        MailboxSession session = resources.getMailboxManager().createSystemSession(Username.of("crowd"));
        MailboxPath inbox = MailboxPath.inbox(session);
        resources.getMailboxManager().createMailbox(inbox, session);
        MessageManager mailbox = resources.getMailboxManager().getMailbox(inbox, session);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < WORDS.length; i += 2) {
            String word = WORDS[i].toLowerCase(Locale.ROOT);
            for (int n = 0; n < WordIndexMatching.WORDS_PER_MESSAGE * MESSAGES + 1; n++) {
                words.add(n % 2 == 0 ? word + n : n + word);
            }
        }
        for (int n = words.size(); n <= WordIndexMatching.VOCABULARY_FLOOR; n++) {
            words.add("q" + n);
        }
        for (int from = 0; from < words.size(); from += 500) {
            String body = String.join(" ", words.subList(from, Math.min(words.size(), from + 500)));
            mailbox.appendMessage(MessageManager.AppendCommand.builder()
                .build("Subject: crowd\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n"), session);
        }
        resources.awaitIndexed();
    }

    private static String word(Random random) {
        return WORDS[random.nextInt(WORDS.length)];
    }

    /**
     * A substring (1 to 5 characters) of a vocabulary word, or (one time in three) of two or three words with the
     * white space between them (up to 12 characters), in random case.
     */
    private static String fragment(Random random) {
        if (random.nextInt(3) == 0) {
            String words = word(random) + (random.nextBoolean() ? " " : "  ") + word(random)
                + (random.nextBoolean() ? " " + word(random) : "");
            int length = 1 + random.nextInt(Math.min(12, words.length()));
            int start = random.nextInt(words.length() - length + 1);
            String fragment = words.substring(start, start + length);
            return random.nextBoolean() ? fragment.toUpperCase(Locale.ROOT) : fragment;
        }
        String word = word(random);
        int length = 1 + random.nextInt(Math.min(5, word.length()));
        int start = random.nextInt(word.length() - length + 1);
        String fragment = word.substring(start, start + length);
        return random.nextBoolean() ? fragment.toUpperCase(Locale.ROOT) : fragment;
    }

    private static boolean containsFolded(String text, String value) {
        return text.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
    }

    private static final class Generated {
        String subject;
        String fromName;
        String fromAddress;
        String tag;
        String body;
        boolean encodedSubject;
        boolean base64Body;
        LocalDate sentDay;
        Instant internalDate;
        Flags flags;
        /** Folded lines of a field X-Pad (none when empty), first in the header: more text or new words than the index takes. */
        List<String> headerPadding = List.of();
        /** Text after the body's words: more text or new words than the index takes. */
        String bodyPadding = "";
        long uid;
        MessageId messageId;
        long size;

        static Generated random(Random random, int number) {
            Generated message = new Generated();
            switch (random.nextInt(12)) {
                case 0:
                    message.bodyPadding = newWords(number, SearchIndexRows.NEW_WORD_LIMIT + 100);
                    break;
                case 1:
                    message.bodyPadding = "lorem ipsum dolor sit amet ".repeat(SearchText.INDEXED_BODY_LIMIT / 25);
                    break;
                case 2:
                    message.headerPadding = inLinesOfTen(newWords(number, SearchIndexRows.NEW_WORD_LIMIT + 100));
                    break;
                case 3:
                    message.headerPadding = java.util.Collections.nCopies(SearchText.INDEXED_HEADER_LIMIT / 25, "lorem ipsum dolor sit");
                    break;
                default:
                    break;
            }
            message.subject = word(random) + " " + word(random);
            message.fromName = word(random);
            message.fromAddress = word(random).replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT) + "@example.org";
            message.tag = word(random);
            message.body = word(random) + " " + word(random) + " " + word(random);
            message.encodedSubject = random.nextBoolean();
            message.base64Body = random.nextBoolean();
            message.sentDay = FIRST_DAY.plusDays(random.nextInt(6));
            message.internalDate = FIRST_DAY.plusDays(random.nextInt(6)).atStartOfDay(ZoneOffset.UTC).toInstant()
                .plusSeconds(random.nextInt(86400));
            message.flags = new Flags();
            if (random.nextBoolean()) {
                message.flags.add(Flags.Flag.SEEN);
            }
            if (random.nextInt(3) == 0) {
                message.flags.add(Flags.Flag.FLAGGED);
            }
            if (random.nextInt(4) == 0) {
                message.flags.add(Flags.Flag.ANSWERED);
            }
            if (random.nextInt(3) == 0) {
                message.flags.add(KEYWORDS[random.nextInt(KEYWORDS.length)]);
            }
            return message;
        }

        /** Words no other message holds (base 36, so that short values find them too). */
        private static String newWords(int number, int count) {
            return java.util.stream.IntStream.range(0, count)
                .mapToObj(n -> "p" + number + "z" + Integer.toString(n * 7919, 36)).collect(Collectors.joining(" "));
        }

        private static List<String> inLinesOfTen(String words) {
            List<String> all = List.of(words.split(" "));
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < all.size(); i += 10) {
                lines.add(String.join(" ", all.subList(i, Math.min(all.size(), i + 10))));
            }
            return lines;
        }

        /** The body text, decoded: what BODY looks into. */
        String bodyText() {
            return bodyPadding.isEmpty() ? body : body + " " + bodyPadding;
        }

        String subjectField() {
            return encodedSubject
                ? "=?UTF-8?B?" + Base64.getEncoder().encodeToString(subject.getBytes(StandardCharsets.UTF_8)) + "?="
                : subject;
        }

        /** Header lines decoded: what TEXT looks into. */
        String headerText() {
            return (headerPadding.isEmpty() ? "" : "X-Pad: " + String.join(" ", headerPadding) + "\n") + String.join("\n", "Subject: " + subject,
                "From: " + fromName + " <" + fromAddress + ">", "X-Tag: " + tag, "Date: " + dateField(), "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: " + (base64Body ? "base64" : "8bit"), "MIME-Version: 1.0");
        }

        String fromField() {
            return fromName.chars().allMatch(c -> c < 128)
                ? fromName + " <" + fromAddress + ">"
                : "=?UTF-8?Q?" + qEncode(fromName) + "?= <" + fromAddress + ">";
        }

        String fromText() {
            return fromName + " <" + fromAddress + ">";
        }

        String dateField() {
            // 23:30 at -0800 is the next day in GMT: SENT* must use the day as written.
            return sentDay.getDayOfMonth() + " Mar " + sentDay.getYear() + " 23:30:00 -0800";
        }

        String content() {
            String bodyText = base64Body
                ? Base64.getMimeEncoder().encodeToString(bodyText().getBytes(StandardCharsets.UTF_8))
                : bodyText();
            return (headerPadding.isEmpty() ? "" : "X-Pad: " + String.join("\r\n ", headerPadding) + "\r\n")
                + "Subject: " + subjectField() + "\r\n"
                + "From: " + fromField() + "\r\n"
                + "X-Tag: " + tag + "\r\n"
                + "Date: " + dateField() + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: " + (base64Body ? "base64" : "8bit") + "\r\n"
                + "\r\n" + bodyText + "\r\n";
        }

        private static String qEncode(String text) {
            StringBuilder encoded = new StringBuilder();
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                encoded.append(Character.isLetterOrDigit(c) && c < 128 ? String.valueOf((char) c) : String.format("=%02X", c));
            }
            return encoded.toString();
        }
    }

    private static final class Expression {
        final Criterion criterion;
        final Predicate<Generated> matches;
        final String description;

        Expression(Criterion criterion, Predicate<Generated> matches, String description) {
            this.criterion = criterion;
            this.matches = matches;
            this.description = description;
        }

        static Expression random(Random random, int depth) {
            int kind = random.nextInt(depth > 0 ? 16 : 13);
            switch (kind) {
                case 0: {
                    String value = fragment(random);
                    return new Expression(SearchQuery.headerContains("Subject", value),
                        m -> containsFolded(m.subject, value), "SUBJECT " + value);
                }
                case 1: {
                    String value = fragment(random);
                    return new Expression(SearchQuery.bodyContains(value), m -> containsFolded(m.bodyText(), value), "BODY " + value);
                }
                case 2: {
                    String value = fragment(random);
                    return new Expression(SearchQuery.mailContains(value),
                        m -> containsFolded(m.bodyText(), value) || containsFolded(m.headerText(), value), "TEXT " + value);
                }
                case 3: {
                    String value = fragment(random);
                    return new Expression(SearchQuery.address(SearchQuery.AddressType.From, value),
                        m -> containsFolded(m.fromText(), value), "FROM " + value);
                }
                case 4: {
                    String value = fragment(random);
                    return new Expression(SearchQuery.headerContains("X-Tag", value), m -> containsFolded(m.tag, value),
                        "HEADER X-Tag " + value);
                }
                case 5: {
                    boolean set = random.nextBoolean();
                    return new Expression(set ? SearchQuery.flagIsSet(Flags.Flag.SEEN) : SearchQuery.flagIsUnSet(Flags.Flag.SEEN),
                        m -> m.flags.contains(Flags.Flag.SEEN) == set, set ? "SEEN" : "UNSEEN");
                }
                case 6: {
                    return new Expression(SearchQuery.flagIsSet(Flags.Flag.FLAGGED), m -> m.flags.contains(Flags.Flag.FLAGGED), "FLAGGED");
                }
                case 7: {
                    String keyword = KEYWORDS[random.nextInt(KEYWORDS.length)];
                    return new Expression(SearchQuery.flagIsSet(keyword), m -> m.flags.contains(keyword), "KEYWORD " + keyword);
                }
                case 8: {
                    long size = 150 + random.nextInt(150);
                    return random.nextBoolean()
                        ? new Expression(SearchQuery.sizeGreaterThan(size), m -> m.size > size, "LARGER " + size)
                        : new Expression(SearchQuery.sizeLessThan(size), m -> m.size < size, "SMALLER " + size);
                }
                case 9: {
                    LocalDate day = FIRST_DAY.plusDays(random.nextInt(7));
                    Date date = Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
                    int which = random.nextInt(3);
                    Predicate<Generated> test = m -> {
                        LocalDate internal = m.internalDate.atZone(ZoneOffset.UTC).toLocalDate();
                        return which == 0 ? internal.isBefore(day) : which == 1 ? internal.equals(day) : internal.isAfter(day);
                    };
                    Criterion criterion = which == 0 ? SearchQuery.internalDateBefore(date, SearchQuery.DateResolution.Day)
                        : which == 1 ? SearchQuery.internalDateOn(date, SearchQuery.DateResolution.Day)
                        : SearchQuery.internalDateAfter(date, SearchQuery.DateResolution.Day);
                    return new Expression(criterion, test, "internal date " + which + " " + day);
                }
                case 10: {
                    LocalDate day = FIRST_DAY.plusDays(random.nextInt(7));
                    Date date = Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
                    int which = random.nextInt(3);
                    Predicate<Generated> test = m -> which == 0 ? m.sentDay.isBefore(day)
                        : which == 1 ? m.sentDay.equals(day) : m.sentDay.isAfter(day);
                    Criterion criterion = which == 0 ? SearchQuery.headerDateBefore("Date", date, SearchQuery.DateResolution.Day)
                        : which == 1 ? SearchQuery.headerDateOn("Date", date, SearchQuery.DateResolution.Day)
                        : SearchQuery.headerDateAfter("Date", date, SearchQuery.DateResolution.Day);
                    return new Expression(criterion, test, "SENT " + which + " " + day);
                }
                case 11: {
                    long low = 1 + random.nextInt(MESSAGES);
                    long high = low + random.nextInt(20);
                    return new Expression(SearchQuery.uid(new SearchQuery.UidRange(MessageUid.of(low), MessageUid.of(high))),
                        m -> m.uid >= low && m.uid <= high, "UID " + low + ":" + high);
                }
                case 12: {
                    return new Expression(SearchQuery.headerExists("X-Tag"), m -> true, "HEADER X-Tag \"\"");
                }
                case 13: {
                    Expression inner = random(random, depth - 1);
                    return new Expression(SearchQuery.not(inner.criterion), inner.matches.negate(), "NOT (" + inner.description + ")");
                }
                case 14: {
                    Expression left = random(random, depth - 1);
                    Expression right = random(random, depth - 1);
                    return new Expression(SearchQuery.or(left.criterion, right.criterion), left.matches.or(right.matches),
                        "OR (" + left.description + ") (" + right.description + ")");
                }
                default: {
                    Expression left = random(random, depth - 1);
                    Expression right = random(random, depth - 1);
                    return new Expression(SearchQuery.and(left.criterion, right.criterion), left.matches.and(right.matches),
                        "(" + left.description + ") (" + right.description + ")");
                }
            }
        }
    }
}
