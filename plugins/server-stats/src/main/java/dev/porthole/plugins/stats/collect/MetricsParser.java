package dev.porthole.plugins.stats.collect;

import dev.porthole.plugins.stats.collect.HostMetrics.Cpu;
import dev.porthole.plugins.stats.collect.HostMetrics.Disk;
import dev.porthole.plugins.stats.collect.HostMetrics.Filesystem;
import dev.porthole.plugins.stats.collect.HostMetrics.Interface;
import dev.porthole.plugins.stats.collect.HostMetrics.Memory;
import dev.porthole.plugins.stats.collect.HostMetrics.Network;
import dev.porthole.plugins.stats.collect.HostMetrics.Port;
import dev.porthole.plugins.stats.collect.HostMetrics.Ports;
import dev.porthole.plugins.stats.collect.HostMetrics.Processes;
import dev.porthole.plugins.stats.collect.HostMetrics.Sensor;
import dev.porthole.plugins.stats.collect.HostMetrics.SystemInfo;
import dev.porthole.plugins.stats.collect.HostMetrics.Temperature;
import dev.porthole.plugins.stats.collect.HostMetrics.TopProcess;
import dev.porthole.plugins.stats.collect.HostMetrics.Uptime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns {@link MetricsScript}'s output into {@link HostMetrics}, following Termix's rules (notes §4.3) where they are
 * right. A group whose section is missing, cut off or malformed gets its empty values; {@link #parse} never throws.
 */
public final class MetricsParser {
    /**
     * File system types left out of the disk group: memory-backed, kernel interfaces, container layers and read-only
     * images, none of which is space a host runs out of.
     */
    static final Set<String> PSEUDO_FILESYSTEMS = Set.of(
            "tmpfs",
            "devtmpfs",
            "ramfs",
            "rootfs",
            "overlay",
            "squashfs",
            "udev",
            "none",
            "shm",
            "proc",
            "sysfs",
            "devpts",
            "mqueue",
            "debugfs",
            "tracefs",
            "securityfs",
            "pstore",
            "bpf",
            "configfs",
            "fusectl",
            "hugetlbfs",
            "autofs",
            "binfmt_misc",
            "efivarfs",
            "nsfs",
            "rpc_pipefs",
            "selinuxfs",
            "nfsd",
            "fuse.lxcfs",
            "fuse.snapfuse",
            "fuse.gvfsd-fuse",
            "fuse.portal");

    private static final Pattern DF_ROW =
            Pattern.compile("^(\\S+)\\s+(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)%\\s+(.+)$");
    private static final Pattern IP_ADDR = Pattern.compile("^\\d+:\\s+(\\S+)\\s+(inet6?)\\s+([^\\s/]+)");
    // busybox ip prints no state
    private static final Pattern IP_LINK = Pattern.compile("^\\d+:\\s+(\\S+?):\\s+<[^>]*>(?:.*?\\bstate\\s+(\\S+))?");
    private static final Pattern NET_DEV = Pattern.compile("^\\s*([^\\s:]+):\\s*(\\d+(?:\\s+\\d+){15})\\s*$");
    private static final Pattern SENSORS = Pattern.compile("^\\s*([^:]+):\\s*([+-]?\\d+(?:\\.\\d+)?)\\s*°?C\\b");
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");
    private static final Pattern PROCESS_NAME = Pattern.compile("\\(\"([^\"]+)\"");
    private static final Pattern NETSTAT_PROGRAM = Pattern.compile("^(\\d+)/(.*)$");
    private static final int TOP_PROCESSES = 10;
    private static final int COMMAND_CHARS = 50;

    private MetricsParser() {}

    /** Parses one exec's stdout (or several split-form outputs concatenated). */
    public static HostMetrics parse(String stdout) {
        return parse(MetricsOutput.split(stdout));
    }

    /**
     * Parses the sections of a poll, each group on its own.
     *
     * @param sections name → text, as {@link MetricsOutput#split} gives them
     */
    public static HostMetrics parse(Map<String, String> sections) {
        HostMetrics empty = HostMetrics.empty();
        return new HostMetrics(
                group(sections, "cpu", MetricsParser::cpu, empty.cpu()),
                group(sections, "memory", MetricsParser::memory, empty.memory()),
                group(sections, "disk", MetricsParser::disk, empty.disk()),
                group(sections, "network", MetricsParser::network, empty.network()),
                group(sections, "uptime", MetricsParser::uptime, empty.uptime()),
                group(sections, "processes", MetricsParser::processes, empty.processes()),
                group(sections, "system", MetricsParser::system, empty.system()),
                guarded(
                        () -> LoginParser.parse(
                                sections.getOrDefault("logins", ""), sections.getOrDefault("failed_logins", "")),
                        empty.loginStats()),
                group(sections, "ports", MetricsParser::ports, empty.ports()),
                group(sections, "firewall", FirewallParser::parse, empty.firewall()),
                group(sections, "temperature", MetricsParser::temperature, empty.temperature()));
    }

    private static <T> T group(Map<String, String> sections, String name, Function<String, T> parser, T empty) {
        return guarded(() -> sections.containsKey(name) ? parser.apply(sections.get(name)) : empty, empty);
    }

    // A host's output is not ours to trust: a parse that trips over it costs that group, not the poll.
    private static <T> T guarded(Supplier<T> parse, T empty) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            return empty;
        }
    }

    static Cpu cpu(String text) {
        List<Reading> readings = readings(text);
        Integer percent = null;
        if (readings.size() == 2) {
            long[] first = cpuTimes(readings.get(0));
            long[] second = cpuTimes(readings.get(1));
            if (first != null && second != null) {
                long total = second[0] - first[0];
                long idle = second[1] - first[1];
                percent = total > 0 ? clampPercent(100.0 * (total - idle) / total) : null;
            }
        }
        List<Double> load = labelled(text, "load")
                .map(l -> l.split("\\s+"))
                .filter(t -> t.length >= 3)
                .map(t -> Arrays.stream(t, 0, 3).map(MetricsParser::decimal).toList())
                .filter(l -> !l.contains(null))
                .orElse(null);
        Integer cores = labelled(text, "cores")
                .map(MetricsParser::integer)
                .filter(c -> c > 0)
                .orElse(null);
        return new Cpu(percent, cores, load);
    }

    // {total, idle}: user … steal; guest and guest_nice are inside user and nice already, so left out; iowait is idle.
    private static long[] cpuTimes(Reading reading) {
        for (String line : reading.lines()) {
            String[] t = line.trim().split("\\s+");
            if (t[0].equals("cpu") && t.length >= 5) {
                long total = 0;
                for (int i = 1; i < Math.min(t.length, 9); i++) {
                    total += Long.parseLong(t[i]);
                }
                long idle = Long.parseLong(t[4]) + (t.length > 5 ? Long.parseLong(t[5]) : 0);
                return new long[] {total, idle};
            }
        }
        return null;
    }

    static Memory memory(String text) {
        Map<String, Long> kib = new LinkedHashMap<>();
        for (String line : lines(text)) {
            String[] t = line.split("[:\\s]+");
            if (t.length >= 2 && t[1].matches("\\d+")) {
                kib.putIfAbsent(t[0], Long.parseLong(t[1]));
            }
        }
        Long total = kib.get("MemTotal");
        // kernels before 3.14 have no MemAvailable: free plus page cache comes close
        Long available = kib.containsKey("MemAvailable")
                ? kib.get("MemAvailable")
                : kib.containsKey("MemFree") && kib.containsKey("Cached")
                        ? kib.get("MemFree") + kib.get("Cached") + kib.getOrDefault("Buffers", 0L)
                        : null;
        if (total == null || total <= 0 || available == null) {
            return new Memory(null, null, null);
        }
        long used = Math.max(0, total - available);
        double kibPerGib = 1024.0 * 1024;
        return new Memory(clampPercent(100.0 * used / total), round(used / kibPerGib, 2), round(total / kibPerGib, 2));
    }

    static Disk disk(String text) {
        List<String> lines = lines(text);
        // df that ignored -B1 would count in blocks of another size; better nothing than numbers off by 1024
        if (lines.isEmpty() || !lines.get(0).contains(" 1-blocks ")) {
            return new Disk(null, null, null, null, null, List.of());
        }
        List<Filesystem> filesystems = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            Matcher m = DF_ROW.matcher(line);
            if (!m.matches() || isPseudo(m.group(2))) {
                continue;
            }
            long total = Long.parseLong(m.group(3));
            long used = Long.parseLong(m.group(4));
            long available = Long.parseLong(m.group(5));
            if (total > 0) {
                filesystems.add(new Filesystem(
                        m.group(1),
                        m.group(2),
                        m.group(7),
                        Integer.valueOf(m.group(6)),
                        HumanSize.of(used),
                        HumanSize.of(total),
                        HumanSize.of(available),
                        used,
                        total,
                        available,
                        null));
            }
        }
        Optional<Filesystem> headline = filesystems.stream()
                .filter(f -> f.mount().equals("/"))
                .findFirst()
                .or(() -> filesystems.stream()
                        .max(Comparator.comparingDouble(f -> (double) f.usedBytes() / f.totalBytes())));
        return headline.map(h -> new Disk(
                        h.percent(), h.usedHuman(), h.totalHuman(), h.availableHuman(), h.mount(), filesystems))
                .orElseGet(() -> new Disk(null, null, null, null, null, filesystems));
    }

    private static boolean isPseudo(String type) {
        return PSEUDO_FILESYSTEMS.contains(type) || type.startsWith("cgroup");
    }

    static Network network(String text) {
        List<Reading> readings = readings(text);
        Map<String, long[]> before = readings.isEmpty() ? Map.of() : counters(readings.get(0));
        Map<String, long[]> after = readings.size() < 2 ? before : counters(readings.get(1));
        Double elapsed = readings.size() == 2
                        && readings.get(0).uptime() != null
                        && readings.get(1).uptime() != null
                ? readings.get(1).uptime() - readings.get(0).uptime()
                : null;

        Set<String> names = new LinkedHashSet<>();
        Map<String, String> states = new LinkedHashMap<>();
        Map<String, String> ipv4 = new LinkedHashMap<>();
        Map<String, String> ipv6 = new LinkedHashMap<>();
        for (String line : lines(text)) {
            Matcher link = IP_LINK.matcher(line);
            Matcher addr = IP_ADDR.matcher(line);
            if (link.find()) {
                String name = withoutPeer(link.group(1));
                names.add(name);
                if (link.group(2) != null) {
                    states.put(name, link.group(2));
                }
            } else if (addr.find()) {
                String name = withoutPeer(addr.group(1));
                names.add(name);
                (addr.group(2).equals("inet") ? ipv4 : ipv6).putIfAbsent(name, addr.group(3));
            }
        }
        if (names.isEmpty()) {
            names.addAll(after.keySet());
        }
        names.remove("lo");

        List<Interface> interfaces = new ArrayList<>();
        for (String name : names) {
            long[] first = before.get(name);
            long[] last = after.get(name);
            interfaces.add(new Interface(
                    name,
                    ipv4.getOrDefault(name, ipv6.getOrDefault(name, "")),
                    states.getOrDefault(name, "UNKNOWN"),
                    last == null ? null : Long.toString(last[0]),
                    last == null ? null : Long.toString(last[1]),
                    rate(first, last, 0, elapsed),
                    rate(first, last, 1, elapsed)));
        }
        return new Network(interfaces);
    }

    // ip names a veth "veth1@if5"; /proc/net/dev knows it as "veth1"
    private static String withoutPeer(String name) {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    // name → {rx bytes, tx bytes}; split at the colon, which long counters leave no space after
    private static Map<String, long[]> counters(Reading reading) {
        Map<String, long[]> counters = new LinkedHashMap<>();
        for (String line : reading.lines()) {
            Matcher m = NET_DEV.matcher(line);
            if (m.matches()) {
                String[] t = m.group(2).split("\\s+");
                counters.put(m.group(1), new long[] {Long.parseLong(t[0]), Long.parseLong(t[8])});
            }
        }
        return counters;
    }

    private static Long rate(long[] first, long[] last, int which, Double elapsed) {
        if (first == null || last == null || first == last || elapsed == null || elapsed <= 0) {
            return null;
        }
        long delta = last[which] - first[which];
        return delta < 0 ? null : Math.round(delta / elapsed);
    }

    static Uptime uptime(String text) {
        Double seconds = lines(text).stream()
                .findFirst()
                .map(l -> decimal(l.split("\\s+")[0]))
                .orElse(null);
        if (seconds == null) {
            return new Uptime(null, null);
        }
        long s = (long) Math.floor(seconds);
        return new Uptime(seconds, "%dd %dh %dm".formatted(s / 86400, s % 86400 / 3600, s % 3600 / 60));
    }

    static Processes processes(String text) {
        List<String> lines = lines(text);
        int header = -1;
        for (int i = 0; i < lines.size() && header < 0; i++) {
            if (lines.get(i).trim().startsWith("PID ")) {
                header = i;
            }
        }
        if (header < 0) {
            return new Processes(null, null, List.of());
        }
        // columns by the header: procps gives PID USER %CPU %MEM STAT COMMAND, busybox PID USER STAT COMMAND
        List<String> columns = List.of(lines.get(header).trim().split("\\s+"));
        int pid = columns.indexOf("PID");
        int user = columns.indexOf("USER");
        int cpu = columns.indexOf("%CPU");
        int mem = columns.indexOf("%MEM");
        int stat = columns.indexOf("STAT");
        List<TopProcess> all = new ArrayList<>();
        int running = 0;
        for (String line : lines.subList(header + 1, lines.size())) {
            String[] t = line.trim().split("\\s+", columns.size());
            if (t.length < columns.size()) {
                continue;
            }
            if (stat >= 0 && t[stat].startsWith("R")) {
                running++;
            }
            String command = t[columns.size() - 1];
            all.add(new TopProcess(
                    t[pid],
                    user < 0 ? "" : t[user],
                    cpu < 0 ? "0" : number(t[cpu]),
                    mem < 0 ? "0" : number(t[mem]),
                    command.length() > COMMAND_CHARS ? command.substring(0, COMMAND_CHARS) : command));
        }
        List<TopProcess> top = all.stream()
                .sorted(Comparator.comparingDouble((TopProcess p) -> decimal(p.cpu()))
                        .reversed())
                .limit(TOP_PROCESSES)
                .toList();
        return new Processes(all.size(), stat < 0 ? null : running, top);
    }

    // as JavaScript's String(Number(s)): "0.0" is "0", "12.50" is "12.5", garbage is "0"
    private static String number(String s) {
        Double d = decimal(s);
        if (d == null) {
            return "0";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
    }

    static SystemInfo system(String text) {
        String os = null;
        for (String line : lines(text)) {
            if (line.startsWith("PRETTY_NAME=") && os == null) {
                os = unquote(line.substring("PRETTY_NAME=".length()).trim());
            }
        }
        return new SystemInfo(
                labelled(text, "hostname").orElse(null),
                labelled(text, "kernel").orElse(null),
                os == null || os.isEmpty() ? null : os);
    }

    private static String unquote(String value) {
        if (value.length() >= 2
                && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    static Ports ports(String text) {
        List<String> lines = lines(text);
        String source = lines.isEmpty() ? Ports.NONE : lines.get(0).trim();
        if (!source.equals("ss") && !source.equals("netstat")) {
            return new Ports(Ports.NONE, List.of());
        }
        List<Port> ports = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] tokens = line.trim().split("\\s+");
            Port port = source.equals("ss") ? ssPort(tokens) : netstatPort(tokens);
            if (port != null) {
                ports.add(port);
            }
        }
        ports.sort(Comparator.comparingInt(Port::localPort));
        return new Ports(source, ports);
    }

    // Netid State Recv-Q Send-Q Local:Port Peer:Port [users:(("name",pid=1,fd=3),…)]
    private static Port ssPort(String[] t) {
        if (t.length < 5 || !(t[0].equals("tcp") || t[0].equals("udp"))) {
            return null;
        }
        String[] local = splitPort(t[4]);
        if (local == null) {
            return null;
        }
        String users = t.length > 6 ? String.join(" ", Arrays.copyOfRange(t, 6, t.length)) : "";
        Matcher pid = PID.matcher(users);
        Matcher name = PROCESS_NAME.matcher(users);
        return new Port(
                t[0],
                local[0],
                Integer.parseInt(local[1]),
                t[0].equals("tcp") ? t[1] : null,
                pid.find() ? Integer.valueOf(pid.group(1)) : null,
                name.find() ? name.group(1) : null);
    }

    // Proto Recv-Q Send-Q Local Foreign [State] [PID/Program name]; the program name may hold spaces
    private static Port netstatPort(String[] t) {
        if (t.length < 4 || !(t[0].startsWith("tcp") || t[0].startsWith("udp"))) {
            return null;
        }
        String protocol = t[0].startsWith("tcp") ? "tcp" : "udp";
        String[] local = splitPort(t[3]);
        if (local == null) {
            return null;
        }
        int rest = 5;
        String state = null;
        if (protocol.equals("tcp") && t.length > 5) {
            state = t[5];
            rest = 6;
        }
        Matcher program =
                NETSTAT_PROGRAM.matcher(t.length > rest ? String.join(" ", Arrays.copyOfRange(t, rest, t.length)) : "");
        boolean known = program.matches();
        return new Port(
                protocol,
                local[0],
                Integer.parseInt(local[1]),
                state,
                known ? Integer.valueOf(program.group(1)) : null,
                known ? program.group(2) : null);
    }

    // "[::1]:22", "0.0.0.0%lo:53", ":::22" → {address without brackets, port}; null for "*:*"
    private static String[] splitPort(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0 || !address.substring(colon + 1).matches("\\d{1,5}")) {
            return null;
        }
        return new String[] {address.substring(0, colon).replace("[", "").replace("]", ""), address.substring(colon + 1)
        };
    }

    static Temperature temperature(String text) {
        List<String> lines = lines(text);
        String source = lines.isEmpty() ? Temperature.NONE : lines.get(0).trim();
        List<Sensor> sensors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String label = null;
            Double celsius = null;
            if (source.equals("sysfs")) {
                String[] parts = line.split("\t");
                if (parts.length == 2) {
                    label = parts[0];
                    celsius = zoneCelsius(parts[1].trim());
                }
            } else if (source.equals("sensors")) {
                Matcher m = SENSORS.matcher(line);
                if (m.find()) {
                    label = m.group(1);
                    celsius = decimal(m.group(2));
                }
            }
            label = label == null ? "" : label.trim().replaceAll("\\s+", " ");
            if (!label.isEmpty() && celsius != null) {
                Sensor sensor = new Sensor(label, round(celsius, 1));
                if (seen.add(label.toLowerCase() + ":" + sensor.celsius())) {
                    sensors.add(sensor);
                }
            }
        }
        if (sensors.isEmpty()) {
            return new Temperature(Temperature.NONE, null, List.of());
        }
        double highest = sensors.stream().mapToDouble(Sensor::celsius).max().getAsDouble();
        return new Temperature(source, highest, sensors);
    }

    // thermal zones report millidegrees; a few drivers report degrees
    private static Double zoneCelsius(String value) {
        Double v = decimal(value);
        if (v == null) {
            return null;
        }
        return Math.abs(v) >= 1000 ? v / 1000 : v;
    }

    /** One reading of a rate section: the host's uptime when it was taken, and the lines that follow it. */
    private record Reading(Double uptime, List<String> lines) {}

    private static List<Reading> readings(String text) {
        List<Reading> readings = new ArrayList<>();
        List<String> current = null;
        for (String line : lines(text)) {
            if (line.startsWith(MetricsScript.SAMPLE_HEADER)) {
                current = new ArrayList<>();
                String[] uptime = line.substring(MetricsScript.SAMPLE_HEADER.length())
                        .trim()
                        .split("\\s+");
                readings.add(new Reading(decimal(uptime[0]), current));
            } else if (current != null) {
                current.add(line);
            }
        }
        return readings;
    }

    // the value of a "label value" line the script printed
    private static Optional<String> labelled(String text, String label) {
        return lines(text).stream()
                .filter(l -> l.startsWith(label + " "))
                .map(l -> l.substring(label.length() + 1).trim())
                .filter(v -> !v.isEmpty())
                .findFirst();
    }

    private static List<String> lines(String text) {
        return text.isBlank() ? List.of() : List.of(text.strip().split("\n"));
    }

    static Double decimal(String s) {
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer integer(String s) {
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int clampPercent(double percent) {
        return (int) Math.round(Math.max(0, Math.min(100, percent)));
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
