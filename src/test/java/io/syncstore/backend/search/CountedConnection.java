package io.syncstore.backend.search;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** A connection that counts the queries run on it, the rows they return, and the queries of one SQL text. */
final class CountedConnection {
    private final String counted;
    int queries;
    long rows;
    /** Queries of the SQL text given. */
    int queriesOfText;

    CountedConnection() {
        this("");
    }

    CountedConnection(String sql) {
        this.counted = sql;
    }

    Connection around(Connection connection) {
        return proxy(Connection.class, connection, (method, arguments, result) -> {
            if (result instanceof PreparedStatement) {
                boolean ofText = !counted.isEmpty() && counted.equals(arguments[0]);
                return proxy(PreparedStatement.class, result, (statementMethod, statementArguments, statementResult) -> {
                    if (statementResult instanceof ResultSet) {
                        queries++;
                        queriesOfText += ofText ? 1 : 0;
                        return proxy(ResultSet.class, statementResult, (rowMethod, rowArguments, rowResult) -> {
                            if (rowMethod.equals("next") && Boolean.TRUE.equals(rowResult)) {
                                rows++;
                            }
                            return rowResult;
                        });
                    }
                    return statementResult;
                });
            }
            return result;
        });
    }

    private interface Wrapper {
        Object wrap(String method, Object[] arguments, Object result);
    }

    private static <T> T proxy(Class<T> type, Object target, Wrapper wrapper) {
        InvocationHandler handler = (self, method, arguments) -> {
            try {
                return wrapper.wrap(method.getName(), arguments, method.invoke(target, arguments));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(CountedConnection.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
