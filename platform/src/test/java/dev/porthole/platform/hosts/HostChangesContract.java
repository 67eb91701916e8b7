package dev.porthole.platform.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.api.Registration;
import dev.porthole.api.hosts.HostChange;
import dev.porthole.api.hosts.HostChange.Kind;
import dev.porthole.platform.auth.Caller;
import dev.porthole.platform.support.ApiClient.Reply;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import dev.porthole.platform.users.Role;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HostChanges} reports what the inventory committed, and nothing else. A change that must not arrive is checked
 * with a fence: a later committed change goes to the same listeners on the same single thread, so once the fence has
 * arrived, anything published before it would have arrived before it.
 */
abstract class HostChangesContract extends PlatformTestBase {
    private final ExecutorService pluginThread = Executors.newSingleThreadExecutor();
    private LinkedBlockingQueue<HostChange> received;
    private final List<Registration> registrations = new ArrayList<>();

    @Inject
    HostChanges changes;

    @Inject
    HostService hostService;

    @Inject
    TransactionOperations<Connection> transactions;

    HostChangesContract(TestDatabase database) {
        super(database);
    }

    @BeforeEach
    void listen() {
        received = new LinkedBlockingQueue<>();
        registrations.add(changes.listen("test", pluginThread, received::add));
    }

    @AfterEach
    void stopListening() {
        registrations.forEach(Registration::close);
        registrations.clear();
    }

    @AfterAll
    void stopThread() {
        pluginThread.shutdownNow();
    }

    @Test
    void a_change_rolled_back_after_it_was_published_is_never_reported() throws Exception {
        TestUser owner = newUser("USER");
        long id = createHost(owner, "kept");
        assertThat(next()).isEqualTo(new HostChange(id, Kind.CREATED));

        transactions.executeWrite(status -> {
            hostService.delete(callerOf(owner), id);
            status.setRollbackOnly();
            return null;
        });

        assertThat(api().get("/api/hosts/" + id, owner.auth()).status())
                .as("the delete was rolled back")
                .isEqualTo(200);
        updateHost(owner, id, "fence");
        assertThat(next()).isEqualTo(new HostChange(id, Kind.UPDATED));
    }

    @Test
    void a_refused_delete_is_not_reported() throws Exception {
        TestUser owner = newUser("USER");
        long jump = createHost(owner, "bastion");
        long behind = createHost(owner, "behind", "jumpHostId", jump);
        assertThat(List.of(next(), next()))
                .containsExactly(new HostChange(jump, Kind.CREATED), new HostChange(behind, Kind.CREATED));

        assertThat(api().delete("/api/hosts/" + jump, owner.auth()).status()).isEqualTo(409);

        updateHost(owner, behind, "fence");
        assertThat(next()).isEqualTo(new HostChange(behind, Kind.UPDATED));
    }

    @Test
    void deleting_a_user_reports_each_host_that_was_shared_with_them() throws Exception {
        TestUser owner = newUser("USER");
        TestUser guest = newUser("USER");
        long first = createHost(owner, "first");
        long second = createHost(owner, "second");
        share(owner, first, guest);
        share(owner, second, guest);
        assertThat(List.of(next(), next(), next(), next()))
                .containsExactly(
                        new HostChange(first, Kind.CREATED),
                        new HostChange(second, Kind.CREATED),
                        new HostChange(first, Kind.SHARED),
                        new HostChange(second, Kind.SHARED));

        assertThat(api().delete("/api/users/" + guest.id(), admin()).status()).isEqualTo(204);

        assertThat(List.of(next(), next()))
                .containsExactly(new HostChange(first, Kind.SHARED), new HostChange(second, Kind.SHARED));
    }

    @Test
    void a_closed_registration_is_called_no_more() throws Exception {
        LinkedBlockingQueue<HostChange> closedOnes = new LinkedBlockingQueue<>();
        Registration registration = changes.listen("test", pluginThread, closedOnes::add);
        TestUser owner = newUser("USER");
        long before = createHost(owner, "before");
        assertThat(next()).isEqualTo(new HostChange(before, Kind.CREATED));
        assertThat(closedOnes.poll(10, TimeUnit.SECONDS)).isEqualTo(new HostChange(before, Kind.CREATED));

        registration.close();
        registration.close();
        long after = createHost(owner, "after");

        assertThat(next()).as("the fence").isEqualTo(new HostChange(after, Kind.CREATED));
        assertThat(closedOnes).isEmpty();
    }

    @Test
    void a_listener_that_throws_keeps_receiving() throws Exception {
        LinkedBlockingQueue<HostChange> failing = new LinkedBlockingQueue<>();
        registrations.add(changes.listen("test", pluginThread, change -> {
            failing.add(change);
            throw new IllegalStateException("a listener that fails on purpose");
        }));
        TestUser owner = newUser("USER");
        long id = createHost(owner, "failing");
        updateHost(owner, id, "still-failing");

        assertThat(failing.poll(10, TimeUnit.SECONDS)).isEqualTo(new HostChange(id, Kind.CREATED));
        assertThat(failing.poll(10, TimeUnit.SECONDS)).isEqualTo(new HostChange(id, Kind.UPDATED));
    }

    private HostChange next() throws InterruptedException {
        HostChange change = received.poll(10, TimeUnit.SECONDS);
        assertThat(change).as("a host change within 10 s").isNotNull();
        return change;
    }

    private static Caller callerOf(TestUser user) {
        return new Caller(user.id(), user.username(), Role.USER, null, List.of("*"));
    }

    private long createHost(TestUser owner, String name, Object... more) {
        Reply created = api().post("/api/hosts", HostsApiContract.host(name, more), owner.auth());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    private void updateHost(TestUser owner, long id, String name) {
        Reply updated = api().put("/api/hosts/" + id, HostsApiContract.host(name), owner.auth());
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    }

    private void share(TestUser owner, long hostId, TestUser with) {
        Reply reply = api().post(
                        "/api/hosts/" + hostId + "/shares",
                        Map.of("username", with.username(), "level", "view"),
                        owner.auth());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }
}
