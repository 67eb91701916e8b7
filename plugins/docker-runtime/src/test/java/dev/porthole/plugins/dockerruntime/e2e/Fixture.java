package dev.porthole.plugins.dockerruntime.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.porthole.test.DockerTestenv;
import dev.porthole.test.Porthole;
import dev.porthole.test.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the end-to-end tests share: containers on the local dockerd, labelled with this run's id and removed after,
 * and the admin calls that set up environments, users and permissions.
 */
final class Fixture {
    static final String LABEL = "dev.porthole.test";
    static final ObjectMapper JSON = new ObjectMapper();

    final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> names = new ArrayList<>();
    private final Porthole porthole;

    Fixture(Porthole porthole) {
        this.porthole = porthole;
    }

    /** {@code docker run -d} of {@code script} with an init (busybox as PID 1 ignores SIGTERM), labelled. */
    String running(String suffix, String script, String... options) throws Exception {
        String name = create(suffix, script, options);
        DockerTestenv.cli("start", name);
        return name;
    }

    String create(String suffix, String script, String... options) throws Exception {
        String name = "ph-ct-" + run + "-" + suffix;
        List<String> args = new ArrayList<>(List.of("create", "--init", "--name", name, "--label", LABEL + "=" + run));
        args.addAll(List.of(options));
        args.addAll(List.of(DockerTestenv.IMAGE, "sh", "-c", script));
        DockerTestenv.cli(args.toArray(String[]::new));
        names.add(name);
        return name;
    }

    /** A container that ran and was stopped: started again, it runs until stopped. */
    String exited(String suffix, String... options) throws Exception {
        String name = running(suffix, "sleep 3600", options);
        DockerTestenv.cli("stop", "-t", "5", name);
        awaitState(name, "exited");
        return name;
    }

    /**
     * A container that cannot start: its entrypoint does not exist. Without an init, which would start and then fail
     * inside the container, so that the daemon refuses the start.
     */
    String unstartable(String suffix) throws Exception {
        String name = "ph-ct-" + run + "-" + suffix;
        DockerTestenv.cli(
                "create",
                "--name",
                name,
                "--label",
                LABEL + "=" + run,
                "--entrypoint",
                "/no/such/binary",
                DockerTestenv.IMAGE);
        names.add(name);
        return name;
    }

    static String state(String name) throws Exception {
        return DockerTestenv.cli("inspect", "-f", "{{.State.Status}}", name).trim();
    }

    static void awaitState(String name, String state) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!state(name).equals(state)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not become " + state + " but is " + state(name));
            }
            Thread.sleep(50);
        }
    }

    static String fullId(String name) throws Exception {
        return DockerTestenv.cli("inspect", "-f", "{{.Id}}", name).trim();
    }

    void removeAll() throws Exception {
        if (!names.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(names);
            DockerTestenv.cli(args.toArray(String[]::new));
        }
    }

    /** The query that limits a list or bulk operation to this run's containers. */
    String label() {
        return "label=" + LABEL + "%3D" + run;
    }

    long localEnvironment(String name) throws Exception {
        Reply created = porthole.post(
                "/api/environments",
                JSON.writeValueAsString(Map.of(
                        "name", name, "runtime", "docker", "endpoint", Map.of("socket", "/var/run/docker.sock"))),
                porthole.adminToken());
        if (created.status() != 201) {
            throw new AssertionError("creating environment " + name + ": " + created);
        }
        return ((Number) created.jsonObject().get("id")).longValue();
    }

    /** A new user and their session token. */
    User user(String name) {
        String token = porthole.createUser(name + "-" + run, "password-" + run, "USER");
        long id = ((Number) porthole.get("/api/auth/me", token).jsonObject().get("id")).longValue();
        return new User(id, token);
    }

    record User(long id, String token) {}

    /** Replaces the grants of the environment. */
    void grant(long environment, Map<User, List<String>> grants) throws Exception {
        List<Map<String, Object>> entries = new ArrayList<>();
        grants.forEach((user, actions) -> entries.add(Map.of("userId", user.id(), "actions", actions)));
        Reply reply = porthole.put(
                "/api/environments/" + environment + "/permissions",
                JSON.writeValueAsString(Map.of("permissions", entries)),
                porthole.adminToken());
        if (reply.status() != 200) {
            throw new AssertionError("granting: " + reply);
        }
    }
}
