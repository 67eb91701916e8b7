package dev.porthole.plugins.stats.collect;

import dev.porthole.plugins.stats.collect.HostMetrics.Login;
import dev.porthole.plugins.stats.collect.HostMetrics.LoginStats;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code login_stats} group, from two sections: {@code logins} (the host's clock, then {@code last -F -w}) and
 * {@code failed_logins} ({@code lastb -F -w} as root, else sshd's lines of auth.log or secure). Times are the host's
 * local times, so they are turned into instants with the host's own UTC offset.
 */
final class LoginParser {
    private static final int KEPT = 10;
    private static final String MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";

    // user tty [host] Mon Dec  7 12:27:53 2026 …; a console login has no host
    private static final Pattern LAST = Pattern.compile("^(\\S+)\\s+(\\S+)\\s+(?:(\\S+)\\s+)?"
            + "((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\\s+" + MONTH + "\\s+\\d{1,2}\\s+\\d{2}:\\d{2}:\\d{2}\\s+\\d{4})");
    private static final DateTimeFormatter LAST_TIME =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);

    // rsyslog's RFC 3339 stamps (Debian 12) and the traditional ones without a year
    private static final Pattern RFC3339_STAMP =
            Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2}))\\s");
    private static final Pattern SYSLOG_STAMP =
            Pattern.compile("^(" + MONTH + "\\s+\\d{1,2}\\s+\\d{2}:\\d{2}:\\d{2})\\s");
    private static final DateTimeFormatter SYSLOG_TIME =
            DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy", Locale.ENGLISH);
    private static final Pattern SSHD_FAILURE =
            Pattern.compile("(?:Failed password for (?:invalid user )?|Invalid user )(\\S*) from (\\S+)");

    private static final DateTimeFormatter HOST_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");
    // what JavaScript's toISOString writes, as Termix's clients read it
    private static final DateTimeFormatter ISO_UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private LoginParser() {}

    static LoginStats parse(String logins, String failed) {
        OffsetDateTime now = hostClock(logins);
        List<Login> successes = new ArrayList<>();
        for (String line : logins.split("\n")) {
            Login login = lastRow(line, "success", now);
            if (login != null) {
                successes.add(login);
            }
        }
        List<Login> failures = failures(failed, now);
        Set<String> ips = new LinkedHashSet<>();
        for (Login login : successes) {
            ips.add(login.ip());
        }
        for (Login login : failures) {
            ips.add(login.ip());
        }
        ips.remove("local");
        ips.remove("unknown");
        return new LoginStats(
                successes.stream().limit(KEPT).toList(),
                failures.stream().limit(KEPT).toList(),
                successes.size(),
                ips.size());
    }

    private static OffsetDateTime hostClock(String logins) {
        for (String line : logins.split("\n")) {
            if (line.startsWith("now ")) {
                try {
                    return OffsetDateTime.parse(line.substring(4).trim(), HOST_CLOCK);
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static List<Login> failures(String text, OffsetDateTime now) {
        String[] lines = text.strip().split("\n");
        List<Login> failures = new ArrayList<>();
        if (lines[0].equals("lastb")) {
            for (int i = 1; i < lines.length; i++) {
                Login login = lastRow(lines[i], "failed", now);
                if (login != null) {
                    failures.add(login);
                }
            }
        } else if (lines[0].equals("log")) {
            for (int i = 1; i < lines.length; i++) {
                Matcher m = SSHD_FAILURE.matcher(lines[i]);
                if (m.find()) {
                    String user = m.group(1).isEmpty() ? "unknown" : m.group(1);
                    failures.add(new Login(user, m.group(2), logTime(lines[i], now), "failed"));
                }
            }
            // the log is oldest first; lastb and last are newest first
            Collections.reverse(failures);
        }
        return failures;
    }

    private static Login lastRow(String line, String status, OffsetDateTime now) {
        Matcher m = LAST.matcher(line);
        if (!m.find()) {
            return null;
        }
        String user = m.group(1);
        String tty = m.group(2);
        // "wtmp begins …", "reboot system boot …", "shutdown system down …"
        if (tty.equals("begins") || tty.equals("system") || user.equals("reboot")) {
            return null;
        }
        String host = m.group(3);
        String ip = host == null || host.startsWith(":") ? "local" : host;
        String text = m.group(4).replaceAll("\\s+", " ");
        String time = text;
        if (now != null) {
            try {
                time = iso(LocalDateTime.parse(text, LAST_TIME), now.getOffset());
            } catch (DateTimeParseException e) {
                time = text;
            }
        }
        return new Login(user, ip, time, status);
    }

    private static String logTime(String line, OffsetDateTime now) {
        Matcher rfc = RFC3339_STAMP.matcher(line);
        if (rfc.find()) {
            return ISO_UTC.format(OffsetDateTime.parse(rfc.group(1)));
        }
        Matcher syslog = SYSLOG_STAMP.matcher(line);
        if (!syslog.find()) {
            return "unknown";
        }
        String text = syslog.group(1).replaceAll("\\s+", " ");
        if (now == null) {
            return text;
        }
        // no year in the stamp: this year's, unless that is still to come
        LocalDateTime local = LocalDateTime.parse(text + " " + now.getYear(), SYSLOG_TIME);
        if (local.isAfter(now.toLocalDateTime())) {
            local = local.minusYears(1);
        }
        return iso(local, now.getOffset());
    }

    private static String iso(LocalDateTime local, ZoneOffset offset) {
        Instant instant = local.toInstant(offset);
        return ISO_UTC.format(instant);
    }
}
