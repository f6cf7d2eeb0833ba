import java.io.File;
import java.sql.*;
import java.util.*;

/**
 * Pages one commit writes to SQLite's WAL for the text index alone, counted (not timed): the index of migration V18
 * (FTS5 trigram, detail=full) against V21's word index (v21: words + vocabulary + its trigrams; v21b without the
 * vocabulary's trigrams; v21a the words only). The schemas and the cutting into words repeat V18/V21 and IndexTerms;
 * the messages are SearchIndexSizeBenchmark's shape with a body of BODY_BYTES. Writes a database under /tmp.
 *
 *   java -cp sqlite-jdbc-3.50.3.0.jar integration-tests/bench/SearchIndexPageWrites.java v18|v21|v21a|v21b BODY_BYTES
 */
public class SearchIndexPageWrites {
    static final String[] WORDS = ("the of and to in is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all we their has would when if so no will more about can said up out them into some could time other than then only new its these two may first any like now my such over also back after use our how well way even because good each those people very most much before must through right too between down should state under while last meeting budget report project quarter review schedule customer release invoice contract").split(" ");
    public static void main(String[] a) throws Exception {
        String form = a[0]; int bodyBytes = Integer.parseInt(a[1]); int n = 1000, warm = 1000;
        File db = new File(System.getProperty("java.io.tmpdir"), "index-pages-" + form + bodyBytes + ".db"); db.delete(); new File(db + "-wal").delete(); new File(db + "-shm").delete();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL"); s.execute("PRAGMA wal_autocheckpoint=0");
            if (form.equals("v18")) {
                s.execute("CREATE VIRTUAL TABLE message_text USING fts5(headers, body, hdr_subject, hdr_from, hdr_to, hdr_cc, hdr_bcc, content='', contentless_delete=1, tokenize='trigram case_sensitive 0')");
            } else {
                s.execute("CREATE VIRTUAL TABLE message_text USING fts5(terms, content='', contentless_delete=1, detail=none, tokenize='ascii')");
                s.execute("CREATE TABLE search_term (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE)");
                if (form.equals("v21")) s.execute("CREATE VIRTUAL TABLE search_term_trigrams USING fts5(term, content='', detail=none, columnsize=0, tokenize='trigram case_sensitive 1')");
                if (form.equals("v21")) s.execute("CREATE TRIGGER search_term_added AFTER INSERT ON search_term BEGIN INSERT INTO search_term_trigrams (rowid, term) VALUES (NEW.id, NEW.term); END");
            }
            c.setAutoCommit(false);
            Random r = new Random(42); long frames = 0;
            for (int id = 1; id <= warm + n; id++) {
                String[] m = message(r, id, bodyBytes);
                long before = new File(db + "-wal").length();
                if (form.equals("v18")) {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO message_text (rowid, headers, body, hdr_subject, hdr_from, hdr_to, hdr_cc, hdr_bcc) VALUES (?,?,?,?,?,?,?,?)")) {
                        p.setLong(1, id); for (int i = 0; i < 5; i++) p.setString(i + 2, m[i]); p.setString(7, ""); p.setString(8, ""); p.executeUpdate();
                    }
                } else {
                    StringBuilder doc = new StringBuilder(); Set<String> all = new LinkedHashSet<>(); String tags = "hbsft";
                    for (int col = 0; col < 5; col++) {
                        Set<String> words = new LinkedHashSet<>(Arrays.asList(m[col].trim().split("\\s+")));
                        for (String w : words) { if (w.isEmpty()) continue; doc.append(tags.charAt(col)); for (char ch : w.toCharArray()) doc.append(ch < 128 && !Character.isLetterOrDigit(ch) ? (char) (0xE000 + ch) : ch); doc.append(' '); all.add(w); }
                    }
                    if (!form.equals("v21a")) try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO search_term (term) SELECT value FROM json_each(?)")) {
                        StringBuilder json = new StringBuilder("[");
                        for (String w : all) { if (json.length() > 1) json.append(','); json.append('"').append(w.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'); }
                        p.setString(1, json.append(']').toString()); p.executeUpdate();
                    }
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO message_text (rowid, terms) VALUES (?, ?)")) { p.setLong(1, id); p.setString(2, doc.toString()); p.executeUpdate(); }
                }
                c.commit();
                if (id > warm) frames += (new File(db + "-wal").length() - before) / (4096 + 24);
            }
            System.out.printf("%s body %d B: %.1f WAL pages per commit (the index alone)%n", form, bodyBytes, (double) frames / n);
        }
        for (String suffix : new String[] {"", "-wal", "-shm"}) new File(db + suffix).delete();
    }
    static String words(Random r, int count) { StringBuilder b = new StringBuilder(); for (int i = 0; i < count; i++) b.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]); return b.toString(); }
    static String[] message(Random r, int id, int bodyBytes) {
        int sender = id % 97; String subject = words(r, 3 + r.nextInt(5)) + " #" + id;
        String headers = "\nreturn-path: <sender" + sender + "@example.org>\nmessage-id: <" + Integer.toString(id * 7919, 36) + "." + id + "@load.example.org>\ndate: fri, 27 nov 2026 12:" + (id % 60) + ":" + ((id / 60) % 60) + " +0000\nfrom: sender " + sender + " <sender" + sender + "@example.org>\nto: recipient <user@bench.test>\nsubject: " + subject + "\nmime-version: 1.0\ncontent-type: text/plain; charset=us-ascii\n";
        StringBuilder body = new StringBuilder(); while (body.length() < bodyBytes) body.append(words(r, 10 + r.nextInt(3))).append("\r\n");
        String from = "sender " + sender + " <sender" + sender + "@example.org>\nsender " + sender + " <sender" + sender + "@example.org>\n";
        return new String[] {headers, body.toString(), subject + "\n", from, "recipient <user@bench.test>\nrecipient <user@bench.test>\n"};
    }
}
