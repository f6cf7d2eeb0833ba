package io.syncstore.it.load;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * Varied, real-looking mail for the measurements of issue 12 at 100,000 messages: words drawn from a Zipf distribution
 * over a vocabulary of 40,000 (the commonest English words first, then invented ones), bodies from a few lines to a few
 * thousand, plain text, quoted-printable UTF-8 with accented words, multipart/alternative with an HTML part,
 * attachments in base64, replies in threads with quoted lines, 2,000 senders of unequal activity, dates over three
 * years mostly but not always in arrival order. Message n is the same for every server and run.
 *
 * <p>As a program it writes messages 1 to N to standard output, each as a 4-byte big-endian length and its bytes, for
 * the root project's test-scope {@code MailboxFill} (docs/benchmarks.md §8).</p>
 */
public final class VariedMail {
    static final int VOCABULARY = 40_000;
    private static final String[] ENGLISH = ("the of and to in is that for it as was with be by on not he this are or "
            + "his from at which but have an they you were her she there been one all we their has would when if so no "
            + "will more about can said up out them into some could time other than then only new its these two may "
            + "first any like now my such over also back after use our how well way even because good each those "
            + "people very most much before must through right too between down should state under while last "
            + "meeting budget report project quarter review schedule customer release invoice contract team please "
            + "thanks week today tomorrow call office update question attached draft plan numbers monday friday")
            .split(" ");
    private static final String[] ACCENTED = {"café", "Grüße", "naïve", "Ärger", "señor", "Zürich", "résumé", "für",
        "déjà", "Åsa", "Øresund", "crème", "Straße", "façade", "über"};
    private static final String CONSONANTS = "bcdfghklmnprstvz";
    private static final String VOWELS = "aeiou";
    private static final String[] FIRST = ("Anna Ben Carla David Emma Felix Grace Hugo Ines Jonas Karin Leo Maria Nils "
            + "Olga Paul Quinn Rosa Sam Tina Ugo Vera Walt Xenia Yann Zoe Amir Beatriz Chen Dmitri").split(" ");
    private static final String[] LAST = ("Adams Berg Costa Dubois Eriksen Fischer Garcia Hansen Ito Jensen Kowalski "
            + "Larsen Moreau Nakamura Olsen Petrov Quist Rossi Schmidt Tanaka Uhl Varga Weber Xu Young Zimmer Abe "
            + "Brandt Conti Dahl").split(" ");
    private static final String[] DOMAINS = {"example.org", "example.com", "mail.example.net", "corp.example"};
    private static final int SENDERS = 2_000;
    private static final long START = Instant.parse("2023-01-01T08:00:00Z").getEpochSecond();
    private static final long SPAN_SECONDS = 3L * 365 * 86_400;
    private static final int MESSAGES_OVER_SPAN = 100_000;
    private static final DateTimeFormatter RFC_5322 =
        DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.ofHours(1));
    private static final double[] WORD_WEIGHTS = cumulativeZipf(VOCABULARY, 1.0);
    private static final double[] SENDER_WEIGHTS = cumulativeZipf(SENDERS, 0.8);

    private VariedMail() {
    }

    public static void main(String[] args) throws Exception {
        int messages = Integer.parseInt(args[0]);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(System.out, 1 << 16))) {
            for (int n = 1; n <= messages; n++) {
                byte[] message = message(n);
                out.writeInt(message.length);
                out.write(message);
            }
        }
    }

    /** The word of this rank in the vocabulary (0 the commonest): English first, then invented words of syllables. */
    static String word(int rank) {
        if (rank < ENGLISH.length) {
            return ENGLISH[rank];
        }
        // three syllables of 80 (16 consonants × 5 vowels), the rank spread over all 80^3 by an odd multiplier prime to 5
        long x = (rank - ENGLISH.length) * 2_654_435_761L % (80 * 80 * 80);
        StringBuilder word = new StringBuilder(6);
        for (int syllable = 0; syllable < 3; syllable++, x /= 80) {
            word.append(CONSONANTS.charAt((int) (x % 80 / 5))).append(VOWELS.charAt((int) (x % 5)));
        }
        return word.toString();
    }

    static byte[] message(int n) {
        Random random = new Random(n * 0x9E3779B97F4A7C15L);
        int parent = parent(n);
        StringBuilder m = new StringBuilder(4096);
        int sender = draw(random, SENDER_WEIGHTS);
        m.append("Return-Path: <").append(address(sender)).append(">\r\n")
            .append("Message-ID: <").append(messageId(n)).append(">\r\n")
            .append("Date: ").append(RFC_5322.format(Instant.ofEpochSecond(date(n, random)))).append("\r\n")
            .append("From: ").append(name(sender)).append(" <").append(address(sender)).append(">\r\n")
            .append("To: ").append(name(draw(random, SENDER_WEIGHTS))).append(" <user@bench.test>\r\n");
        if (random.nextInt(4) == 0) {
            int cc = draw(random, SENDER_WEIGHTS);
            m.append("Cc: ").append(name(cc)).append(" <").append(address(cc)).append(">\r\n");
        }
        m.append("Subject: ").append(parent > 0 ? "Re: " : "").append(subject(parent > 0 ? root(n) : n)).append("\r\n");
        if (parent > 0) {
            m.append("In-Reply-To: <").append(messageId(parent)).append(">\r\n")
                .append("References:").append(references(parent)).append("\r\n");
        }
        if (random.nextInt(10) == 0) {
            m.append("List-Id: <list").append(sender % 20).append(".lists.example.org>\r\n");
        }
        m.append("MIME-Version: 1.0\r\n");
        int kind = random.nextInt(100);
        String text = text(random, lines(random), parent > 0);
        if (kind < 55) {
            m.append("Content-Type: text/plain; charset=us-ascii\r\n\r\n").append(text);
        } else if (kind < 70) {
            m.append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
                .append(quotedPrintable(withAccents(random, text)));
        } else if (kind < 90) {
            String boundary = "=_alt" + n;
            m.append("Content-Type: multipart/alternative; boundary=\"").append(boundary).append("\"\r\n\r\n")
                .append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
                .append(text)
                .append("--").append(boundary).append("\r\nContent-Type: text/html; charset=us-ascii\r\n\r\n")
                .append(html(text))
                .append("--").append(boundary).append("--\r\n");
        } else {
            String boundary = "=_mix" + n;
            m.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n")
                .append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
                .append(text)
                .append("--").append(boundary).append("\r\nContent-Type: application/pdf; name=\"").append(word(random
                    .nextInt(2000))).append(n).append(".pdf\"\r\nContent-Transfer-Encoding: base64\r\n")
                .append("Content-Disposition: attachment\r\n\r\n")
                .append(attachment(random))
                .append("--").append(boundary).append("--\r\n");
        }
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static double[] cumulativeZipf(int size, double exponent) {
        double[] cumulative = new double[size];
        double total = 0;
        for (int rank = 0; rank < size; rank++) {
            total += 1 / Math.pow(rank + 1, exponent);
            cumulative[rank] = total;
        }
        return cumulative;
    }

    private static int draw(Random random, double[] cumulative) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] < target) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Two in five messages reply to one of the 500 before them. */
    private static int parent(int n) {
        Random random = new Random(n * 31L + 7);
        return n > 1 && random.nextInt(5) < 2 ? n - 1 - random.nextInt(Math.min(n - 1, 500)) : 0;
    }

    private static int root(int n) {
        int root = n;
        for (int up = parent(n); up > 0; up = parent(up)) {
            root = up;
        }
        return root;
    }

    private static String references(int parent) {
        StringBuilder ids = new StringBuilder();
        int count = 0;
        for (int up = parent; up > 0 && count < 10; up = parent(up), count++) {
            ids.insert(0, " <" + messageId(up) + ">");
        }
        return ids.toString();
    }

    private static String subject(int n) {
        Random random = new Random(n * 131L + 3);
        StringBuilder subject = new StringBuilder();
        for (int i = 2 + random.nextInt(6); i > 0; i--) {
            subject.append(subject.length() == 0 ? "" : " ").append(word(draw(random, WORD_WEIGHTS)));
        }
        return subject.toString();
    }

    private static String messageId(int n) {
        return Integer.toString(n, 36) + ".varied@" + DOMAINS[n % DOMAINS.length];
    }

    private static String name(int person) {
        return FIRST[person % FIRST.length] + " " + LAST[person / FIRST.length % LAST.length];
    }

    private static String address(int person) {
        return (FIRST[person % FIRST.length] + "." + LAST[person / FIRST.length % LAST.length]).toLowerCase(Locale.ROOT)
            + (person >= FIRST.length * LAST.length ? Integer.toString(person / (FIRST.length * LAST.length)) : "")
            + "@" + DOMAINS[person % DOMAINS.length];
    }

    /** Mostly in arrival order over three years; one in twenty dated a day or more away from its neighbours. */
    private static long date(int n, Random random) {
        long date = START + n * (SPAN_SECONDS / MESSAGES_OVER_SPAN) + random.nextInt(7_200) - 3_600;
        return random.nextInt(20) == 0 ? date + (random.nextInt(20) - 10) * 86_400L : date;
    }

    /** Lines of a body: log-normal around 30, from 3 to 3,000. */
    private static int lines(Random random) {
        return (int) Math.max(3, Math.min(3_000, Math.round(Math.exp(Math.log(30) + random.nextGaussian()))));
    }

    private static String text(Random random, int lines, boolean reply) {
        StringBuilder text = new StringBuilder(lines * 72);
        for (int line = 0; line < lines; line++) {
            if (reply && line >= lines / 2 && line < lines / 2 + 4) {
                text.append("> ");
            }
            int end = text.length() + 50 + random.nextInt(20);
            while (text.length() < end) {
                text.append(word(draw(random, WORD_WEIGHTS))).append(' ');
            }
            text.setCharAt(text.length() - 1, random.nextInt(6) == 0 ? '.' : ' ');
            text.append("\r\n");
        }
        return text.toString();
    }

    private static String withAccents(Random random, String text) {
        StringBuilder accented = new StringBuilder(text.length() + 64);
        for (String line : text.split("\r\n")) {
            accented.append(line);
            if (random.nextInt(3) == 0) {
                accented.append(ACCENTED[random.nextInt(ACCENTED.length)]);
            }
            accented.append("\r\n");
        }
        return accented.toString();
    }

    /** RFC 2045 §6.7: bytes outside printable ASCII as =XX, lines of at most 76 with soft breaks. */
    private static String quotedPrintable(String text) {
        StringBuilder encoded = new StringBuilder(text.length() + text.length() / 8);
        for (String line : text.split("\r\n")) {
            int width = 0;
            for (byte b : line.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xFF;
                String piece = c >= 33 && c <= 126 && c != '=' || c == ' ' ? String.valueOf((char) c)
                    : String.format("=%02X", c);
                if (width + piece.length() > 75) {
                    encoded.append("=\r\n");
                    width = 0;
                }
                encoded.append(piece);
                width += piece.length();
            }
            encoded.append("\r\n");
        }
        return encoded.toString();
    }

    private static String html(String text) {
        StringBuilder html = new StringBuilder(text.length() + 256)
            .append("<html><head><meta charset=\"us-ascii\"></head><body>\r\n");
        for (String paragraph : text.split("\\.\r\n")) {
            html.append("<p>").append(paragraph.replace("\r\n", "<br>\r\n")).append("</p>\r\n");
        }
        return html.append("</body></html>\r\n").toString();
    }

    /** Random bytes in base64, log-normal around 40 KB, at most 200 KB. */
    private static String attachment(Random random) {
        int size = (int) Math.min(200_000, Math.round(Math.exp(Math.log(40_000) + random.nextGaussian() * 0.8)));
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return Base64.getMimeEncoder().encodeToString(bytes) + "\r\n";
    }
}
