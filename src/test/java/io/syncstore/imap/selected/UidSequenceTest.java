package io.syncstore.imap.selected;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** {@link UidSequence} against a sorted set of UIDs, after every random add and remove. */
class UidSequenceTest {
    @Test
    void agreesWithASortedSetOfUids() {
        for (long seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            TreeSet<Long> model = new TreeSet<>();
            long next = 1;
            for (long uid = 1; uid <= random.nextInt(30); uid++) {
                if (random.nextInt(3) > 0) {
                    model.add(uid);
                }
                next = uid + 1;
            }
            UidSequence sequence = UidSequence.ofRanges(UidRanges.runs(model.stream().mapToLong(Long::longValue).toArray()));
            for (int step = 0; step < 200; step++) {
                int kind = random.nextInt(4);
                if (kind == 0) {
                    sequence.add(next);
                    model.add(next);
                    next += 1 + random.nextInt(2);
                } else if (kind == 1) {
                    long uid = 1 + random.nextInt((int) next);
                    sequence.add(uid);
                    model.add(uid);
                } else {
                    long uid = 1 + random.nextInt((int) next);
                    List<Long> before = new ArrayList<>(model);
                    int expected = before.indexOf(uid) + 1;
                    assertThat(sequence.remove(uid)).as("seed %d step %d remove %d", seed, step, uid).isEqualTo(expected);
                    model.remove(uid);
                }
                check(sequence, model, "seed " + seed + " step " + step);
            }
        }
    }

    @Test
    void aMailboxWithoutGapsTakesOneRun() {
        UidSequence sequence = UidSequence.ofRanges(new long[] {1, 100_000});
        assertThat(sequence.count()).isEqualTo(100_000);
        assertThat(sequence.msn(54_321)).isEqualTo(54_321);
        assertThat(sequence.uid(100_000)).isEqualTo(100_000);
        assertThat(sequence.footprint()).isLessThan(100);
    }

    @Test
    void aCursorFindsUidsAboveTwoToTheThirtyFirst() {
        long high = 1L << 31;
        UidSequence sequence = UidSequence.ofRanges(new long[] {1, 3, high - 1, high + 1, 4_294_967_294L, 4_294_967_295L});
        UidSequence.Cursor cursor = sequence.cursor(2);

        assertThat(cursor.msn(2)).isEqualTo(2);
        assertThat(cursor.msn(4)).isZero();
        assertThat(cursor.msn(high - 1)).isEqualTo(4);
        assertThat(cursor.msn(high + 1)).isEqualTo(6);
        assertThat(cursor.msn(high + 2)).isZero();
        assertThat(cursor.msn(4_294_967_295L)).isEqualTo(8);
        assertThat(cursor.msn(4_294_967_296L)).isZero();
    }

    @Test
    void aCursorOverAnEmptySequenceFindsNothing() {
        assertThat(new UidSequence().cursor(1).msn(1)).isZero();
    }

    private static void check(UidSequence sequence, TreeSet<Long> model, String where) {
        for (long from : new long[] {0, sequence.lastUid() / 2, sequence.lastUid() + 1}) {
            UidSequence.Cursor cursor = sequence.cursor(from);
            for (long uid = from; uid <= sequence.lastUid() + 2; uid += 1 + uid % 2) {
                assertThat(cursor.msn(uid)).as(where + " cursor from " + from + " at " + uid).isEqualTo(sequence.msn(uid));
            }
        }
        List<Long> uids = new ArrayList<>(model);
        assertThat(sequence.count()).as(where).isEqualTo(uids.size());
        for (int i = 0; i < uids.size(); i++) {
            assertThat(sequence.uid(i + 1)).as(where + " uid(" + (i + 1) + ")").isEqualTo(uids.get(i));
            assertThat(sequence.msn(uids.get(i))).as(where + " msn(" + uids.get(i) + ")").isEqualTo(i + 1);
        }
        assertThat(sequence.uid(uids.size() + 1)).isZero();
        assertThat(sequence.uids()).as(where + " uids()").containsExactly(uids.stream().mapToLong(Long::longValue).toArray());
        assertThat(sequence.firstUid()).isEqualTo(uids.isEmpty() ? 0 : uids.get(0));
        assertThat(sequence.lastUid()).isEqualTo(uids.isEmpty() ? 0 : uids.get(uids.size() - 1));
    }
}
