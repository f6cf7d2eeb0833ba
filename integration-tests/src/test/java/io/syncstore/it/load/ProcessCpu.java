package io.syncstore.it.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of a server's process tree, from /proc/PID/stat. For every live process under the root (the root
 * included): utime + stime + cutime + cstime. cutime/cstime hold the CPU of the children a process has waited for,
 * which took their own waited-for children's CPU with them, so every process that ran under the root since its
 * start is counted exactly once: a live one by its utime/stime, an ended one in its waiting parent's cutime/cstime.
 * (Dovecot's master forks one imap process per connection and reaps them; a JVM is one process.) A child that has
 * ended but not yet been reaped is missed for that moment; its CPU shows at the next reading.
 */
final class ProcessCpu {
    private static final double TICKS_PER_SECOND = 100.0; // CLK_TCK on Linux/x86-64

    private ProcessCpu() {
    }

    /** Milliseconds of CPU of the tree under pid, or NaN if pid is 0 (not measured). */
    static double treeMillis(long root) {
        if (root <= 0) {
            return Double.NaN;
        }
        Map<Long, List<Long>> children = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    // fields after the command, which is in parentheses and may contain spaces
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(p.getFileName().toString());
                    long ppid = Long.parseLong(f[1]);
                    long cpu = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    children.computeIfAbsent(ppid, k -> new ArrayList<>()).add(pid);
                    ticks.put(pid, cpu);
                } catch (IOException | RuntimeException ended) {
                    // the process ended while we listed /proc
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        long total = 0;
        List<Long> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            long pid = pending.remove(pending.size() - 1);
            total += ticks.getOrDefault(pid, 0L);
            pending.addAll(children.getOrDefault(pid, List.of()));
        }
        return total * 1000.0 / TICKS_PER_SECOND;
    }
}
