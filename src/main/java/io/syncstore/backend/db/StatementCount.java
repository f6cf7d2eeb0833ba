package io.syncstore.backend.db;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A measuring seam, off unless the system property {@value #PROPERTY} names a file: counts every SQL statement the
 * store runs, by who asked for it (the code that called {@link Database#read} or {@link Database#write}, and the
 * event listener or IMAP processor above it) and by its text, with the CPU time its executions took (the driver's
 * call that runs it, not the binding of parameters or the reading of further rows), and rewrites the file with the
 * running totals every second (count, microseconds of CPU, who, text). The benchmark {@code append-writes.sh} takes
 * two snapshots and subtracts them.
 */
final class StatementCount {
    static final String PROPERTY = "syncstore.sql.count";

    private static final Optional<StatementCount> INSTANCE = Optional.ofNullable(System.getProperty(PROPERTY))
        .map(file -> new StatementCount(Paths.get(file)));
    private static final StackWalker WALKER = StackWalker.getInstance();
    /** A statement's time is the CPU its thread spent running it, which a loaded machine stretches less than wall time. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Pattern IGNORED = Pattern.compile(
        "io\\.syncstore\\.backend\\.db\\.|io\\.syncstore\\.reactive\\.|java\\.|jdk\\.|sun\\.|reactor\\.|scala\\.");

    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
    private final ThreadLocal<String> caller = new ThreadLocal<>();

    private StatementCount(Path file) {
        Thread dumper = new Thread(() -> dumpEverySecond(file), "syncstore-sql-count");
        dumper.setDaemon(true);
        dumper.start();
    }

    /** The work, counting the statements it runs under the name of the code that asks for it now. */
    static <T> SqlWork<T> counted(String kind, SqlWork<T> work) {
        return INSTANCE.<SqlWork<T>>map(count -> count.attribute(kind + "\t" + callerName(), work)).orElse(work);
    }

    private <T> SqlWork<T> attribute(String name, SqlWork<T> work) {
        return connection -> {
            if (caller.get() != null) {
                return work.run(connection);
            }
            caller.set(name);
            try {
                return work.run(wrap(connection, Connection.class));
            } finally {
                caller.remove();
            }
        };
    }

    private static String callerName() {
        return WALKER.walk(frames -> {
            var outside = frames.filter(frame -> !IGNORED.matcher(frame.getClassName()).lookingAt())
                .collect(Collectors.toList());
            String first = outside.isEmpty() ? "?" : describe(outside.get(0));
            String owner = outside.stream().map(StatementCount::describe)
                .filter(name -> name.matches(".*(Listener|Updater|Notifier|Checker|Processor|Storer|Upkeep)[.$].*"))
                .findFirst().orElse("-");
            return owner + "\t" + first;
        });
    }

    private static String describe(StackWalker.StackFrame frame) {
        String className = frame.getClassName();
        return className.substring(className.lastIndexOf('.') + 1) + "." + frame.getMethodName();
    }

    @SuppressWarnings("unchecked")
    private <T> T wrap(T target, Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
            (proxy, method, args) -> onCall(target, method, args));
    }

    private Object onCall(Object target, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        boolean executes = name.startsWith("execute") && args != null && args.length > 0 && args[0] instanceof String;
        long started = executes ? THREADS.getCurrentThreadCpuTime() : 0;
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            if (executes) {
                count((String) args[0], THREADS.getCurrentThreadCpuTime() - started);
            }
        }
        if (name.equals("prepareStatement") && result instanceof Statement) {
            return preparedProxy((java.sql.PreparedStatement) result, (String) args[0]);
        }
        if (name.equals("createStatement") && result instanceof Statement) {
            return wrap((Statement) result, Statement.class);
        }
        return result;
    }

    private java.sql.PreparedStatement preparedProxy(java.sql.PreparedStatement statement, String sql) {
        return (java.sql.PreparedStatement) Proxy.newProxyInstance(java.sql.PreparedStatement.class.getClassLoader(),
            new Class<?>[] {java.sql.PreparedStatement.class}, (proxy, method, args) -> {
                String name = method.getName();
                boolean batch = name.equals("executeBatch");
                boolean once = name.startsWith("execute") && !batch && (args == null || args.length == 0);
                if (name.equals("addBatch")) {
                    count(sql, 0);
                }
                long started = once || batch ? THREADS.getCurrentThreadCpuTime() : 0;
                try {
                    return method.invoke(statement, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                } finally {
                    if (once) {
                        count(sql, THREADS.getCurrentThreadCpuTime() - started);
                    } else if (batch) {
                        // each row was counted at addBatch; the batch's time goes to the same statement
                        time(sql, THREADS.getCurrentThreadCpuTime() - started);
                    }
                }
            });
    }

    private void count(String sql, long tookNanos) {
        Tally tally = tallyOf(sql);
        tally.count.increment();
        tally.nanos.add(tookNanos);
    }

    private void time(String sql, long tookNanos) {
        tallyOf(sql).nanos.add(tookNanos);
    }

    private Tally tallyOf(String sql) {
        String key = caller.get() + "\t" + sql.replaceAll("\\s+", " ").trim();
        return tallies.computeIfAbsent(key, any -> new Tally());
    }

    private static final class Tally {
        private final LongAdder count = new LongAdder();
        private final LongAdder nanos = new LongAdder();
    }

    private void dumpEverySecond(Path file) {
        while (true) {
            try {
                Thread.sleep(1000);
                String text = tallies.entrySet().stream()
                    .map(entry -> entry.getValue().count.sum() + "\t" + entry.getValue().nanos.sum() / 1000 + "\t" + entry.getKey())
                    .sorted()
                    .collect(Collectors.joining("\n", "", "\n"));
                Path next = file.resolveSibling(file.getFileName() + ".next");
                Files.writeString(next, text);
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // a measuring seam: the next second tries again
            }
        }
    }
}
