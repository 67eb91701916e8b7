package dev.porthole.plugins.dockerssh.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import dev.porthole.test.DockerTestenv;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Containers a test makes on the local daemon, all labelled and removed by {@link #removeAll}. They run with an init
 * process: busybox as PID 1 ignores SIGTERM and every stop would wait 10 s.
 */
final class TestContainers {
    static final String LABEL = "dev.porthole.test";

    private final DockerClient docker;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> created = new ArrayList<>();

    TestContainers(DockerClient docker) {
        this.docker = docker;
    }

    /** A created, not started container running {@code script} with sh. */
    String create(String script, UnaryOperator<CreateContainerCmd> tweak) {
        String name = "porthole-test-" + run + "-" + created.size();
        CreateContainerCmd cmd = docker.createContainerCmd(DockerTestenv.IMAGE)
                .withName(name)
                .withCmd("sh", "-c", script)
                .withLabels(Map.of(LABEL, run))
                .withHostConfig(HostConfig.newHostConfig().withInit(true));
        String id = tweak.apply(cmd).exec().getId();
        created.add(id);
        return id;
    }

    String create(String script) {
        return create(script, UnaryOperator.identity());
    }

    String running(String script) {
        String id = create(script);
        docker.startContainerCmd(id).exec();
        return id;
    }

    /** Started, and waited for until it exited. */
    String exited(String script, UnaryOperator<CreateContainerCmd> tweak) throws InterruptedException {
        String id = create(script, tweak);
        docker.startContainerCmd(id).exec();
        awaitState(id, "exited");
        return id;
    }

    String state(String id) {
        return docker.inspectContainerCmd(id).exec().getState().getStatus();
    }

    void awaitState(String id, String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!state.equals(state(id))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(id + " did not reach " + state + ", is " + state(id));
            }
            Thread.sleep(50);
        }
    }

    /** Unpauses first: the daemon refuses to kill a paused container's processes otherwise on some versions. */
    void removeAll() {
        for (String id : created) {
            try {
                if ("paused".equals(state(id))) {
                    docker.unpauseContainerCmd(id).exec();
                }
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (NotFoundException gone) {
                // removed by the test itself
            }
        }
        created.clear();
    }
}
