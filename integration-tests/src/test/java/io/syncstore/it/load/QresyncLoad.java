package io.syncstore.it.load;

/**
 * Hook for the QRESYNC resynchronisation workload, to be written once the server has QRESYNC: e.g. sessions that
 * ENABLE QRESYNC, remember UIDVALIDITY and HIGHESTMODSEQ, go away while a writer changes flags and expunges, then
 * SELECT INBOX (QRESYNC (uidvalidity modseq)) and are timed until they have the VANISHED and FETCH responses.
 */
final class QresyncLoad {
    private QresyncLoad() {
    }

    static void run(LoadDriver driver) {
        throw new UnsupportedOperationException("QRESYNC workload not written yet: see QresyncLoad");
    }
}
