package dev.porthole.plugins.stats.collect;

import dev.porthole.plugins.stats.collect.HostMetrics.Chain;
import dev.porthole.plugins.stats.collect.HostMetrics.Firewall;
import dev.porthole.plugins.stats.collect.HostMetrics.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code firewall} group: the section's first line says which tool answered ({@code iptables}, {@code nftables},
 * {@code none}), the rest is that tool's dump. Unlike Termix, chains of other iptables tables never replace the filter
 * table's, and an nftables base chain's {@code type … hook …; policy drop;} line is its policy, not a rule.
 */
final class FirewallParser {
    private static final List<String> BUILT_IN_CHAINS = List.of("INPUT", "FORWARD", "OUTPUT");
    private static final String ANY = "0.0.0.0/0";

    // iptables-save quotes comments and log prefixes; they hold spaces and look like options
    private static final Pattern TOKEN = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|\\S+");

    private static final Pattern NFT_CHAIN = Pattern.compile("^chain\\s+(\\S+)\\s*\\{$");
    private static final Pattern NFT_POLICY = Pattern.compile("\\bpolicy\\s+(\\w+)");
    private static final Pattern NFT_QUOTED = Pattern.compile("\"[^\"]*\"");
    private static final Pattern NFT_VERDICT = Pattern.compile(
            "\\b(?:(accept|drop|reject|return|queue|continue|masquerade|snat|dnat|redirect)\\b|(?:jump|goto)\\s+(\\S+))");
    private static final Pattern NFT_PROTOCOL = Pattern.compile("\\b(tcp|udp|sctp|icmpv6|icmp)\\b");
    private static final String NFT_VALUE = "\\s+(!=\\s*)?(\\{[^}]*\\}|\\S+)";
    private static final Pattern NFT_DPORT = Pattern.compile("\\bdport" + NFT_VALUE);
    private static final Pattern NFT_SPORT = Pattern.compile("\\bsport" + NFT_VALUE);
    private static final Pattern NFT_SADDR = Pattern.compile("\\bsaddr" + NFT_VALUE);
    private static final Pattern NFT_DADDR = Pattern.compile("\\bdaddr" + NFT_VALUE);
    private static final Pattern NFT_IIF = Pattern.compile("\\biif(?:name)?\\s+(!=\\s*)?\"?([^\"\\s]+)\"?");
    private static final Pattern NFT_STATE = Pattern.compile("\\bct\\s+state" + NFT_VALUE);

    private FirewallParser() {}

    static Firewall parse(String text) {
        String[] lines = text.strip().split("\n");
        return switch (lines[0].trim()) {
            case "iptables" -> iptables(lines);
            case "nftables" -> nftables(lines);
            default -> Firewall.NONE;
        };
    }

    private static Firewall iptables(String[] lines) {
        Map<String, String> policies = new LinkedHashMap<>();
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        boolean filter = false;
        for (String raw : lines) {
            String line = raw.trim();
            if (line.startsWith("*")) {
                filter = line.equals("*filter");
            } else if (filter && line.startsWith(":")) {
                String[] t = line.substring(1).split("\\s+");
                policies.put(t[0], t.length > 1 ? t[1] : "-");
            } else if (filter && line.startsWith("-A ")) {
                Rule rule = iptablesRule(tokens(line));
                rules.computeIfAbsent(rule.chain(), c -> new ArrayList<>()).add(rule);
            }
        }
        List<Chain> chains = policies.keySet().stream()
                .filter(BUILT_IN_CHAINS::contains)
                .map(name -> new Chain(name, policies.get(name), rules.getOrDefault(name, List.of())))
                .toList();
        boolean active =
                !rules.isEmpty() || chains.stream().anyMatch(c -> !c.policy().equals("ACCEPT"));
        return new Firewall("iptables", active ? "active" : "inactive", chains);
    }

    private static Rule iptablesRule(List<String> t) {
        String chain = "";
        String target = "";
        String protocol = "all";
        String source = ANY;
        String destination = ANY;
        String dport = null;
        String sport = null;
        String state = null;
        String iface = null;
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            boolean negated = t.get(i).equals("!") && i + 1 < t.size();
            int option = negated ? i + 1 : i;
            String value = option + 1 < t.size() ? (negated ? "!" : "") + t.get(option + 1) : null;
            if (value == null) {
                extra.add(t.get(i));
                continue;
            }
            switch (t.get(option)) {
                case "-A" -> chain = value;
                case "-j", "-g" -> target = value;
                case "-p" -> protocol = value;
                case "-s" -> source = value;
                case "-d" -> destination = value;
                case "--dport", "--dports" -> dport = value;
                case "--sport", "--sports" -> sport = value;
                case "--state", "--ctstate" -> state = value;
                case "-i" -> iface = value;
                default -> {
                    // not one of the fields: kept as it stands, "!" included
                    extra.add(t.get(i));
                    continue;
                }
            }
            i = option + 1;
        }
        return new Rule(
                chain,
                target,
                protocol,
                source,
                destination,
                dport,
                sport,
                state,
                iface,
                extra.isEmpty() ? null : String.join(" ", extra));
    }

    private static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(line);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    // Braces are counted: a table holds chains, sets and maps; only a chain's own lines are rules or its policy.
    private static Firewall nftables(String[] lines) {
        List<Chain> chains = new ArrayList<>();
        int depth = 0;
        String chain = null;
        String policy = "-";
        List<Rule> rules = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].trim();
            int before = depth;
            depth += braces(line);
            Matcher opened = NFT_CHAIN.matcher(line);
            if (chain == null) {
                if (before == 1 && opened.matches()) {
                    chain = opened.group(1);
                    policy = "-";
                    rules = new ArrayList<>();
                }
            } else if (depth < 2) {
                chains.add(new Chain(chain, policy, rules));
                chain = null;
            } else if (before == 2 && line.startsWith("type ") && line.contains(" hook ")) {
                Matcher p = NFT_POLICY.matcher(line);
                policy = p.find() ? p.group(1).toUpperCase(Locale.ROOT) : "ACCEPT";
            } else if (before == 2 && !line.isEmpty() && !line.startsWith("comment ") && !line.startsWith("#")) {
                rules.add(nftRule(chain, line));
            }
        }
        boolean active = chains.stream()
                .anyMatch(c -> !c.rules().isEmpty()
                        || !(c.policy().equals("ACCEPT") || c.policy().equals("-")));
        return new Firewall("nftables", active ? "active" : "inactive", chains);
    }

    private static int braces(String line) {
        String plain = NFT_QUOTED.matcher(line).replaceAll("\"\"");
        return (int) (plain.chars().filter(c -> c == '{').count()
                - plain.chars().filter(c -> c == '}').count());
    }

    private static Rule nftRule(String chain, String line) {
        // a log prefix or a comment may say "drop" without being a verdict
        String plain = NFT_QUOTED.matcher(line).replaceAll("\"\"");
        String target = "";
        Matcher verdict = NFT_VERDICT.matcher(plain);
        while (verdict.find()) {
            target = verdict.group(1) != null ? verdict.group(1).toUpperCase(Locale.ROOT) : verdict.group(2);
        }
        Matcher protocol = NFT_PROTOCOL.matcher(plain);
        String state = field(NFT_STATE, plain);
        return new Rule(
                chain,
                target,
                protocol.find() ? protocol.group(1) : "all",
                orElse(field(NFT_SADDR, plain), ANY),
                orElse(field(NFT_DADDR, plain), ANY),
                field(NFT_DPORT, plain),
                field(NFT_SPORT, plain),
                state == null ? null : state.toUpperCase(Locale.ROOT),
                field(NFT_IIF, line),
                line);
    }

    // group 1 "!=" or null, group 2 the value; a negation is written "!value", as iptables-save writes it
    private static String field(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? (m.group(1) == null ? "" : "!") + m.group(2) : null;
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
