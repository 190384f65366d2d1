package dev.ssemonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** The ring-backed row list holds what a plain list would, and its changes rebuild it exactly for a listener. */
class RingListTest {
    @Test
    void appendsAndFrontRemovalsMatchAPlainListAndTheirChangesReplayExactly() {
        RingList<Integer> ring = new RingList<>();
        List<Integer> plain = new ArrayList<>();
        List<Integer> replayed = new ArrayList<>(); // what a listener that follows the changes sees
        int[] changes = {0};
        ring.addListener((ListChangeListener<Integer>) c -> {
            changes[0]++;
            while (c.next()) {
                replayed.subList(c.getFrom(), c.getFrom() + c.getRemovedSize()).clear();
                if (c.wasAdded()) replayed.addAll(c.getFrom(), c.getAddedSubList());
            }
        });
        Random random = new Random(3);
        int next = 0;
        for (int step = 0; step < 2000; step++) {
            int op = random.nextInt(10);
            int before = changes[0];
            if (op < 6) {
                List<Integer> batch = new ArrayList<>();
                for (int k = random.nextInt(300); k > 0; k--) batch.add(next++);
                ring.append(batch);
                plain.addAll(batch);
                assertThat(changes[0] - before).isEqualTo(batch.isEmpty() ? 0 : 1);
            } else if (op < 9) {
                int n = plain.isEmpty() ? 0 : random.nextInt(plain.size() + 1);
                ring.removeFirst(n);
                plain.subList(0, n).clear();
                assertThat(changes[0] - before).isEqualTo(n == 0 ? 0 : 1);
            } else {
                List<Integer> all = new ArrayList<>();
                for (int k = random.nextInt(50); k > 0; k--) all.add(next++);
                ring.replaceAll(all);
                plain.clear();
                plain.addAll(all);
            }
            assertThat(ring).containsExactlyElementsOf(plain);
            assertThat(replayed).containsExactlyElementsOf(plain);
        }
        assertThatThrownBy(() -> ring.removeFirst(ring.size() + 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ring.get(ring.size())).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ring.add(1)).isInstanceOf(UnsupportedOperationException.class);
    }
}
