package dev.porthole.plugins.stats.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.porthole.plugins.stats.collect.HostMetrics.Chain;
import dev.porthole.plugins.stats.collect.HostMetrics.Filesystem;
import dev.porthole.plugins.stats.collect.HostMetrics.Interface;
import dev.porthole.plugins.stats.collect.HostMetrics.Port;
import dev.porthole.plugins.stats.collect.HostMetrics.TopProcess;
import dev.porthole.plugins.stats.collect.MetricsScript.Section;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real script on this machine, run as an SSH server runs a command ({@code <login shell> -c <command>}), each group
 * checked against the same facts read here another way: by Java from /proc, or by the tool itself run on its own.
 */
class LocalHostMetricsTest {
    private static final MetricsScript SCRIPT = new MetricsScript();
    private static final List<String> SECTIONS =
            SCRIPT.sections().stream().map(Section::name).toList();
    /** Every command the script runs, for PATHs that lack some of them. */
    private static final List<String> TOOLS = List.of(
            "sh",
            "cat",
            "head",
            "nproc",
            "grep",
            "df",
            "cut",
            "ps",
            "hostname",
            "uname",
            "date",
            "last",
            "lastb",
            "tail",
            "sleep",
            "netstat",
            "sensors",
            "nft",
            "ss",
            "ip",
            "iptables-save");

    private static boolean root;
    private static Run run;
    private static HostMetrics metrics;
    private static double uptimeBefore;
    private static double uptimeAfter;
    private static long processesBefore;
    private static long processesAfter;
    private static Map<String, Long> rxBefore;
    private static Map<String, Long> rxAfter;
    private static Set<String> portsBefore;
    private static Set<String> portsAfter;

    @TempDir
    Path temp;

    // not under @TempDir, whose cleanup warns about every symbolic link pointing out of it
    private final List<Path> linkDirs = new ArrayList<>();

    record Run(String stdout, int exit, long millis) {}

    @BeforeAll
    static void runTheOneExecCommand() {
        root = sh("id -u").trim().equals("0");
        uptimeBefore = uptime();
        processesBefore = processCount();
        rxBefore = receivedBytes();
        portsBefore = listeningPorts();
        // a locale the parser cannot read, as an SSH client may send one; the script sets its own
        run = run(Map.of("LC_ALL", "de_DE.UTF-8", "LANG", "de_DE.UTF-8"), "/bin/sh", "-c", SCRIPT.command());
        uptimeAfter = uptime();
        processesAfter = processCount();
        rxAfter = receivedBytes();
        portsAfter = listeningPorts();
        metrics = MetricsParser.parse(run.stdout());
    }

    @AfterEach
    void deleteLinkDirs() throws IOException {
        for (Path dir : linkDirs) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void oneExecExitsZeroWithEverySectionInUnderTwoSeconds() {
        assertThat(run.exit()).isZero();
        assertThat(MetricsOutput.split(run.stdout()).keySet()).containsExactlyElementsOf(SECTIONS);
        assertThat(run.millis()).as("wall time, ms").isBetween(500L, 2000L);
    }

    @Test
    void sleepRunsOnceInOneExecAndOncePerRateSectionInTheSplitForm() throws IOException {
        Path log = temp.resolve("sleeps.log");
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path sleep = bin.resolve("sleep");
        Files.writeString(sleep, "#!/bin/sh\necho \"$@\" >> " + log + "\nexec " + which("sleep") + " \"$@\"\n");
        Files.setPosixFilePermissions(sleep, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> path = Map.of("PATH", bin + ":" + System.getenv("PATH"));

        Run oneExec = run(path, "/bin/sh", "-c", SCRIPT.command());
        assertThat(Files.readAllLines(log)).containsExactly("0.5");
        assertThat(MetricsParser.parse(oneExec.stdout()).cpu().percent()).isNotNull();

        for (Section section : SCRIPT.sections()) {
            Files.deleteIfExists(log);
            run(path, "/bin/sh", "-c", SCRIPT.commandFor(section));
            List<String> sleeps = Files.exists(log) ? Files.readAllLines(log) : List.of();
            assertThat(sleeps).as(section.name()).hasSize(section.samples() ? 1 : 0);
        }
    }

    @Test
    void bothRateReadingsSpanTheOnePause() {
        Map<String, String> sections = MetricsOutput.split(run.stdout());
        List<Double> cpu = marks(sections.get("cpu"));
        List<Double> network = marks(sections.get("network"));
        assertThat(cpu).hasSize(2);
        assertThat(network).hasSize(2);
        double firstReadings = Math.max(cpu.get(0), network.get(0));
        double secondReadings = Math.min(cpu.get(1), network.get(1));
        // /proc/uptime counts hundredths; the pause is 0.5 s
        assertThat(secondReadings - firstReadings).isGreaterThanOrEqualTo(0.48);
        // two pauses would take a second at least
        assertThat(Math.max(cpu.get(1), network.get(1)) - Math.min(cpu.get(0), network.get(0)))
                .isLessThan(0.95);
    }

    @Test
    void system() {
        assertThat(metrics.system().hostname()).isEqualTo(sh("hostname").trim());
        assertThat(metrics.system().kernel()).isEqualTo(sh("uname -r").trim());
        assertThat(metrics.system().os()).isEqualTo(prettyName());
    }

    @Test
    void cpu() {
        assertThat(metrics.cpu().cores()).isEqualTo(Integer.valueOf(sh("nproc").trim()));
        assertThat(metrics.cpu().percent()).isBetween(0, 100);
        List<Double> load = Arrays.stream(read("/proc/loadavg").split("\\s+"))
                .limit(3)
                .map(Double::valueOf)
                .toList();
        assertThat(metrics.cpu().load()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(metrics.cpu().load().get(i)).isCloseTo(load.get(i), within(2.0));
        }
    }

    @Test
    void memory() {
        long totalKib = meminfo("MemTotal");
        assertThat(metrics.memory().totalGiB()).isEqualTo(Math.round(totalKib / 1048576.0 * 100) / 100.0);
        assertThat(metrics.memory().usedGiB()).isBetween(0.0, metrics.memory().totalGiB());
        assertThat(metrics.memory().percent()).isBetween(0, 100);
    }

    @Test
    void diskHasDfsMountsWithoutPseudoFilesystemsAndDfHSizes() {
        Map<String, String> types = mountTypes();
        Map<String, String> sizes = new LinkedHashMap<>(); // mount → df -h Size
        for (String line : sh("df -P -h").lines().skip(1).toList()) {
            String[] t = line.trim().split("\\s+", 6);
            String type = types.getOrDefault(t[5], "");
            if (!MetricsParser.PSEUDO_FILESYSTEMS.contains(type) && !type.startsWith("cgroup") && !t[1].equals("0")) {
                sizes.put(t[5], t[1]);
            }
        }
        assertThat(metrics.disk().filesystems())
                .extracting(Filesystem::mount)
                .containsExactlyInAnyOrderElementsOf(sizes.keySet());
        for (Filesystem fs : metrics.disk().filesystems()) {
            assertThat(fs.totalHuman()).as(fs.mount()).isEqualTo(sizes.get(fs.mount()));
            assertThat(fs.usedBytes() + fs.availableBytes()).isLessThanOrEqualTo(fs.totalBytes());
        }
        if (sizes.containsKey("/")) {
            assertThat(metrics.disk().mount()).isEqualTo("/");
        }
    }

    @Test
    void networkHasProcNetDevsInterfacesButLoopback() {
        assertThat(metrics.network().interfaces())
                .extracting(Interface::name)
                .containsExactlyInAnyOrderElementsOf(
                        rxBefore.keySet().stream().filter(n -> !n.equals("lo")).toList());
        for (Interface i : metrics.network().interfaces()) {
            assertThat(i.rxByteCount()).as(i.name()).isBetween(rxBefore.get(i.name()), rxAfter.get(i.name()));
            assertThat(i.rxRateBps()).as(i.name()).isNotNull().isNotNegative();
            assertThat(i.txRateBps()).as(i.name()).isNotNull().isNotNegative();
        }
        assumeTrue(onPath("ip"), "no ip on the PATH to read the addresses with");
        for (Interface i : metrics.network().interfaces()) {
            String v4 = sh("ip -o -4 addr show dev " + i.name());
            String v6 = sh("ip -o -6 addr show dev " + i.name());
            String first = (v4.isBlank() ? v6 : v4).lines().findFirst().orElse("");
            String expected =
                    first.isBlank() ? "" : first.trim().split("\\s+")[3].replaceAll("/.*", "");
            assertThat(i.ip()).as(i.name()).isEqualTo(expected);
            assertThat(i.state()).as(i.name()).isEqualTo(linkState(i.name()));
        }
    }

    @Test
    void uptimeAndProcesses() {
        assertThat(metrics.uptime().seconds()).isBetween(uptimeBefore, uptimeAfter);
        assertThat(metrics.processes().total().longValue())
                .isBetween(
                        Math.min(processesBefore, processesAfter) - 25, Math.max(processesBefore, processesAfter) + 25);
        assertThat(metrics.processes().running()).isPositive(); // ps itself
        assertThat(metrics.processes().top())
                .hasSize(Math.min(10, metrics.processes().total()));
        List<Double> cpu = metrics.processes().top().stream()
                .map(TopProcess::cpu)
                .map(Double::valueOf)
                .toList();
        assertThat(cpu).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void portsAreSsTulnsListeningSockets() {
        assumeTrue(onPath("ss"), "no ss on the PATH to compare with");
        assertThat(metrics.ports().source()).isEqualTo("ss");
        assertPortsBetween(metrics, portsBefore, portsAfter);
    }

    // other processes here open and close ports: what was there before and after must be seen, nothing else
    private static void assertPortsBetween(HostMetrics m, Set<String> before, Set<String> after) {
        Set<String> parsed = m.ports().ports().stream()
                .map(p -> p.protocol() + "/" + p.localPort())
                .collect(Collectors.toSet());
        Set<String> both = new HashSet<>(before);
        both.retainAll(after);
        Set<String> either = new HashSet<>(before);
        either.addAll(after);
        assertThat(parsed).containsAll(both);
        assertThat(either).containsAll(parsed);
    }

    @Test
    void asRootPortsNameTheirProcesses() {
        assumeTrue(root, "only root sees other users' processes in ss -p");
        assumeTrue(sh("ss -tulnp").contains("users:("), "no listening socket has a process here");
        assertThat(metrics.ports().ports()).extracting(Port::pid).anyMatch(pid -> pid != null);
    }

    @Test
    void asRootTheFirewallIsIptablesFilterTable() {
        assumeTrue(root, "iptables-save needs root");
        assumeTrue(onPath("iptables-save"), "no iptables-save on the PATH");
        String dump = sh("iptables-save -t filter");
        assumeTrue(dump.contains("*filter"), "iptables-save printed no filter table");
        Map<String, String> policies = new LinkedHashMap<>();
        Map<String, Long> rules = new HashMap<>();
        for (String line : dump.lines().toList()) {
            for (String chain : List.of("INPUT", "FORWARD", "OUTPUT")) {
                if (line.startsWith(":" + chain + " ")) {
                    policies.put(chain, line.split("\\s+")[1]);
                }
                if (line.startsWith("-A " + chain + " ")) {
                    rules.merge(chain, 1L, Long::sum);
                }
            }
        }
        assertThat(metrics.firewall().type()).isEqualTo("iptables");
        assertThat(metrics.firewall().chains().stream().collect(Collectors.toMap(Chain::name, Chain::policy)))
                .isEqualTo(policies);
        for (Chain chain : metrics.firewall().chains()) {
            assertThat((long) chain.rules().size()).as(chain.name()).isEqualTo(rules.getOrDefault(chain.name(), 0L));
        }
    }

    @Test
    void asRootFailedLoginsAreLastbs() {
        assumeTrue(root, "btmp is readable by root only");
        assumeTrue(onPath("lastb"), "no lastb on the PATH");
        long rows = sh("lastb -n 10 -F -w")
                .lines()
                .filter(l -> !l.isBlank() && !l.startsWith("btmp begins"))
                .count();
        assertThat(metrics.loginStats().failedLogins()).hasSize((int) Math.min(rows, 10));
    }

    @Test
    void withoutRootThereIsNoFirewallDump() {
        assumeTrue(!root, "root may read the firewall");
        assertThat(metrics.firewall()).isEqualTo(HostMetrics.empty().firewall());
    }

    @Test
    void asNobodyTheRootOnlyGroupsDegrade() {
        assumeTrue(root, "only root can run the script as another user");
        assumeTrue(onPath("setpriv"), "no setpriv (util-linux) on the PATH");
        Set<String> before = listeningPorts();
        Run nobody = run(
                Map.of(),
                which("setpriv"),
                "--reuid=nobody",
                "--regid=nogroup",
                "--clear-groups",
                "/bin/sh",
                "-c",
                SCRIPT.command());
        assertThat(nobody.exit()).isZero();
        Set<String> after = listeningPorts();
        HostMetrics m = MetricsParser.parse(nobody.stdout());
        assertThat(m.firewall()).isEqualTo(HostMetrics.empty().firewall());
        assertThat(m.ports().ports()).extracting(Port::pid).containsOnlyNulls();
        assertPortsBetween(m, before, after);
        if (!Files.exists(Path.of("/var/log/auth.log")) && !Files.exists(Path.of("/var/log/secure"))) {
            assertThat(m.loginStats().failedLogins()).isEmpty();
        }
        assertUnaffected(m);
    }

    @Test
    void loginsAreLastsSessions() {
        assumeTrue(onPath("last"), "no last on the PATH");
        long rows = sh("last -n 20 -F -w")
                .lines()
                .filter(l -> !l.isBlank())
                .filter(l -> !l.startsWith("wtmp begins") && !l.startsWith("reboot ") && !l.startsWith("shutdown "))
                .count();
        assertThat(metrics.loginStats().totalLogins()).isEqualTo(rows);
    }

    @Test
    void temperatureFromReadableThermalZones() throws IOException {
        long zones = 0;
        Path thermal = Path.of("/sys/class/thermal");
        if (Files.isDirectory(thermal)) {
            try (Stream<Path> all = Files.list(thermal)) {
                zones = all.filter(p -> p.getFileName().toString().startsWith("thermal_zone"))
                        .filter(p -> readable(p.resolve("temp")).trim().matches("-?\\d+"))
                        .count();
            }
        }
        if (zones > 0) {
            assertThat(metrics.temperature().source()).isEqualTo("sysfs");
        } else {
            assumeTrue(!onPath("sensors"), "no thermal zone here, and lm-sensors may find sensors");
            assertThat(metrics.temperature()).isEqualTo(HostMetrics.empty().temperature());
        }
    }

    @Test
    void dashAndBashAsLoginShellsRunTheSameCommand() {
        for (String shell : List.of("dash", "bash")) {
            if (!onPath(shell)) {
                continue;
            }
            Run other = run(Map.of(), which(shell), "-c", SCRIPT.command());
            assertThat(other.exit()).as(shell).isZero();
            assertThat(MetricsOutput.split(other.stdout()).keySet()).as(shell).containsExactlyElementsOf(SECTIONS);
            HostMetrics m = MetricsParser.parse(other.stdout());
            assertThat(m.system()).as(shell).isEqualTo(metrics.system());
            assertThat(m.memory().totalGiB())
                    .as(shell)
                    .isEqualTo(metrics.memory().totalGiB());
            assertThat(m.cpu().percent()).as(shell).isNotNull();
            assertThat(m.disk().filesystems())
                    .as(shell)
                    .extracting(Filesystem::mount)
                    .isEqualTo(mounts(metrics));
        }
    }

    @Test
    void withoutSsIpAndIptablesSaveThoseGroupsDegradeAndTheRestParses() throws IOException {
        Path bin = toolsWithout(Set.of("ss", "ip", "iptables-save"));
        Set<String> before = listeningPorts();
        Run degraded = run(Map.of("PATH", bin.toString()), "/bin/sh", "-c", SCRIPT.command());
        Set<String> after = listeningPorts();
        assertThat(degraded.exit()).isZero();
        HostMetrics m = MetricsParser.parse(degraded.stdout());

        if (onPath("netstat")) {
            assertThat(m.ports().source()).isEqualTo("netstat");
            assertPortsBetween(m, before, after);
        }
        // names from /proc/net/dev, no addresses and no states without ip
        assertThat(m.network().interfaces())
                .extracting(Interface::name)
                .containsExactlyInAnyOrderElementsOf(metrics.network().interfaces().stream()
                        .map(Interface::name)
                        .toList());
        assertThat(m.network().interfaces()).allSatisfy(i -> {
            assertThat(i.ip()).isEmpty();
            assertThat(i.state()).isEqualTo("UNKNOWN");
            assertThat(i.rxRateBps()).isNotNull();
        });
        assertThat(m.firewall()).isEqualTo(HostMetrics.empty().firewall());
        assertUnaffected(m);

        Path fewer = toolsWithout(Set.of("ss", "ip", "iptables-save", "netstat"));
        HostMetrics none = MetricsParser.parse(run(Map.of("PATH", fewer.toString()), "/bin/sh", "-c", SCRIPT.command())
                .stdout());
        assertThat(none.ports()).isEqualTo(HostMetrics.empty().ports());
        assertUnaffected(none);
    }

    @Test
    void busyboxAloneDegradesToItsApplets() throws IOException {
        assumeTrue(onPath("busybox"), "no busybox on the PATH");
        Path bin = linkDir();
        for (String applet : sh("busybox --list").lines().toList()) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of(which("busybox")));
        }
        Run busybox = run(Map.of("PATH", bin.toString()), which("busybox"), "sh", "-c", SCRIPT.command());
        assertThat(busybox.exit()).isZero();
        assertThat(MetricsOutput.split(busybox.stdout()).keySet()).containsExactlyElementsOf(SECTIONS);
        HostMetrics m = MetricsParser.parse(busybox.stdout());
        assertThat(m.system()).isEqualTo(metrics.system());
        assertThat(m.cpu().percent()).isNotNull();
        assertThat(m.memory().totalGiB()).isEqualTo(metrics.memory().totalGiB());
        assertThat(m.disk().mount()).isEqualTo(metrics.disk().mount());
        // busybox ps knows no %CPU: every process is listed, at "0"
        assertThat(m.processes().total()).isPositive();
        assertThat(m.processes().top()).extracting(TopProcess::cpu).containsOnly("0");
        assertThat(m.network().interfaces())
                .extracting(Interface::name)
                .containsExactlyInAnyOrderElementsOf(metrics.network().interfaces().stream()
                        .map(Interface::name)
                        .toList());
        assertThat(m.firewall()).isEqualTo(HostMetrics.empty().firewall());
        if (sh("busybox --list").lines().anyMatch("netstat"::equals)) {
            assertThat(m.ports().source()).isEqualTo("netstat");
        }
    }

    @Test
    void theSplitFormOneExecPerSectionParsesAsOne() {
        StringBuilder stdout = new StringBuilder();
        for (Section section : SCRIPT.sections()) {
            Run one = run(Map.of(), "/bin/sh", "-c", SCRIPT.commandFor(section));
            assertThat(one.exit()).as(section.name()).isZero();
            stdout.append(one.stdout());
        }
        assertThat(MetricsOutput.split(stdout.toString()).keySet()).containsExactlyElementsOf(SECTIONS);
        HostMetrics m = MetricsParser.parse(stdout.toString());
        assertThat(m.cpu().percent()).isNotNull();
        assertThat(m.network().interfaces())
                .allSatisfy(i -> assertThat(i.rxRateBps()).isNotNull());
        assertUnaffected(m);
    }

    /** The groups no missing tool touches, as in the full run. */
    private static void assertUnaffected(HostMetrics m) {
        assertThat(m.system()).isEqualTo(metrics.system());
        assertThat(m.cpu().cores()).isEqualTo(metrics.cpu().cores());
        assertThat(m.cpu().percent()).isNotNull();
        assertThat(m.memory().totalGiB()).isEqualTo(metrics.memory().totalGiB());
        assertThat(mounts(m)).isEqualTo(mounts(metrics));
        assertThat(m.uptime().seconds()).isGreaterThanOrEqualTo(metrics.uptime().seconds());
        assertThat(m.processes().total()).isPositive();
        assertThat(m.processes().top()).isNotEmpty();
    }

    private static List<String> mounts(HostMetrics m) {
        return m.disk().filesystems().stream().map(Filesystem::mount).toList();
    }

    private Path linkDir() throws IOException {
        Path dir = Files.createTempDirectory("porthole-tools");
        linkDirs.add(dir);
        return dir;
    }

    private Path toolsWithout(Set<String> missing) throws IOException {
        Path bin = linkDir();
        for (String tool : TOOLS) {
            if (!missing.contains(tool) && onPath(tool)) {
                Files.createSymbolicLink(bin.resolve(tool), Path.of(which(tool)));
            }
        }
        return bin;
    }

    private static List<Double> marks(String section) {
        List<Double> marks = new ArrayList<>();
        for (String line : section.lines().toList()) {
            if (line.startsWith(MetricsScript.SAMPLE_HEADER)) {
                marks.add(Double.valueOf(
                        line.substring(MetricsScript.SAMPLE_HEADER.length()).split("\\s+")[0]));
            }
        }
        return marks;
    }

    private static String linkState(String name) {
        String[] t = sh("ip -o link show dev " + name).trim().split("\\s+");
        for (int i = 0; i + 1 < t.length; i++) {
            if (t[i].equals("state")) {
                return t[i + 1];
            }
        }
        return "UNKNOWN";
    }

    private static String prettyName() {
        for (String line : read("/etc/os-release").lines().toList()) {
            if (line.startsWith("PRETTY_NAME=")) {
                return line.substring("PRETTY_NAME=".length()).replaceAll("^[\"']|[\"']$", "");
            }
        }
        return null;
    }

    private static long meminfo(String key) {
        return read("/proc/meminfo")
                .lines()
                .filter(l -> l.startsWith(key + ":"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                .findFirst()
                .orElseThrow();
    }

    // the last mount on a path is the one df reports
    private static Map<String, String> mountTypes() {
        Map<String, String> types = new HashMap<>();
        for (String line : read("/proc/self/mounts").lines().toList()) {
            String[] t = line.split(" ");
            types.put(t[1].replace("\\040", " "), t[2]);
        }
        return types;
    }

    private static double uptime() {
        return Double.parseDouble(read("/proc/uptime").split("\\s+")[0]);
    }

    private static long processCount() {
        try (Stream<Path> all = Files.list(Path.of("/proc"))) {
            return all.filter(p -> p.getFileName().toString().matches("\\d+")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Long> receivedBytes() {
        Map<String, Long> rx = new LinkedHashMap<>();
        for (String line : read("/proc/net/dev").lines().skip(2).toList()) {
            String[] nameAndCounters = line.split(":", 2);
            rx.put(
                    nameAndCounters[0].trim(),
                    Long.valueOf(nameAndCounters[1].trim().split("\\s+")[0]));
        }
        return rx;
    }

    private static Set<String> listeningPorts() {
        if (!onPath("ss")) {
            return Set.of();
        }
        Set<String> ports = new HashSet<>();
        for (String line : sh("ss -tuln").lines().skip(1).toList()) {
            String[] t = line.trim().split("\\s+");
            ports.add(t[0] + "/" + t[4].substring(t[4].lastIndexOf(':') + 1));
        }
        return ports;
    }

    static boolean onPath(String tool) {
        return !which(tool).isEmpty();
    }

    private static String which(String tool) {
        return sh("command -v " + tool).trim();
    }

    private static String sh(String command) {
        return run(null, "/bin/sh", "-c", command + " 2>/dev/null").stdout();
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // a thermal zone whose sensor is gone fails the read
    private static String readable(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            return "";
        }
    }

    /** Runs a command, stderr discarded; {@code env} replaces the environment's entries it names (null: as is). */
    private static Run run(Map<String, String> env, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        if (env != null) {
            builder.environment().putAll(env);
        }
        long started = System.nanoTime();
        try {
            Process process = builder.start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after 30 s: " + String.join(" ", command));
            }
            return new Run(stdout, process.exitValue(), (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
