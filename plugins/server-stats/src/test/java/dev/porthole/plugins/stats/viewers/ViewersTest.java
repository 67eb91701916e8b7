package dev.porthole.plugins.stats.viewers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.test.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewersTest {
    private final MutableClock clock = new MutableClock();
    private final List<String> calls = new ArrayList<>();
    private final Viewers viewers = new Viewers(clock, id -> calls.add("first " + id), id -> calls.add("last " + id));

    @Test
    void the_first_viewer_starts_polling_and_the_last_one_leaving_stops_it() {
        String a = viewers.register(7, 1);
        String b = viewers.register(7, 2);
        assertThat(calls).containsExactly("first 7");
        assertThat(viewers.unregister(7, a, 1)).isTrue();
        assertThat(calls).containsExactly("first 7");
        assertThat(viewers.unregister(7, b, 2)).isTrue();
        assertThat(calls).containsExactly("first 7", "last 7");
        assertThat(viewers.watched(7)).isFalse();
    }

    @Test
    void a_viewer_expires_two_minutes_after_its_last_heartbeat_and_not_before() {
        String id = viewers.register(3, 1);
        clock.advance(Duration.ofSeconds(100));
        assertThat(viewers.heartbeat(id, 1)).isTrue();
        clock.advance(Duration.ofSeconds(119));
        viewers.expire();
        assertThat(viewers.watched(3)).as("119 s after the heartbeat").isTrue();
        clock.advance(Duration.ofSeconds(2));
        viewers.expire();
        assertThat(viewers.watched(3)).as("121 s after the heartbeat").isFalse();
        assertThat(calls).containsExactly("first 3", "last 3");
        assertThat(viewers.heartbeat(id, 1)).as("an expired viewer's heartbeat").isFalse();
    }

    @Test
    void another_users_heartbeat_or_unregister_does_nothing() {
        String id = viewers.register(3, 1);
        assertThat(viewers.heartbeat(id, 2)).isFalse();
        assertThat(viewers.unregister(3, id, 2)).isFalse();
        assertThat(viewers.watched(3)).isTrue();
        clock.advance(Duration.ofSeconds(121));
        viewers.expire();
        assertThat(viewers.watched(3))
                .as("the foreign heartbeat did not extend it")
                .isFalse();
    }

    @Test
    void a_client_chosen_id_is_kept_for_its_user_and_refused_to_another() {
        assertThat(viewers.register("tab-1", 5, 1)).isEqualTo(Viewers.Registered.OK);
        assertThat(viewers.register("tab-1", 5, 2)).isEqualTo(Viewers.Registered.TAKEN_BY_ANOTHER_USER);
        assertThat(viewers.register("tab-1", 6, 1)).isEqualTo(Viewers.Registered.REGISTERED_FOR_ANOTHER_HOST);
        assertThat(viewers.register("tab-1", 5, 1)).as("again, as a heartbeat").isEqualTo(Viewers.Registered.OK);
        assertThat(calls).containsExactly("first 5");
        assertThat(Viewers.validClientId("tab 1; rm -rf /")).isFalse();
    }

    @Test
    void server_made_ids_are_unguessable_and_distinct() {
        String a = viewers.register(1, 1);
        String b = viewers.register(1, 1);
        assertThat(a).startsWith("viewer-").hasSize("viewer-".length() + 32).isNotEqualTo(b);
    }
}
