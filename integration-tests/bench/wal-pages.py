"""Names the pages a run of SQLite commits wrote, from a trace of the server's writes.

usage: wal-pages.py TRACE PAGEMAP OPERATIONS

TRACE: `strace -f -y -xx -s 4 -e trace=pwrite64,fsync,fdatasync` of the server. SQLite writes each WAL frame in two
pwrites (its 24-byte header, whose first 4 bytes are the page number, then the page), a checkpoint page at its offset
in the database file, and a spilled statement journal (the rollback copies of a savepoint) into a deleted temporary
file named etilqs_*. PAGEMAP: `name|pageno` lines, dbstat's (`SELECT name, pageno FROM dbstat`), taken after the run.
Prints, per operation, the WAL frames and checkpoint writes of each table and index, and the other writes by file.
"""
import collections
import re
import sys

PAGE = 4096
WRITE = re.compile(r'pwrite64\(\d+<([^>]*)>[^,]*, "((?:\\x[0-9a-f]{2})*)"(?:\.\.\.)?, (\d+), (\d+)')
SYNC = re.compile(r'f(?:data)?sync\(\d+<([^>]*)>')


def octets(escaped):
    return bytes(int(h, 16) for h in escaped.split("\\x")[1:])


def text(escaped):
    return octets(escaped).decode()


def main(trace, page_map, operations):
    names = {}
    for line in open(page_map):
        name, page = line.rstrip("\n").rsplit("|", 1)
        names[int(page)] = name
    frames, checkpoint, other, syncs = (collections.Counter() for _ in range(4))
    for line in open(trace):
        sync = SYNC.search(line)
        if sync:
            syncs[text(sync.group(1)).rsplit("/", 1)[-1]] += 1
            continue
        write = WRITE.search(line)
        if not write:
            continue
        path, head, size, offset = text(write.group(1)), octets(write.group(2)), int(write.group(3)), int(write.group(4))
        if path.endswith("-wal") and size == 24:
            page = int.from_bytes(head[:4], "big")
            frames[names.get(page, "(page %d, freed since)" % page)] += 1
        elif path.endswith("-wal"):
            if size != PAGE:  # the page of a frame is counted with its header
                other["WAL file header"] += 1
        elif path.endswith(".db") and size == PAGE:
            checkpoint[names.get(offset // PAGE + 1, "(a page added since)")] += 1
        else:
            other[re.sub(r"etilqs_\w+", "etilqs_*", path)] += 1
    per = float(operations)
    print("fsyncs per operation: " + ", ".join("%s %.2f" % (f, n / per) for f, n in syncs.most_common()))
    print("WAL frames per operation %.1f, checkpoint page writes %.1f" % (sum(frames.values()) / per, sum(checkpoint.values()) / per))
    print("other pwrites per operation: " + ", ".join("%s %.1f" % (f, n / per) for f, n in other.most_common()))
    print("%-45s %8s %10s" % ("table or index", "frames", "checkpoint"))
    for name in sorted(set(frames) | set(checkpoint), key=lambda k: -(frames[k] + checkpoint[k])):
        print("%-45s %8.2f %10.2f" % (name, frames[name] / per, checkpoint[name] / per))


if __name__ == "__main__":
    main(*sys.argv[1:4])
