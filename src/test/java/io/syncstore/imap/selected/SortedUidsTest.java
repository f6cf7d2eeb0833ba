package io.syncstore.imap.selected;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class SortedUidsTest {
    @Test
    void keepsTheSameUidsInTheSameOrderAsASortedSetWhateverTheOrderOfChanges() {
        Random random = new Random(17);
        SortedUids uids = new SortedUids();
        TreeSet<Long> expected = new TreeSet<>();
        for (int step = 0; step < 20_000; step++) {
            long uid = 1 + random.nextInt(300);
            switch (random.nextInt(5)) {
                case 0:
                case 1:
                    assertThat(uids.add(uid)).isEqualTo(expected.add(uid));
                    break;
                case 2:
                    assertThat(uids.remove(uid)).isEqualTo(expected.remove(uid));
                    break;
                case 3:
                    long divisor = 2 + random.nextInt(7);
                    uids.removeIf(known -> known % divisor == 0);
                    expected.removeIf(known -> known % divisor == 0);
                    break;
                default:
                    assertThat(uids.contains(uid)).isEqualTo(expected.contains(uid));
            }
            assertThat(uids.size()).isEqualTo(expected.size());
        }
        assertThat(uids.toArray()).containsExactly(expected.stream().mapToLong(Long::longValue).toArray());
    }

    @Test
    void uidsAddedPastTheLastAreKeptInOrder() {
        SortedUids uids = new SortedUids();
        uids.add(4_000_000_000L);
        uids.add(4_000_000_001L);
        uids.add(7);

        assertThat(uids.toArray()).containsExactly(7, 4_000_000_000L, 4_000_000_001L);
        assertThat(uids.get(0)).isEqualTo(7);
    }
}
