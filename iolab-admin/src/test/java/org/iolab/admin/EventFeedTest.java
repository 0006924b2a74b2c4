package org.iolab.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A feed keeps its last events and hands each new one to whoever listens, in order. */
class EventFeedTest {

    @Test
    void itKeepsTheLatestAndTellsItsListenersAndLetsABrokenOneGo() {
        EventFeed<Integer> feed = new EventFeed<>(3);
        assertThat(feed.latest()).isNull();
        List<Integer> heard = new ArrayList<>();
        Consumer<Integer> listener = heard::add;
        feed.publish(1);
        feed.listen(listener);
        assertThat(feed.listeners()).isEqualTo(1);
        for (int i = 2; i <= 5; i++) {
            feed.publish(i);
        }
        assertThat(feed.history()).containsExactly(3, 4, 5);
        assertThat(feed.latest()).isEqualTo(5);
        assertThat(heard).containsExactly(2, 3, 4, 5);
        feed.unlisten(listener);
        feed.publish(6);
        assertThat(heard).containsExactly(2, 3, 4, 5);
        assertThat(feed.listeners()).isZero();
        feed.listen(e -> {
            throw new IllegalStateException("a broken page");
        });
        feed.listen(listener);
        feed.publish(7); // the broken listener is let go, the others still hear
        assertThat(heard).containsExactly(2, 3, 4, 5, 7);
        assertThat(feed.listeners()).isEqualTo(1);
        assertThatThrownBy(() -> new EventFeed<>(0)).hasMessageContaining("keep must be 1 or more");
    }
}
