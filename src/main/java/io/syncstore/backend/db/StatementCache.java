package io.syncstore.backend.db;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The writer connection with its prepared statements kept and reused: SQLite parses and plans a statement at every
 * prepare, which the single writer thread paid for each statement of each write. Callers keep their
 * prepare/close pairs; closing a kept statement only clears it. A statement still in use (the same SQL run inside a
 * loop over its own results) gets a fresh one, closed as usual. At most {@link #SIZE} statements are kept.
 */
final class StatementCache {
    private static final int SIZE = 256;

    private final Connection connection;
    private final Map<String, Kept> kept = new LinkedHashMap<>(SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
            if (size() > SIZE && !eldest.getValue().inUse) {
                closeQuietly(eldest.getValue().statement);
                return true;
            }
            return false;
        }
    };

    private StatementCache(Connection connection) {
        this.connection = connection;
    }

    static Connection wrap(Connection connection) {
        StatementCache cache = new StatementCache(connection);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
            (proxy, method, args) -> cache.onConnection(method, args));
    }

    private synchronized Object onConnection(Method method, Object[] args) throws Throwable {
        if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
            return prepare((String) args[0]);
        }
        if (method.getName().equals("close")) {
            kept.values().forEach(entry -> closeQuietly(entry.statement));
            kept.clear();
        }
        return invoke(connection, method, args);
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        Kept entry = kept.get(sql);
        if (entry == null) {
            entry = new Kept(connection.prepareStatement(sql));
            kept.put(sql, entry);
        } else if (entry.inUse) {
            return connection.prepareStatement(sql);
        }
        entry.inUse = true;
        return entry.proxy;
    }

    private final class Kept {
        private final PreparedStatement statement;
        private final PreparedStatement proxy;
        private boolean inUse;

        private Kept(PreparedStatement statement) {
            this.statement = statement;
            this.proxy = (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (self, method, args) -> onStatement(method, args));
        }

        private Object onStatement(Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    release();
                    return null;
                case "isClosed":
                    return !inUse;
                default:
                    return invoke(statement, method, args);
            }
        }

        private void release() throws SQLException {
            synchronized (StatementCache.this) {
                if (inUse) {
                    statement.clearParameters();
                    statement.clearBatch();
                    inUse = false;
                }
            }
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // closing a statement we no longer keep: nothing to recover
        }
    }
}
