package dev.porthole.plugins.stats.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;

import dev.porthole.plugins.stats.collect.HostMetrics.Chain;
import dev.porthole.plugins.stats.collect.HostMetrics.Cpu;
import dev.porthole.plugins.stats.collect.HostMetrics.Disk;
import dev.porthole.plugins.stats.collect.HostMetrics.Filesystem;
import dev.porthole.plugins.stats.collect.HostMetrics.Firewall;
import dev.porthole.plugins.stats.collect.HostMetrics.Interface;
import dev.porthole.plugins.stats.collect.HostMetrics.Login;
import dev.porthole.plugins.stats.collect.HostMetrics.LoginStats;
import dev.porthole.plugins.stats.collect.HostMetrics.Memory;
import dev.porthole.plugins.stats.collect.HostMetrics.Network;
import dev.porthole.plugins.stats.collect.HostMetrics.Port;
import dev.porthole.plugins.stats.collect.HostMetrics.Ports;
import dev.porthole.plugins.stats.collect.HostMetrics.Processes;
import dev.porthole.plugins.stats.collect.HostMetrics.Rule;
import dev.porthole.plugins.stats.collect.HostMetrics.Sensor;
import dev.porthole.plugins.stats.collect.HostMetrics.SystemInfo;
import dev.porthole.plugins.stats.collect.HostMetrics.Temperature;
import dev.porthole.plugins.stats.collect.HostMetrics.TopProcess;
import dev.porthole.plugins.stats.collect.HostMetrics.Uptime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The parser on outputs written down from real hosts of each kind, value by value. */
class MetricsParserTest {

    static String canned(String name) {
        try (InputStream in = MetricsParserTest.class.getResourceAsStream("/collect/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Root on Debian: ss -p, iptables rules, lastb, sysfs thermal zones. */
    @Nested
    class RootHost {
        final HostMetrics m = MetricsParser.parse(canned("root-host.txt"));

        @Test
        void cpuIsTheBusyShareOfThePauseWithoutGuestTime() {
            // Δ(user…steal) = 800, Δ(idle+iowait) = 300; the guest column (+50) is inside user already
            assertThat(m.cpu()).isEqualTo(new Cpu(63, 4, List.of(0.52, 0.58, 0.59)));
            assertThat(m.cpu().usageRatio()).isEqualTo(0.63);
        }

        @Test
        void memoryIsTotalMinusAvailable() {
            assertThat(m.memory()).isEqualTo(new Memory(26, 4.12, 15.56));
            assertThat(m.memory().totalBytes()).isEqualTo(Math.round(15.56 * 1024 * 1024 * 1024));
        }

        @Test
        void diskLeavesPseudoFilesystemsOutAndWritesSizesAsDfH() {
            Filesystem root = new Filesystem(
                    "/dev/sda1", "ext4", "/", 22, "20G", "98G", "73G", 21474836480L, 105089261568L, 78228856832L, null);
            assertThat(m.disk())
                    .isEqualTo(new Disk(
                            22,
                            "20G",
                            "98G",
                            "73G",
                            "/",
                            List.of(
                                    root,
                                    new Filesystem(
                                            "/dev/sda2",
                                            "xfs",
                                            "/srv/my data",
                                            1,
                                            "1.5G",
                                            "1.0T",
                                            "1023G",
                                            1610612736L,
                                            1099511627776L,
                                            1097900015040L,
                                            null),
                                    new Filesystem(
                                            "/dev/sdb1",
                                            "vfat",
                                            "/boot/efi",
                                            1,
                                            "6.0K",
                                            "511M",
                                            "511M",
                                            6144L,
                                            535805952L,
                                            535799808L,
                                            null))));
        }

        @Test
        void networkRatesComeFromTheUptimeOfEachReading() {
            assertThat(m.network())
                    .isEqualTo(new Network(List.of(
                            // the IPv4 address although ip listed the IPv6 one first
                            new Interface("eth0", "203.0.113.10", "UP", "1500000", "2500", 1_000_000L, 1_000L),
                            // rx went back (a reset counter): no rate rather than a negative one
                            new Interface("wlan0", "fe80::1234", "DOWN", "100", "900100", null, 200L),
                            // "veth1a2b@if6" in ip, "veth1a2b:12345…" without a space in /proc/net/dev
                            new Interface("veth1a2b", "", "UP", "12345678951234", "98765432109876", 100_000L, 0L))));
            assertThat(m.network().interfaces().get(0).rxByteCount()).isEqualTo(1_500_000L);
        }

        @Test
        void uptime() {
            assertThat(m.uptime()).isEqualTo(new Uptime(93784.55, "1d 2h 3m"));
        }

        @Test
        void processesAreCountedAndTheTenBusiestKept() {
            Processes p = m.processes();
            assertThat(p.total()).isEqualTo(13);
            assertThat(p.running()).isEqualTo(2);
            assertThat(p.top())
                    .extracting(TopProcess::pid)
                    .containsExactly("1200", "812", "1300", "901", "902", "1600", "1500", "1501", "1400", "1");
            assertThat(p.top())
                    .extracting(TopProcess::cpu)
                    .containsExactly("99.9", "12.5", "7.25", "3", "3", "2", "1", "0.5", "0.1", "0");
            assertThat(p.top().get(0))
                    .isEqualTo(new TopProcess(
                            "1200", "root", "99.9", "10", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java -Xmx4g"));
            assertThat(p.top().get(1).command()).isEqualTo("postgres: 15/main: checkpointer");
        }

        @Test
        void system() {
            assertThat(m.system())
                    .isEqualTo(new SystemInfo("web-1", "6.1.0-13-amd64", "Debian GNU/Linux 12 (bookworm)"));
        }

        @Test
        void loginsInUtcFromTheHostsOffsetWithIpv6AndConsoleLogins() {
            LoginStats s = m.loginStats();
            assertThat(s.recentLogins())
                    .containsExactly(
                            new Login("alice", "2001:db8::77", "2026-03-05T08:12:01.000Z", "success"),
                            new Login("alice", "203.0.113.50", "2026-03-04T17:00:00.000Z", "success"),
                            new Login("bob", "203.0.113.50", "2026-03-03T07:00:00.000Z", "success"),
                            new Login("root", "local", "2026-03-02T06:05:00.000Z", "success"),
                            new Login("carol", "local", "2026-03-01T11:00:00.000Z", "success"),
                            new Login("dave", "198.51.100.9", "2026-03-01T10:00:00.000Z", "success"));
            assertThat(s.failedLogins())
                    .containsExactly(
                            new Login("admin", "2001:db8:bad::1", "2026-03-05T08:59:58.000Z", "failed"),
                            new Login("root", "192.0.2.66", "2026-03-05T08:58:00.000Z", "failed"),
                            new Login("root", "local", "2026-03-04T06:00:00.000Z", "failed"));
            assertThat(s.totalLogins()).isEqualTo(6);
            assertThat(s.uniqueIPs()).isEqualTo(5);
        }

        @Test
        void portsFromSsWithTheirProcessesByPort() {
            assertThat(m.ports())
                    .isEqualTo(new Ports(
                            "ss",
                            List.of(
                                    new Port("tcp", "0.0.0.0", 22, "LISTEN", 1400, "sshd"),
                                    new Port("tcp", "::", 22, "LISTEN", 1400, "sshd"),
                                    new Port("udp", "127.0.0.53%lo", 53, null, 611, "systemd-resolve"),
                                    new Port("tcp", "*", 80, "LISTEN", 901, "nginx"),
                                    new Port("udp", "fe80::1234%wlan0", 546, null, 700, "dhclient"),
                                    new Port("tcp", "127.0.0.1", 5432, "LISTEN", 812, "postgres"),
                                    new Port("tcp", "::ffff:127.0.0.1", 8080, "LISTEN", 1200, "Web Content"))));
        }

        @Test
        void iptablesBuiltInChainsOfTheFilterTable() {
            String any = "0.0.0.0/0";
            assertThat(m.firewall())
                    .isEqualTo(new Firewall(
                            "iptables",
                            "active",
                            List.of(
                                    new Chain(
                                            "INPUT",
                                            "DROP",
                                            List.of(
                                                    new Rule(
                                                            "INPUT", "ACCEPT", "all", any, any, null, null, null, "lo",
                                                            null),
                                                    new Rule(
                                                            "INPUT",
                                                            "ACCEPT",
                                                            "all",
                                                            any,
                                                            any,
                                                            null,
                                                            null,
                                                            "RELATED,ESTABLISHED",
                                                            null,
                                                            "-m conntrack"),
                                                    new Rule(
                                                            "INPUT",
                                                            "ACCEPT",
                                                            "tcp",
                                                            any,
                                                            any,
                                                            "22",
                                                            null,
                                                            null,
                                                            null,
                                                            "-m tcp -m comment --comment \"ssh from anywhere\""),
                                                    new Rule(
                                                            "INPUT",
                                                            "ACCEPT",
                                                            "tcp",
                                                            "!10.0.0.0/8",
                                                            any,
                                                            "80,443",
                                                            null,
                                                            null,
                                                            null,
                                                            "-m multiport"),
                                                    new Rule(
                                                            "INPUT",
                                                            "f2b-sshd",
                                                            "tcp",
                                                            any,
                                                            any,
                                                            "22",
                                                            null,
                                                            null,
                                                            null,
                                                            "-m multiport"),
                                                    new Rule(
                                                            "INPUT",
                                                            "DROP",
                                                            "udp",
                                                            "198.51.100.0/24",
                                                            "203.0.113.10/32",
                                                            null,
                                                            "53",
                                                            null,
                                                            null,
                                                            "-m udp"))),
                                    new Chain("FORWARD", "DROP", List.of()),
                                    new Chain(
                                            "OUTPUT",
                                            "ACCEPT",
                                            List.of(new Rule(
                                                    "OUTPUT", "ACCEPT", "icmp", any, any, null, null, null, null,
                                                    "-o eth0"))))));
        }

        @Test
        void temperatureFromThermalZonesInDegrees() {
            assertThat(m.temperature())
                    .isEqualTo(new Temperature(
                            "sysfs",
                            45.5,
                            List.of(
                                    new Sensor("acpitz", 27.8),
                                    new Sensor("x86_pkg_temp", 45.5),
                                    new Sensor("iwlwifi_1", -40.0))));
        }
    }

    /** Root with nftables instead of iptables, netstat instead of ss, sshd's log instead of btmp, lm-sensors. */
    @Nested
    class NftablesHost {
        final HostMetrics m = MetricsParser.parse(canned("nft-host.txt"));

        @Test
        void nftablesBaseChainPoliciesAreNotRulesAndSetsAreNotChains() {
            Firewall f = m.firewall();
            assertThat(f.type()).isEqualTo("nftables");
            assertThat(f.status()).isEqualTo("active");
            assertThat(f.chains())
                    .extracting(Chain::name, Chain::policy, c -> c.rules().size())
                    .containsExactly(
                            tuple("input", "DROP", 9),
                            tuple("forward", "DROP", 0),
                            tuple("output", "ACCEPT", 0),
                            tuple("logging", "-", 1),
                            tuple("postrouting", "ACCEPT", 1));
        }

        @Test
        void nftablesRulesKeepTheirTextAndTheFieldsTheySay() {
            List<Rule> input = m.firewall().chains().get(0).rules();
            String any = "0.0.0.0/0";
            assertThat(input)
                    .containsExactly(
                            new Rule(
                                    "input",
                                    "ACCEPT",
                                    "all",
                                    any,
                                    any,
                                    null,
                                    null,
                                    "ESTABLISHED,RELATED",
                                    null,
                                    "ct state established,related accept"),
                            new Rule(
                                    "input",
                                    "DROP",
                                    "all",
                                    any,
                                    any,
                                    null,
                                    null,
                                    "INVALID",
                                    null,
                                    "ct state invalid drop"),
                            new Rule("input", "ACCEPT", "all", any, any, null, null, null, "lo", "iif \"lo\" accept"),
                            new Rule(
                                    "input",
                                    "DROP",
                                    "all",
                                    "@blocklist",
                                    any,
                                    null,
                                    null,
                                    null,
                                    null,
                                    "ip saddr @blocklist drop"),
                            new Rule(
                                    "input",
                                    "ACCEPT",
                                    "tcp",
                                    any,
                                    any,
                                    "22",
                                    null,
                                    null,
                                    null,
                                    "tcp dport 22 accept comment \"ssh\""),
                            new Rule(
                                    "input",
                                    "ACCEPT",
                                    "tcp",
                                    any,
                                    any,
                                    "{ 80, 443 }",
                                    null,
                                    null,
                                    null,
                                    "tcp dport { 80, 443 } accept"),
                            new Rule(
                                    "input",
                                    "ACCEPT",
                                    "icmpv6",
                                    any,
                                    any,
                                    null,
                                    null,
                                    null,
                                    null,
                                    "ip6 nexthdr icmpv6 accept"),
                            // "drop" inside the log prefix is no verdict; the last word is
                            new Rule(
                                    "input",
                                    "DROP",
                                    "udp",
                                    "!10.0.0.0/8",
                                    any,
                                    "51820",
                                    null,
                                    null,
                                    null,
                                    "udp dport 51820 ip saddr != 10.0.0.0/8 log prefix \"wg drop: \" drop"),
                            new Rule(
                                    "input",
                                    "logging",
                                    "all",
                                    any,
                                    any,
                                    null,
                                    null,
                                    null,
                                    null,
                                    "counter packets 10 bytes 600 jump logging"));
            assertThat(m.firewall().chains().get(3).rules().get(0).target()).isEmpty();
            assertThat(m.firewall().chains().get(4).rules().get(0).target()).isEqualTo("MASQUERADE");
        }

        @Test
        void portsFromNetstatWithProgramNamesHoldingSpaces() {
            assertThat(m.ports())
                    .isEqualTo(new Ports(
                            "netstat",
                            List.of(
                                    new Port("tcp", "0.0.0.0", 22, "LISTEN", 1400, "sshd: /usr/sbi"),
                                    new Port("tcp", "::", 22, "LISTEN", 1400, "sshd: /usr/sbi"),
                                    new Port("udp", "0.0.0.0", 68, null, 700, "dhclient"),
                                    new Port("tcp", "127.0.0.1", 631, "LISTEN", 880, "cupsd"),
                                    new Port("udp", "::", 5353, null, null, null))));
        }

        @Test
        void failedLoginsFromRfc3339LogLinesNewestFirstWithIpv6() {
            assertThat(m.loginStats())
                    .isEqualTo(new LoginStats(
                            List.of(),
                            List.of(
                                    new Login("root", "192.0.2.99", "2026-03-05T08:46:00.000Z", "failed"),
                                    new Login("root", "192.0.2.99", "2026-03-05T08:45:00.000Z", "failed"),
                                    new Login("oracle", "2001:db8:bad::2", "2026-03-05T08:40:02.500Z", "failed"),
                                    new Login("oracle", "2001:db8:bad::2", "2026-03-05T08:40:00.123Z", "failed")),
                            0,
                            2));
        }

        @Test
        void sensorsInBothDegreeSpellings() {
            assertThat(m.temperature())
                    .isEqualTo(new Temperature(
                            "sensors",
                            53.5,
                            List.of(
                                    new Sensor("Package id 0", 52.0),
                                    new Sensor("Core 0", 50.0),
                                    new Sensor("Core 1", 53.5),
                                    new Sensor("Composite", 38.9),
                                    new Sensor("temp1", 27.8))));
        }

        @Test
        void groupsWhoseSectionsAreMissingAreEmpty() {
            HostMetrics empty = HostMetrics.empty();
            assertThat(m.cpu()).isEqualTo(empty.cpu());
            assertThat(m.memory()).isEqualTo(empty.memory());
            assertThat(m.disk()).isEqualTo(empty.disk());
            assertThat(m.network()).isEqualTo(empty.network());
            assertThat(m.uptime()).isEqualTo(empty.uptime());
            assertThat(m.processes()).isEqualTo(empty.processes());
            assertThat(m.system()).isEqualTo(empty.system());
        }
    }

    /** A non-root user on Ubuntu: no ss, no firewall access, auth.log readable (group adm), no ip on the PATH. */
    @Nested
    class NonRootHost {
        final HostMetrics m = MetricsParser.parse(canned("nonroot-host.txt"));

        @Test
        void cpuWithoutTicksBetweenReadingsHasNoPercentAndAnEmptyLoadNone() {
            assertThat(m.cpu()).isEqualTo(new Cpu(null, 8, null));
        }

        @Test
        void memoryAndDisk() {
            assertThat(m.memory()).isEqualTo(new Memory(50, 0.97, 1.94));
            assertThat(m.disk().percent()).isEqualTo(25);
            assertThat(m.disk().filesystems())
                    .extracting(
                            Filesystem::mount,
                            Filesystem::usedHuman,
                            Filesystem::totalHuman,
                            Filesystem::availableHuman)
                    .containsExactly(tuple("/", "9.0G", "40G", "29G"), tuple("/data", "170G", "200G", "30G"));
        }

        @Test
        void withoutIpTheInterfacesComeFromProcNetDevAndWithoutTimesThereAreNoRates() {
            assertThat(m.network())
                    .isEqualTo(
                            new Network(List.of(new Interface("eth0", "", "UNKNOWN", "556000", "667000", null, null))));
        }

        @Test
        void processesUptimeAndSingleQuotedPrettyName() {
            assertThat(m.processes())
                    .isEqualTo(new Processes(
                            3,
                            1,
                            List.of(
                                    new TopProcess("1", "root", "0.1", "0.5", "/sbin/init splash"),
                                    new TopProcess("555", "systemd+", "0", "0.3", "/lib/systemd/systemd-timesyncd"),
                                    new TopProcess(
                                            "900", "ubuntu", "0", "0.2", "ps -eo pid,user,pcpu,pmem,stat,args"))));
            assertThat(m.uptime()).isEqualTo(new Uptime(12.34, "0d 0h 0m"));
            assertThat(m.system()).isEqualTo(new SystemInfo("db-1", "5.15.0-105-generic", "Ubuntu 22.04.4 LTS"));
        }

        @Test
        void syslogStampsTakeTheHostsYearOrTheYearBefore() {
            assertThat(m.loginStats())
                    .isEqualTo(new LoginStats(
                            List.of(new Login("erin", "192.0.2.10", "2026-01-02T01:00:00.000Z", "success")),
                            List.of(
                                    new Login("test", "fe80::1%eth0", "2026-01-02T03:04:00.000Z", "failed"),
                                    new Login("unknown", "198.51.100.20", "2026-01-01T00:00:01.000Z", "failed"),
                                    new Login("root", "192.0.2.10", "2025-12-31T23:59:59.000Z", "failed")),
                            1,
                            3));
        }

        @Test
        void netstatWithoutProcessesAndNoFirewallNoTemperature() {
            assertThat(m.ports())
                    .isEqualTo(new Ports(
                            "netstat",
                            List.of(
                                    new Port("tcp", "0.0.0.0", 22, "LISTEN", null, null),
                                    new Port("tcp", "::", 22, "LISTEN", null, null),
                                    new Port("udp", "0.0.0.0", 68, null, null, null))));
            assertThat(m.firewall()).isEqualTo(new Firewall("none", "unknown", List.of()));
            assertThat(m.temperature()).isEqualTo(new Temperature("none", null, List.of()));
        }
    }

    /** Busybox userland on an old kernel: ps without %CPU, ip without state, no MemAvailable, no os-release. */
    @Nested
    class BusyboxHost {
        final HostMetrics m = MetricsParser.parse(canned("busybox-host.txt"));

        @Test
        void cpuMemoryWithoutMemAvailableAndDisk() {
            assertThat(m.cpu()).isEqualTo(new Cpu(100, 2, List.of(4.32, 2.54, 1.81)));
            // MemFree + Cached + Buffers stand in for MemAvailable
            assertThat(m.memory()).isEqualTo(new Memory(46, 0.44, 0.97));
            assertThat(m.disk().filesystems())
                    .extracting(
                            Filesystem::mount,
                            Filesystem::usedHuman,
                            Filesystem::totalHuman,
                            Filesystem::availableHuman)
                    .containsExactly(tuple("/", "3.0G", "7.0G", "3.7G"), tuple("/boot", "50M", "256M", "206M"));
        }

        @Test
        void networkWithBusyboxIp() {
            assertThat(m.network())
                    .isEqualTo(new Network(List.of(
                            new Interface("eth0", "192.0.2.2", "UNKNOWN", "263168192", "722637", 100_000L, 1_000L),
                            new Interface("ifb0", "", "UNKNOWN", "0", "0", 0L, 0L))));
        }

        @Test
        void processesWithoutCpuColumnKeepPsOrder() {
            assertThat(m.processes().total()).isEqualTo(5);
            assertThat(m.processes().running()).isEqualTo(1);
            assertThat(m.processes().top())
                    .containsExactly(
                            new TopProcess("1", "root", "0", "0", "init"),
                            new TopProcess("2", "root", "0", "0", "[kthreadd]"),
                            new TopProcess("310", "root", "0", "0", "/sbin/syslogd -n"),
                            new TopProcess("402", "nobody", "0", "0", "httpd -f -p 80 -h /www"),
                            new TopProcess("500", "root", "0", "0", "ps -o pid,user,stat,args"));
        }

        @Test
        void theRest() {
            assertThat(m.system()).isEqualTo(new SystemInfo("router", "5.10.0", null));
            assertThat(m.loginStats()).isEqualTo(new LoginStats(List.of(), List.of(), 0, 0));
            assertThat(m.ports())
                    .isEqualTo(new Ports(
                            "netstat",
                            List.of(
                                    new Port("tcp", "::", 22, "LISTEN", null, null),
                                    new Port("udp", "0.0.0.0", 67, null, null, null),
                                    new Port("tcp", "0.0.0.0", 80, "LISTEN", null, null))));
            assertThat(m.firewall()).isEqualTo(HostMetrics.empty().firewall());
            assertThat(m.temperature()).isEqualTo(HostMetrics.empty().temperature());
        }
    }

    @Test
    void garbageInEverySectionGivesEmptyGroups() {
        HostMetrics m = MetricsParser.parse(canned("garbage.txt"));
        HostMetrics empty = HostMetrics.empty();
        assertThat(m.cpu()).isEqualTo(empty.cpu());
        assertThat(m.memory()).isEqualTo(empty.memory());
        assertThat(m.disk()).isEqualTo(empty.disk());
        assertThat(m.network()).isEqualTo(empty.network());
        assertThat(m.uptime()).isEqualTo(empty.uptime());
        assertThat(m.processes()).isEqualTo(empty.processes());
        assertThat(m.system()).isEqualTo(empty.system());
        assertThat(m.loginStats()).isEqualTo(empty.loginStats());
        assertThat(m.ports()).isEqualTo(new Ports("ss", List.of()));
        assertThat(m.firewall()).isEqualTo(new Firewall("iptables", "inactive", List.of()));
        assertThat(m.temperature()).isEqualTo(empty.temperature());
    }

    @Test
    void nothingAtAllIsTheEmptySnapshot() {
        assertThat(MetricsParser.parse("")).isEqualTo(HostMetrics.empty());
        assertThat(MetricsParser.parse("sh: 1: Syntax error: Unterminated quoted string\n"))
                .isEqualTo(HostMetrics.empty());
    }

    @Test
    void randomBytesAndShuffledLinesNeverThrow() {
        Random random = new Random(42);
        List<String> lines = List.of(canned("root-host.txt").split("\n"));
        for (int round = 0; round < 300; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                text.append(random.nextInt(4) == 0 ? randomLine(random) : lines.get(random.nextInt(lines.size())));
                text.append('\n');
            }
            String output = text.toString();
            assertThatCode(() -> MetricsParser.parse(output)).doesNotThrowAnyException();
        }
    }

    private static String randomLine(Random random) {
        char[] chars = new char[random.nextInt(80)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000));
        }
        return new String(chars);
    }
}
