package dev.porthole.plugins.stats.collect;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The POSIX {@code sh} script that reads every metric group of a Linux host in one SSH exec, as an ordered list of
 * {@link Section}s. Termix opens some 23 exec channels per poll and sleeps twice; this script sleeps once, between the
 * first and the second reading of both rate sources ({@code /proc/stat} for CPU, {@code /proc/net/dev} for network).
 *
 * <p>The script is a constant: nothing a request sends, no host field and no setting is ever put into it, so there is
 * no injection surface. The only quoting it needs is the one that makes it a single argument of {@code sh -c}.
 *
 * <p>A stateless value: every instance gives the same script.
 *
 * <p>Output: a line {@value #SECTION_HEADER}{@code <name>} before each section's text, a line {@value #SAMPLE_HEADER}
 * {@code <contents of /proc/uptime>} before each rate reading, and {@value #END} last. A missing tool leaves its section
 * short or empty, never the script: stderr goes to /dev/null, no command's failure stops it, and it exits 0.
 */
public final class MetricsScript {
    /** Starts a section's text on a line of its own, followed by the section's name. */
    public static final String SECTION_HEADER = "@@porthole-section ";

    /** Starts one reading of a rate section, followed by the host's {@code /proc/uptime} at the time of the reading. */
    public static final String SAMPLE_HEADER = "@@porthole-sample ";

    /** The last line of the output: a section not followed by a header or by this line was cut off. */
    public static final String END = "@@porthole-end";

    /**
     * One metric group's part of the script.
     *
     * @param name the section's name, a shell identifier (the one-exec form keeps its readings in variables named
     *     after it)
     * @param sample for a rate section, the reading taken once before and once after the pause; empty otherwise
     * @param script prints the rest of the section, each line ended
     */
    public record Section(String name, String sample, String script) {
        private static final Pattern NAME = Pattern.compile("[a-z][a-z_]*");

        /** Checks that the name can name a shell variable. */
        public Section {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a section name is a lower-case shell identifier, not " + name);
            }
        }

        /** Whether the section reads a counter twice, around the pause. */
        public boolean samples() {
            return !sample.isEmpty();
        }
    }

    // C locale: ps and sensors print numbers and units the parser knows, whatever LANG the SSH client sent.
    private static final String PRELUDE = """
            exec 2>/dev/null
            LC_ALL=C
            export LC_ALL
            """;

    // POSIX sleep takes whole seconds only; busybox and coreutils take 0.5.
    private static final String PAUSE = "sleep 0.5 || sleep 1\n";

    private static final List<Section> SECTIONS = List.of(
            new Section("cpu", "head -n 1 /proc/stat", """
                    printf 'load %s\\n' "$(cat /proc/loadavg)"
                    printf 'cores %s\\n' "$(nproc || grep -c ^processor /proc/cpuinfo)"
                    """),
            new Section("memory", "", "cat /proc/meminfo\n"),
            // bytes only: the parser writes df -h's strings itself, so df runs once
            new Section("disk", "", "df -P -T -B1\n"),
            new Section("network", "cat /proc/net/dev", """
                    ip -o addr show
                    ip -o link show
                    """),
            new Section("uptime", "", "cat /proc/uptime\n"),
            // every process once (the parser counts and sorts); busybox ps knows no pcpu and no -e;
            // long command lines are cut, the parser keeps 50 characters of them anyway
            new Section(
                    "processes",
                    "",
                    "{ ps -eo pid,user,pcpu,pmem,stat,args || ps -o pid,user,stat,args; } | cut -c 1-160\n"),
            new Section("system", "", """
                    printf 'hostname %s\\n' "$(hostname || cat /proc/sys/kernel/hostname)"
                    printf 'kernel %s\\n' "$(uname -r || cat /proc/sys/kernel/osrelease)"
                    cat /etc/os-release || cat /usr/lib/os-release
                    """),
            // the host's own clock and offset: last and syslog print local times, syslog without a year
            new Section("logins", "", """
                    printf 'now %s\\n' "$(date +%Y-%m-%dT%H:%M:%S%z)"
                    last -n 20 -F -w
                    """),
            // btmp needs root; the logs are often readable by group adm
            new Section("failed_logins", "", """
                    if out=$(lastb -n 10 -F -w); then
                      printf 'lastb\\n%s\\n' "$out"
                    else
                      for log in /var/log/auth.log /var/log/secure; do
                        if [ -r "$log" ]; then
                          echo log
                          grep -e 'Failed password' -e 'Invalid user' "$log" | tail -n 10
                          break
                        fi
                      done
                    fi
                    """),
            new Section("ports", "", """
                    if out=$(ss -tulnp) && [ -n "$out" ]; then
                      printf 'ss\\n%s\\n' "$out"
                    elif out=$(netstat -tulnp || netstat -tuln) && [ -n "$out" ]; then
                      printf 'netstat\\n%s\\n' "$out"
                    else
                      echo none
                    fi
                    """),
            // the filter table only: the nat table of a Kubernetes node runs to thousands of lines
            new Section("firewall", "", """
                    out=$(iptables-save -t filter)
                    case $out in
                      *'*filter'*) printf 'iptables\\n%s\\n' "$out" ;;
                      *) if out=$(nft list ruleset) && [ -n "$out" ]; then
                           printf 'nftables\\n%s\\n' "$out"
                         else
                           echo none
                         fi ;;
                    esac
                    """),
            new Section("temperature", "", """
                    out=$(for zone in /sys/class/thermal/thermal_zone*; do
                      value=$(cat "$zone/temp") && [ -n "$value" ] && printf '%s\\t%s\\n' "$(cat "$zone/type")" "$value"
                    done)
                    if [ -n "$out" ]; then
                      printf 'sysfs\\n%s\\n' "$out"
                    elif out=$(sensors) && [ -n "$out" ]; then
                      printf 'sensors\\n%s\\n' "$out"
                    else
                      echo none
                    fi
                    """));

    /** The sections, in the order the script prints them. */
    public List<Section> sections() {
        return SECTIONS;
    }

    /**
     * The command line of one exec that prints every section: {@code sh -c '<script>'}, so that the remote user's login
     * shell (bash, dash, zsh, fish) only has to pass one single-quoted argument on.
     */
    public String command() {
        return shell(script());
    }

    /**
     * The command line of one exec that prints one section alone, a rate section with its own pause. Its output has the
     * same shape as that section's part of {@link #command()}'s; the outputs of several such execs, concatenated, parse
     * as one.
     */
    public String commandFor(Section section) {
        StringBuilder script = new StringBuilder(PRELUDE).append(header(section));
        if (section.samples()) {
            script.append(reading(section)).append('\n').append(PAUSE);
            script.append(reading(section)).append('\n');
        }
        return shell(script.append(section.script()).append(end()).toString());
    }

    /**
     * The script of {@link #command()}, unquoted. Every rate section reads its counter before the one pause and again
     * right after it, so that the CPU window holds the pause alone and none of the script's own work.
     */
    String script() {
        List<Section> rated = SECTIONS.stream().filter(Section::samples).toList();
        StringBuilder script = new StringBuilder(PRELUDE);
        rated.forEach(s -> script.append(variable("first", s))
                .append("=$(")
                .append(reading(s))
                .append(")\n"));
        script.append(PAUSE);
        rated.forEach(s -> script.append(variable("second", s))
                .append("=$(")
                .append(reading(s))
                .append(")\n"));
        for (Section section : SECTIONS) {
            script.append(header(section));
            if (section.samples()) {
                script.append("printf '%s\\n' \"$")
                        .append(variable("first", section))
                        .append("\" \"$")
                        .append(variable("second", section))
                        .append("\"\n");
            }
            script.append(section.script());
        }
        return script.append(end()).toString();
    }

    private static String reading(Section section) {
        return "printf '" + SAMPLE_HEADER + "%s\\n' \"$(cat /proc/uptime)\"; " + section.sample();
    }

    private static String variable(String which, Section section) {
        return which + "_" + section.name();
    }

    // A header starts with a newline: a section whose last command printed no final newline still ends before it.
    private static String header(Section section) {
        return "printf '\\n" + SECTION_HEADER + section.name() + "\\n'\n";
    }

    private static String end() {
        return "printf '\\n" + END + "\\n'\n";
    }

    /**
     * {@code sh -c} with the script as one single-quoted word, each {@code '} written {@code '\''}. Fish reads
     * {@code \\} and {@code \'} as escapes even inside single quotes, so the script may hold neither.
     */
    static String shell(String script) {
        if (script.contains("\\\\") || script.contains("\\'")) {
            throw new IllegalStateException("the metrics script holds \\\\ or \\', which fish would unescape");
        }
        return "sh -c '" + script.replace("'", "'\\''") + "'";
    }
}
