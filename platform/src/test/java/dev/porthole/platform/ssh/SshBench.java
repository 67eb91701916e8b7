package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.ConnectOptions;
import dev.porthole.api.ssh.ExecRequest;
import dev.porthole.api.ssh.ExecResult;
import dev.porthole.api.ssh.SshTarget;
import dev.porthole.platform.config.SshConfiguration;
import dev.porthole.platform.support.ApiClient;
import dev.porthole.platform.support.ApiClient.Auth;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import dev.porthole.platform.support.TestFiles;
import dev.porthole.platform.support.Testenv;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.sshd.client.session.ClientSession;

/**
 * The SSH benchmark of issue 4, run by {@code bench/ssh.sh}: a platform booted in-process (H2 in memory, a temporary
 * data directory) logs in to the test environment's OpenSSH sshd as ph-key with its ed25519 key, and each figure is
 * measured round by round alternating with the OpenSSH client's reference, so that both see the same machine load.
 *
 * <ol>
 *   <li>Login to first exec: a fresh connection (the pool's idle connection is evicted before each round, outside
 *       the timing) + key exchange + host key check + authentication + exec of {@code true}, through
 *       {@code SshConnections.target(...).exec(...)} as a plugin calls it; against {@code ssh host true} with
 *       OpenSSH's defaults and with {@code KexAlgorithms=curve25519-sha256}.
 *   <li>Exec round trip on a pooled connection: {@code exec("true")} on a warm target; against
 *       {@code ssh -S controlpath host true} through a ControlMaster.
 *   <li>Where a fresh login's time goes: the stages of the connector's log.
 * </ol>
 *
 * The OpenSSH client is started from here (ProcessBuilder, timed with System.nanoTime, output discarded); the cost of
 * starting a process is printed too, since OpenSSH's figures include it and ours do not.
 *
 * <p>Arguments: {@code rounds knownHostsFile controlPath [warmupRounds]}. Exits 0 whether goals are met or not; 1
 * when something broke.
 */
public final class SshBench {
    private static final double LOGIN_GOAL_FRACTION = 0.5;
    /**
     * A pause before every measured operation, so that sshd's teardown of the previous connection or session (the
     * user's child process exiting, the PAM session closing) does not overlap the next measurement, whoever's it is.
     */
    private static final long SETTLE_MS = 100;

    private SshBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: SshBench rounds knownHostsFile controlPath [warmupRounds]");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[0]);
        Path knownHosts = Path.of(args[1]);
        Path controlPath = Path.of(args[2]);
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Testenv env = Testenv.requireSsh();
        Path dataDir = Files.createTempDirectory("porthole-sshbench");
        Map<String, Object> properties = new HashMap<>(TestDatabase.H2.freshDatabase());
        properties.put("porthole.data-dir", dataDir.toString());
        properties.put("porthole.admin-password", PlatformTestBase.ADMIN_PASSWORD);
        properties.put("micronaut.server.port", "-1");
        // the figures, not MINA's per-login info lines; -Dsshbench.log=DEBUG shows MINA's and the connector's messages
        // with their times, to see where a login waits
        properties.put("logger.levels.root", "WARN");
        properties.put("logger.levels.org.apache.sshd", System.getProperty("sshbench.log", "WARN"));
        properties.put("logger.levels.dev.porthole.platform.ssh", System.getProperty("sshbench.log", "WARN"));
        int status = 0;
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
            new SshBench.Run(server, env, rounds, warmup, knownHosts, controlPath).all();
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            status = 1;
        } finally {
            TestFiles.deleteRecursively(dataDir);
        }
        System.exit(status);
    }

    private static final class Run {
        private final ApplicationContext context;
        private final Testenv env;
        private final int rounds;
        private final int warmup;
        private final List<String> sshBase;
        private final Path controlPath;
        private final DefaultSshConnections ssh;
        private final ConnectionPool pool;
        private final ConnectPlans plans;
        private final Connector connector;
        private final SshConfiguration config;
        private final ApiClient api;
        private final File sshLog;

        Run(EmbeddedServer server, Testenv env, int rounds, int warmup, Path knownHosts, Path controlPath)
                throws IOException {
            this.context = server.getApplicationContext();
            this.env = env;
            this.rounds = rounds;
            this.warmup = warmup;
            this.controlPath = controlPath;
            this.ssh = context.getBean(DefaultSshConnections.class);
            this.pool = context.getBean(ConnectionPool.class);
            this.plans = context.getBean(ConnectPlans.class);
            this.connector = context.getBean(Connector.class);
            this.config = context.getBean(SshConfiguration.class);
            this.api = new ApiClient(server.getURI(), context.getBean(JsonMapper.class));
            this.sshLog = Files.createTempFile("sshbench-openssh", ".log").toFile();
            this.sshLog.deleteOnExit();
            // OpenSSH's defaults, except: no config file, the testenv's recorded host keys, no prompts, ph-key's key
            this.sshBase = List.of(
                    "ssh",
                    "-F",
                    "/dev/null",
                    "-o",
                    "BatchMode=yes",
                    "-o",
                    "StrictHostKeyChecking=yes",
                    "-o",
                    "UserKnownHostsFile=" + knownHosts,
                    "-o",
                    "GlobalKnownHostsFile=/dev/null",
                    "-o",
                    "IdentitiesOnly=yes",
                    "-i",
                    env.key("ed25519").privateKey().toString(),
                    "-p",
                    Integer.toString(env.ssh().port()),
                    "-l",
                    env.user("key").name());
        }

        void all() throws IOException {
            Auth admin = Auth.bearer(login("admin", PlatformTestBase.ADMIN_PASSWORD));
            String name = "bench" + System.nanoTime();
            String password = "password-" + name;
            ApiClient.Reply created =
                    api.post("/api/users", Map.of("username", name, "password", password, "role", "USER"), admin);
            check(created.status() == 201, "creating the user: " + created);
            PlatformTestBase.TestUser owner =
                    new PlatformTestBase.TestUser(created.id(), name, password, Auth.bearer(login(name, password)));
            long hostId = SshTestSupport.createHost(
                    api,
                    owner.auth(),
                    "openssh-" + System.nanoTime(),
                    env.ssh().port(),
                    env.user("key").name(),
                    "authType",
                    "key",
                    "privateKey",
                    Files.readString(env.key("ed25519").privateKey()));
            dev.porthole.api.Caller caller = SshTestSupport.caller(owner);
            ConnectionPool.PoolKey poolKey =
                    plans.plan(hostId, ConnectOptions.NONE).poolKey();

            System.out.printf(
                    Locale.ROOT,
                    "SSH benchmark against %s:%d as %s (ed25519 key); %d rounds, OpenSSH %s%n",
                    env.ssh().host(),
                    env.ssh().port(),
                    env.user("key").name(),
                    rounds,
                    opensshVersion());
            double spawn = median(times(20, () -> spawn(List.of("/bin/true"))));
            System.out.printf(
                    Locale.ROOT,
                    "(starting a process from here, /bin/true: median %.1f ms; included in OpenSSH's figures)%n%n",
                    spawn);

            // --- 1. login to first exec ---
            // the first connect of this JVM; it also records the host key (trust on first use)
            long cold = time(() -> expectTrue(ssh.target(caller, hostId).exec("true")));
            for (int i = 0; i < warmup; i++) {
                pool.evictIdle(poolKey);
                expectTrue(ssh.target(caller, hostId).exec("true"));
            }
            List<Long> ours = new ArrayList<>();
            List<Long> opensshDefault = new ArrayList<>();
            List<Long> opensshCurve = new ArrayList<>();
            List<String> curve = new ArrayList<>(sshBase);
            curve.addAll(List.of("-o", "KexAlgorithms=curve25519-sha256"));
            for (int i = 0; i < rounds; i++) {
                settle();
                opensshDefault.add(spawn(command(sshBase, env.ssh().host(), "true")));
                pool.evictIdle(poolKey);
                settle();
                ours.add(time(() -> expectTrue(ssh.target(caller, hostId).exec("true"))));
                settle();
                opensshCurve.add(spawn(command(curve, env.ssh().host(), "true")));
            }
            double refLogin = median(opensshDefault);
            double goalLogin = refLogin * LOGIN_GOAL_FRACTION;
            double oursLogin = median(ours);
            System.out.println("1. login to first exec of `true` (fresh connection, key auth)");
            row("ours, first round (cold JVM, + TOFU)", ms(cold), Double.NaN);
            row("ours: target() + exec, fresh connection", oursLogin, p90(ours));
            row("OpenSSH ssh, defaults (reference)", refLogin, p90(opensshDefault));
            row("OpenSSH ssh, curve25519-sha256", median(opensshCurve), p90(opensshCurve));
            verdict(
                    String.format(Locale.ROOT, "goal: ours <= half of OpenSSH's default = %.1f ms", goalLogin),
                    oursLogin <= goalLogin);

            // --- 2. exec on a pooled connection ---
            SshTarget target = ssh.target(caller, hostId);
            for (int i = 0; i < Math.max(20, warmup * 4); i++) {
                expectTrue(target.exec("true"));
            }
            // the master (ControlPersist backgrounds it after its first command; bench/ssh.sh stops it), started here
            // because its ControlPersist time counts from its last use
            List<String> master = new ArrayList<>(sshBase);
            master.addAll(
                    List.of("-o", "ControlMaster=auto", "-o", "ControlPath=" + controlPath, "-o", "ControlPersist=60"));
            spawn(command(master, env.ssh().host(), "true"));
            List<String> muxed = new ArrayList<>(sshBase);
            muxed.addAll(List.of("-S", controlPath.toString()));
            spawn(command(muxed, env.ssh().host(), "true"));
            List<Long> oursExec = new ArrayList<>();
            List<Long> oursTargetExec = new ArrayList<>();
            List<Long> muxedExec = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                muxedExec.add(spawn(command(muxed, env.ssh().host(), "true")));
                oursExec.add(time(() -> expectTrue(target.exec("true"))));
                oursTargetExec.add(
                        time(() -> expectTrue(ssh.target(caller, hostId).exec("true"))));
            }
            double refExec = median(muxedExec);
            double oursExecMedian = median(oursExec);
            System.out.println();
            System.out.println("2. exec of `true` on an open connection");
            row("ours, exec on a warm target", oursExecMedian, p90(oursExec));
            row("ours, target() + exec (access check, plan)", median(oursTargetExec), p90(oursTargetExec));
            row("OpenSSH ssh -S through ControlMaster (ref.)", refExec, p90(muxedExec));
            verdict(
                    String.format(Locale.ROOT, "goal: ours <= OpenSSH ControlMaster = %.1f ms", refExec),
                    oursExecMedian <= refExec);

            // --- 3. where a fresh login's time goes ---
            stages(hostId, owner.id(), poolKey);
        }

        /** Medians of each stage of a fresh connect, timed by the connector's own log, over the rounds. */
        private void stages(long hostId, long userId, ConnectionPool.PoolKey poolKey) throws IOException {
            pool.evictIdle(poolKey);
            Map<String, List<Long>> byStage = new LinkedHashMap<>();
            List<Long> plan = new ArrayList<>();
            List<Long> connect = new ArrayList<>();
            List<Long> unlogged = new ArrayList<>();
            List<Long> firstExec = new ArrayList<>();
            List<Long> secondExec = new ArrayList<>();
            Exec exec = new Exec(config);
            List<Long> banner = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                settle();
                banner.add(bannerTime());
                settle();
                long t0 = System.nanoTime();
                ConnectPlan connectPlan = plans.plan(hostId, ConnectOptions.NONE);
                long t1 = System.nanoTime();
                ConnectionLog log = new ConnectionLog();
                ClientSession session =
                        connector.open(connectPlan, userId, log, false).await(connector.budget(connectPlan));
                long t2 = System.nanoTime();
                try {
                    expectTrue(exec.buffered(session, ExecRequest.of("true")));
                    long t3 = System.nanoTime();
                    firstExec.add(t3 - t2);
                    expectTrue(exec.buffered(session, ExecRequest.of("true")));
                    secondExec.add(System.nanoTime() - t3);
                } finally {
                    session.close(false);
                }
                plan.add(t1 - t0);
                connect.add(t2 - t1);
                long logged = 0;
                for (ConnectionLog.Entry e : log.entries()) {
                    byStage.computeIfAbsent(e.stage(), k -> new ArrayList<>()).add(e.durationMs() * 1_000_000);
                    logged += e.durationMs() * 1_000_000;
                }
                unlogged.add(t2 - t1 - logged);
            }
            System.out.println();
            System.out.println(
                    "3. where a fresh login's time goes (medians; stages as the connector logs them, whole ms)");
            row("plan (host, credentials from the database)", median(plan), p90(plan));
            byStage.forEach((stage, values) -> {
                row("  " + stage, median(values), p90(values));
                if (stage.equals("handshake")) {
                    row("    of it sshd's start (TCP to its banner)", median(banner), p90(banner));
                }
            });
            row("  executor hop, waits (connect - stages)", median(unlogged), p90(unlogged));
            row("connect total (open + await)", median(connect), p90(connect));
            row("first exec on the fresh session", median(firstExec), p90(firstExec));
            row("second exec on it", median(secondExec), p90(secondExec));
            opensshFirstExec();
        }

        /**
         * The same first and second exec with OpenSSH's own client: a master logs in ({@code -M -N -f}, curve25519),
         * then two {@code ssh -S} run {@code true} through it. The first exec waits for what sshd does once per
         * connection after the login, whoever the client is.
         */
        private void opensshFirstExec() {
            List<Long> first = new ArrayList<>();
            List<Long> second = new ArrayList<>();
            int n = Math.min(rounds, 10);
            for (int i = 0; i < n; i++) {
                String path = controlPath + "-first-" + i;
                List<String> master = new ArrayList<>(sshBase);
                master.addAll(List.of("-o", "KexAlgorithms=curve25519-sha256", "-M", "-S", path, "-N", "-f"));
                List<String> muxed = new ArrayList<>(sshBase);
                muxed.addAll(List.of("-S", path));
                settle();
                spawn(command(master, env.ssh().host(), null));
                try {
                    first.add(spawn(command(muxed, env.ssh().host(), "true")));
                    settle();
                    second.add(spawn(command(muxed, env.ssh().host(), "true")));
                } finally {
                    List<String> exit = new ArrayList<>(muxed);
                    exit.addAll(List.of("-O", "exit"));
                    spawn(command(exit, env.ssh().host(), null));
                }
            }
            row("OpenSSH: first exec through a fresh master (" + n + ")", median(first), p90(first));
            row("OpenSSH: second exec through it", median(second), p90(second));
        }

        /** TCP connect to the server's identification line: sshd's own fork and re-exec, no client work. */
        private long bannerTime() throws IOException {
            long start = System.nanoTime();
            try (Socket socket = new Socket(env.ssh().host(), env.ssh().port())) {
                InputStream in = socket.getInputStream();
                for (int b; (b = in.read()) != '\n'; ) {
                    check(b >= 0, "sshd closed the connection before its banner");
                }
                return System.nanoTime() - start;
            }
        }

        private String login(String username, String password) {
            ApiClient.Reply reply =
                    api.post("/api/auth/login", Map.of("username", username, "password", password), Auth.NONE);
            check(reply.status() == 200, "login of " + username + ": " + reply);
            return (String) reply.field("access_token");
        }

        private List<String> command(List<String> base, String host, String remote) {
            List<String> command = new ArrayList<>(base);
            command.add(host);
            if (remote != null) {
                command.add(remote);
            }
            return command;
        }

        /** Runs a process to its end; its wall time in ns. */
        private long spawn(List<String> command) {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.appendTo(sshLog));
            long start = System.nanoTime();
            try {
                int exit = builder.start().waitFor();
                long elapsed = System.nanoTime() - start;
                if (exit != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + ": "
                            + Files.readString(sshLog.toPath()));
                }
                return elapsed;
            } catch (IOException e) {
                throw new IllegalStateException("cannot run " + command.get(0), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private String opensshVersion() {
            try {
                Process p = new ProcessBuilder("ssh", "-V")
                        .redirectErrorStream(true)
                        .start();
                String v = new String(p.getInputStream().readAllBytes()).trim();
                p.waitFor();
                return v.split(",")[0];
            } catch (IOException e) {
                return "?";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "?";
            }
        }
    }

    private static List<Long> times(int n, java.util.function.LongSupplier one) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(one.getAsLong());
        }
        return out;
    }

    private static void settle() {
        try {
            Thread.sleep(SETTLE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long time(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }

    private static void expectTrue(ExecResult result) {
        check(result.exitStatus().isPresent() && result.exitStatus().getAsInt() == 0, "`true` gave " + result);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** The median in ms (the mean of the two middle values for an even count). */
    private static double median(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? ms(sorted.get(n / 2)) : (ms(sorted.get(n / 2 - 1)) + ms(sorted.get(n / 2))) / 2;
    }

    /** The 90th percentile in ms, nearest rank. */
    private static double p90(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int rank = (int) Math.ceil(sorted.size() * 0.9);
        return ms(sorted.get(Math.max(0, rank - 1)));
    }

    private static void row(String label, double median, double p90) {
        if (Double.isNaN(p90)) {
            System.out.printf(Locale.ROOT, "   %-46s %8.1f ms%n", label, median);
        } else {
            System.out.printf(Locale.ROOT, "   %-46s %8.1f ms median  %8.1f ms p90%n", label, median, p90);
        }
    }

    private static void verdict(String goal, boolean met) {
        System.out.printf(Locale.ROOT, "   %-46s %s%n", goal, met ? "PASS" : "MISS");
    }
}
