package dev.porthole.plugins.stats.collect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One poll's metrics of a host, shaped as Termix's {@code GET /metrics/:id} body (spec 002, notes §4.4): every record
 * component is named as its JSON key, a null component is JSON null. Two keys cannot be component names
 * ({@code login_stats}, a firewall rule's {@code interface}), so the body is {@link #toJson()}, not this record.
 *
 * <p>The numbers an exporter or a history table needs are kept as numbers: {@link Cpu#usageRatio()}, {@link Cpu#load},
 * {@link Memory#usedBytes()}, {@link Filesystem#usedBytes}, {@link Interface#rxByteCount()}, {@link Interface#rxRateBps},
 * {@link Uptime#seconds}.
 */
public record HostMetrics(
        Cpu cpu,
        Memory memory,
        Disk disk,
        Network network,
        Uptime uptime,
        Processes processes,
        SystemInfo system,
        LoginStats loginStats,
        Ports ports,
        Firewall firewall,
        Temperature temperature) {

    /** Every group empty: what a host that printed nothing usable gives. */
    public static HostMetrics empty() {
        return new HostMetrics(
                new Cpu(null, null, null),
                new Memory(null, null, null),
                new Disk(null, null, null, null, null, List.of()),
                new Network(List.of()),
                new Uptime(null, null),
                new Processes(null, null, List.of()),
                new SystemInfo(null, null, null),
                new LoginStats(List.of(), List.of(), 0, 0),
                new Ports(Ports.NONE, List.of()),
                Firewall.NONE,
                new Temperature(Temperature.NONE, null, List.of()));
    }

    /**
     * The groups of the 404 body when a host has no snapshot yet, all null-filled; Termix's body has only these seven
     * (the route puts {@code error} before them and {@code lastChecked} after).
     */
    public static Map<String, Object> notAvailableJson() {
        HostMetrics empty = empty();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cpu", empty.cpu);
        json.put("memory", empty.memory);
        json.put("disk", empty.disk);
        json.put("network", empty.network);
        json.put("uptime", empty.uptime);
        json.put("processes", empty.processes);
        json.put("system", empty.system);
        return json;
    }

    /** The 200 body's groups in Termix's key order (the route adds {@code lastChecked}). */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cpu", cpu);
        json.put("memory", memory);
        json.put("disk", disk);
        json.put("network", network);
        json.put("uptime", uptime);
        json.put("processes", processes);
        json.put("system", system);
        json.put("login_stats", loginStats);
        json.put("ports", ports);
        json.put("firewall", firewall.toJson());
        json.put("temperature", temperature);
        return json;
    }

    /**
     * @param percent busy share of the pause between the two {@code /proc/stat} readings, 0–100
     * @param cores online processors
     * @param load the 1, 5 and 15 minute load averages, or null
     */
    public record Cpu(Integer percent, Integer cores, List<Double> load) {
        /** {@link #percent} as a ratio 0–1, for an exporter. */
        public Double usageRatio() {
            return percent == null ? null : percent / 100.0;
        }
    }

    /**
     * @param percent used share of MemTotal, used being MemTotal − MemAvailable
     * @param usedGiB used memory in GiB, 2 decimals
     * @param totalGiB MemTotal in GiB, 2 decimals
     */
    public record Memory(Integer percent, Double usedGiB, Double totalGiB) {
        private static final double GIB = 1024.0 * 1024 * 1024;

        /** {@link #usedGiB} in bytes, to within its two decimals (5 MiB). */
        public Long usedBytes() {
            return usedGiB == null ? null : Math.round(usedGiB * GIB);
        }

        /** {@link #totalGiB} in bytes, to within its two decimals (5 MiB). */
        public Long totalBytes() {
            return totalGiB == null ? null : Math.round(totalGiB * GIB);
        }
    }

    /**
     * The headline values are those of the file system mounted at {@code /}, or else of the fullest one.
     *
     * @param percent used share, as df's Capacity
     * @param usedHuman used, as {@code df -h} writes it ({@code 20G}, {@code 1.5G})
     * @param totalHuman size, as {@code df -h} writes it
     * @param availableHuman available, as {@code df -h} writes it
     * @param mount where the headline file system is mounted
     * @param filesystems every real file system (pseudo ones left out)
     */
    public record Disk(
            Integer percent,
            String usedHuman,
            String totalHuman,
            String availableHuman,
            String mount,
            List<Filesystem> filesystems) {}

    /**
     * One row of {@code df}.
     *
     * @param label set from the host's monitored-mount settings, never by the parser
     */
    public record Filesystem(
            String filesystem,
            String type,
            String mount,
            Integer percent,
            String usedHuman,
            String totalHuman,
            String availableHuman,
            Long usedBytes,
            long totalBytes,
            Long availableBytes,
            String label) {}

    /** The host's network interfaces but loopback. */
    public record Network(List<Interface> interfaces) {}

    /**
     * @param ip the first IPv4 address, else the first IPv6 one, without prefix length; empty if none
     * @param state as {@code ip link} says it ({@code UP}, {@code DOWN}), {@code UNKNOWN} without {@code ip}
     * @param rxBytes received bytes at the second reading, as a string (as Termix writes it)
     * @param txBytes sent bytes at the second reading, as a string
     * @param rxRateBps received bytes per second between the readings, null if the counter went back
     * @param txRateBps sent bytes per second between the readings
     */
    public record Interface(
            String name, String ip, String state, String rxBytes, String txBytes, Long rxRateBps, Long txRateBps) {
        /** {@link #rxBytes} as a number. */
        public Long rxByteCount() {
            return rxBytes == null ? null : Long.valueOf(rxBytes);
        }

        /** {@link #txBytes} as a number. */
        public Long txByteCount() {
            return txBytes == null ? null : Long.valueOf(txBytes);
        }
    }

    /** @param formatted {@code <d>d <h>h <m>m} */
    public record Uptime(Double seconds, String formatted) {}

    /**
     * @param total processes, kernel threads included (as {@code ps aux} counts them)
     * @param running processes in state R
     * @param top the ten busiest by CPU share
     */
    public record Processes(Integer total, Integer running, List<TopProcess> top) {}

    /** One process; every value a string, as Termix writes them ({@code cpu} "0" where ps gives none). */
    public record TopProcess(String pid, String user, String cpu, String mem, String command) {}

    /** @param os PRETTY_NAME of os-release */
    public record SystemInfo(String hostname, String kernel, String os) {}

    /**
     * @param recentLogins the ten latest successful logins, newest first
     * @param failedLogins the ten latest failed ones, newest first
     * @param totalLogins successful logins among the latest twenty sessions
     * @param uniqueIPs distinct remote addresses among all of them
     */
    public record LoginStats(List<Login> recentLogins, List<Login> failedLogins, int totalLogins, int uniqueIPs) {}

    /**
     * @param ip the remote address (IPv4 or IPv6), {@code local} for a console login, {@code unknown} if none
     * @param time ISO-8601 in UTC ({@code 2026-12-07T12:27:53.000Z}), or the host's text if it does not parse
     * @param status {@code success} or {@code failed}
     */
    public record Login(String user, String ip, String time, String status) {}

    /**
     * @param source {@code ss}, {@code netstat} or {@code none}
     * @param ports listening sockets by port
     */
    public record Ports(String source, List<Port> ports) {
        static final String NONE = "none";
    }

    /**
     * @param protocol {@code tcp} or {@code udp}
     * @param state tcp only
     * @param pid null unless the SSH user may see the socket's process (root)
     * @param process likewise
     */
    public record Port(
            String protocol, String localAddress, int localPort, String state, Integer pid, String process) {}

    /**
     * @param type {@code iptables}, {@code nftables} or {@code none}
     * @param status {@code active} when a chain has a rule or a policy other than ACCEPT, {@code inactive}, or
     *     {@code unknown} when no firewall could be read
     * @param chains iptables: INPUT, FORWARD and OUTPUT of the filter table; nftables: every chain
     */
    public record Firewall(String type, String status, List<Chain> chains) {
        static final Firewall NONE = new Firewall("none", "unknown", List.of());

        /** This group as JSON: rules carry an {@code interface} key, which no record component can be named. */
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", type);
            json.put("status", status);
            json.put(
                    "chains",
                    chains.stream()
                            .map(c -> {
                                Map<String, Object> chain = new LinkedHashMap<>();
                                chain.put("name", c.name());
                                chain.put("policy", c.policy());
                                chain.put(
                                        "rules",
                                        c.rules().stream().map(Rule::toJson).toList());
                                return chain;
                            })
                            .toList());
            return json;
        }
    }

    /** @param policy ACCEPT, DROP, … ; {@code -} for a chain without one (not a base chain) */
    public record Chain(String name, String policy, List<Rule> rules) {}

    /**
     * One rule; the optional parts are null when the rule does not say them.
     *
     * @param target the verdict or jump target ({@code ACCEPT}, {@code DROP}, a chain), empty if none
     * @param protocol {@code all} unless the rule names one
     * @param source {@code 0.0.0.0/0} unless the rule names one; a negated match keeps its {@code !}
     * @param destination likewise
     * @param iface the input interface ({@code interface} in JSON)
     * @param extra iptables: the rule's options beyond these fields; nftables: the whole rule
     */
    public record Rule(
            String chain,
            String target,
            String protocol,
            String source,
            String destination,
            String dport,
            String sport,
            String state,
            String iface,
            String extra) {
        /** The rule as Termix writes it: the optional keys left out when unset. */
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("chain", chain);
            json.put("target", target);
            json.put("protocol", protocol);
            json.put("source", source);
            json.put("destination", destination);
            putIfSet(json, "dport", dport);
            putIfSet(json, "sport", sport);
            putIfSet(json, "state", state);
            putIfSet(json, "interface", iface);
            putIfSet(json, "extra", extra);
            return json;
        }

        private static void putIfSet(Map<String, Object> json, String key, String value) {
            if (value != null) {
                json.put(key, value);
            }
        }
    }

    /**
     * @param source {@code sysfs}, {@code sensors} or {@code none}
     * @param highestCelsius the hottest sensor, 1 decimal
     */
    public record Temperature(String source, Double highestCelsius, List<Sensor> sensors) {
        static final String NONE = "none";
    }

    /** @param celsius 1 decimal */
    public record Sensor(String label, double celsius) {}
}
