package dev.porthole.plugins.dockerruntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.api.PluginContext;
import dev.porthole.api.ssh.SshException;
import dev.porthole.api.ssh.SshTarget;
import dev.porthole.plugins.containers.spi.EndpointSpec;
import dev.porthole.plugins.containers.spi.RuntimeEndpoint;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import dev.porthole.plugins.containers.spi.RuntimeFailure.Kind;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The plugin's endpoints per environment key, without a daemon: nothing connects until a call needs it. */
class DockerRuntimePluginTest {
    private static final EndpointSpec LOCAL = new EndpointSpec(Map.of(), Optional.empty());
    private static final EndpointSpec NO_DAEMON =
            new EndpointSpec(Map.of("socket", "/nonexistent/docker.sock"), Optional.empty());

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final DockerRuntimePlugin plugin = new DockerRuntimePlugin();

    @AfterEach
    void stop() {
        plugin.stop();
        executor.shutdownNow();
    }

    @Test
    void the_runtime_is_called_docker() {
        assertThat(plugin.name()).isEqualTo("docker");
    }

    @Test
    void before_start_there_is_no_endpoint() {
        assertThatThrownBy(() -> plugin.endpoint("env-1", LOCAL))
                .isInstanceOfSatisfying(
                        RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.UNAVAILABLE));
    }

    @Test
    void one_endpoint_per_key_while_its_spec_stays() throws Exception {
        plugin.start(context());

        RuntimeEndpoint first = plugin.endpoint("env-1", LOCAL);

        assertThat(plugin.endpoint("env-1", new EndpointSpec(Map.of(), Optional.empty())))
                .isSameAs(first);
        assertThat(plugin.endpoint("env-2", LOCAL)).isNotSameAs(first);
    }

    @Test
    void a_changed_spec_replaces_the_endpoint_and_closes_the_old_one() throws Exception {
        plugin.start(context());
        RuntimeEndpoint old = plugin.endpoint("env-1", NO_DAEMON);

        RuntimeEndpoint replaced = plugin.endpoint("env-1", LOCAL);

        assertThat(replaced).isNotSameAs(old);
        assertClosed(old);
    }

    @Test
    void forget_closes_the_endpoint_and_the_next_use_opens_a_new_one() throws Exception {
        plugin.start(context());
        RuntimeEndpoint old = plugin.endpoint("env-1", NO_DAEMON);

        plugin.forget("env-1");

        assertClosed(old);
        assertThat(plugin.endpoint("env-1", NO_DAEMON)).isNotSameAs(old);
    }

    @Test
    void stop_closes_every_endpoint_and_refuses_new_ones() throws Exception {
        plugin.start(context());
        RuntimeEndpoint one = plugin.endpoint("env-1", NO_DAEMON);
        RuntimeEndpoint two = plugin.endpoint("env-2", NO_DAEMON);

        plugin.stop();

        assertClosed(one);
        assertClosed(two);
        assertThatThrownBy(() -> plugin.endpoint("env-1", NO_DAEMON)).isInstanceOf(RuntimeFailure.class);
    }

    @Test
    void a_local_daemon_that_is_not_there_is_unavailable_naming_the_socket() throws Exception {
        plugin.start(context());

        assertThatThrownBy(() -> plugin.endpoint("env-1", NO_DAEMON).ping())
                .isInstanceOfSatisfying(
                        RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.UNAVAILABLE))
                .hasMessageStartingWith("the Docker socket /nonexistent/docker.sock cannot be reached: ")
                .hasMessageContaining("cannot connect to the Docker socket /nonexistent/docker.sock");
    }

    @Test
    void over_ssh_the_stream_is_dial_stdio_on_the_hosts_ssh_connection_and_its_failure_is_named() throws Exception {
        plugin.start(context());
        StringBuilder opened = new StringBuilder();
        SshTarget host = (SshTarget) Proxy.newProxyInstance(
                SshTarget.class.getClassLoader(), new Class<?>[] {SshTarget.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "hostId":
                            return 7L;
                        case "openStream":
                            opened.append(args[0]);
                            throw new SshException(SshException.Code.UNREACHABLE, "connection refused");
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });

        RuntimeEndpoint endpoint = plugin.endpoint("env-ssh", new EndpointSpec(Map.of(), Optional.of(host)));

        assertThatThrownBy(endpoint::ping)
                .isInstanceOfSatisfying(
                        RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.UNAVAILABLE))
                .hasMessageStartingWith("Docker on host 7 over SSH cannot be reached: ")
                .hasMessageContaining("SSH UNREACHABLE: connection refused");
        assertThat(opened.toString()).isEqualTo("docker system dial-stdio");
    }

    private static void assertClosed(RuntimeEndpoint endpoint) {
        assertThatThrownBy(() -> endpoint.list(Optional.empty()))
                .isInstanceOfSatisfying(
                        RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.UNAVAILABLE))
                .hasMessageContaining("was closed");
    }

    /** The two services the plugin takes from its context; anything else asked for fails the test. */
    private PluginContext context() {
        return (PluginContext) Proxy.newProxyInstance(
                PluginContext.class.getClassLoader(), new Class<?>[] {PluginContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "executor":
                            return executor;
                        case "clock":
                            return Clock.systemUTC();
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }
}
