import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * WAL frames one commit writes for two shapes of an APPEND's write, counted from the WAL's growth (no checkpoint):
 *
 *   fts5: the word index of V21 alone (contentless, detail=none) with FTS5's merge settings varied, 300 one-row
 *         commits after 1,000; also the time of a one-word MATCH, since fewer merges leave more segments to read.
 *   sorting: a table shaped like `message` with V20's partial index on unfilled sorting columns, 900 one-row commits
 *         after 900: the row inserted and then its sorting columns set by an UPDATE, against one INSERT.
 *
 *   java -cp sqlite-jdbc-3.50.3.0.jar integration-tests/bench/WriteShapeFrames.java fts5|sorting
 */
public class WriteShapeFrames {
    private static final int FRAME = 4096 + 24;

    public static void main(String[] args) throws Exception {
        if (args[0].equals("fts5")) {
            for (String setting : new String[] {"", "automerge=0", "automerge=8", "automerge=16", "crisismerge=64"}) {
                fts5("content='', contentless_delete=1, detail=none, tokenize='ascii'", setting);
            }
            fts5("content='', contentless_delete=1, detail=none, columnsize=0, tokenize='ascii'", "");
            fts5("content='', detail=none, columnsize=0, tokenize='ascii'", "");
        } else {
            sorting(true);
            sorting(false);
        }
    }

    private static void fts5(String options, String setting) throws Exception {
        Path folder = Files.createTempDirectory("fts5-frames");
        try (Connection db = open(folder)) {
            try (Statement statement = db.createStatement()) {
                statement.execute("CREATE VIRTUAL TABLE t USING fts5(terms, " + options + ")");
                if (!setting.isEmpty()) {
                    String[] nameValue = setting.split("=");
                    statement.execute("INSERT INTO t (t, rank) VALUES ('" + nameValue[0] + "', " + nameValue[1] + ")");
                }
            } catch (SQLException e) {
                System.out.printf("%-75s %-15s refused: %s%n", options, setting, e.getMessage());
                return;
            }
            PreparedStatement insert = db.prepareStatement("INSERT INTO t (rowid, terms) VALUES (?, ?)");
            double frames = frames(db, folder, 1000, 300, i -> {
                insert.setInt(1, i);
                insert.setString(2, terms(i));
                insert.execute();
            });
            long started = System.nanoTime();
            try (Statement statement = db.createStatement()) {
                for (int q = 0; q < 200; q++) {
                    statement.executeQuery("SELECT count(*) FROM t WHERE t MATCH 'blook'").close();
                }
            }
            System.out.printf("%-75s %-15s frames per commit %.2f, MATCH %.2f ms%n", options, setting, frames,
                (System.nanoTime() - started) / 1e6 / 200);
        }
    }

    private static void sorting(boolean insertThenUpdate) throws Exception {
        Path folder = Files.createTempDirectory("sorting-frames");
        try (Connection db = open(folder)) {
            try (Statement statement = db.createStatement()) {
                statement.execute("CREATE TABLE m (id INTEGER PRIMARY KEY, header TEXT, sort_subject TEXT, sort_references TEXT)");
                statement.execute("CREATE INDEX m_unfilled ON m (id) WHERE sort_subject IS NULL");
            }
            PreparedStatement insert = db.prepareStatement("INSERT INTO m (id, header, sort_subject, sort_references) VALUES (?, ?, ?, ?)");
            PreparedStatement update = db.prepareStatement("UPDATE m SET sort_subject = ?, sort_references = ? WHERE id = ?");
            String header = "h".repeat(850), subject = "message subject", references = "r".repeat(250);
            double frames = frames(db, folder, 900, 900, i -> {
                insert.setInt(1, i);
                insert.setString(2, header);
                if (insertThenUpdate) {
                    insert.setNull(3, Types.VARCHAR);
                    insert.setNull(4, Types.VARCHAR);
                    insert.execute();
                    update.setString(1, subject);
                    update.setString(2, references);
                    update.setInt(3, i);
                    update.execute();
                } else {
                    insert.setString(3, subject);
                    insert.setString(4, references);
                    insert.execute();
                }
            });
            System.out.printf("%s: frames per commit %.2f%n", insertThenUpdate ? "INSERT then UPDATE" : "one INSERT", frames);
        }
    }

    interface Write {
        void run(int i) throws SQLException;
    }

    /** Commits warm-up writes, empties the WAL, then returns the frames per commit of the next ones. */
    private static double frames(Connection db, Path folder, int warmUp, int counted, Write write) throws Exception {
        for (int i = 1; i <= warmUp + counted; i++) {
            if (i == warmUp + 1) {
                pragma(db, "PRAGMA wal_checkpoint(TRUNCATE)");
            }
            db.setAutoCommit(false);
            write.run(i);
            db.commit();
            db.setAutoCommit(true);
        }
        return (Files.size(folder.resolve("t.db-wal")) - 32) / (double) FRAME / counted;
    }

    private static Connection open(Path folder) throws SQLException {
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("t.db"));
        pragma(db, "PRAGMA journal_mode=WAL");
        pragma(db, "PRAGMA wal_autocheckpoint=0");
        return db;
    }

    private static void pragma(Connection db, String pragma) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet ignored = statement.executeQuery(pragma)) {
            // a pragma's answer row, closed so that the next commit is not refused
        }
    }

    /** The words of a 3 KB bench message as IndexTerms tags them, two of them new in every message. */
    private static String terms(int n) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            words.append("bline b").append(i).append(' ');
        }
        return words.append("bof ba bplain btext bmessage blong benough bto blook blike bmail ssubject smessage s").append(n)
            .append(" fsender@bench.test twriter@bench.test hmessage-id h<").append(n).append("@bench.test> hdate hsun h2026")
            .toString();
    }
}
