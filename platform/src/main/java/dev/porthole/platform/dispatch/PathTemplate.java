package dev.porthole.platform.dispatch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An absolute route path such as {@code /docker/containers/{sessionId}}: literal segments and {@code {name}} variables,
 * each variable matching exactly one non-empty segment. Two templates overlap when some path matches both.
 */
public record PathTemplate(String text, List<String> segments) {
    private static final int MAX_SEGMENTS = 16;
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~:@!$'()*+,;=-]+");
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]{0,63})}");

    /** Parses a template; a malformed one is an {@link IllegalArgumentException} saying what is wrong. */
    public static PathTemplate parse(String text) {
        if (text == null || !text.startsWith("/") || text.length() < 2) {
            throw new IllegalArgumentException("a route path is absolute and not just '/': " + text);
        }
        if (text.endsWith("/")) {
            throw new IllegalArgumentException("a route path does not end with '/': " + text);
        }
        String[] parts = text.substring(1).split("/", -1);
        if (parts.length > MAX_SEGMENTS) {
            throw new IllegalArgumentException("a route path has at most " + MAX_SEGMENTS + " segments: " + text);
        }
        Set<String> names = new HashSet<>();
        for (String part : parts) {
            var variable = VARIABLE.matcher(part);
            if (variable.matches()) {
                if (!names.add(variable.group(1))) {
                    throw new IllegalArgumentException(
                            "path variable {" + variable.group(1) + "} appears twice in " + text);
                }
            } else if (!LITERAL.matcher(part).matches()) {
                throw new IllegalArgumentException("path segment '" + part + "' of " + text
                        + " is neither a literal (letters, digits, . _ ~ - and the like) nor a {variable}");
            }
        }
        return new PathTemplate(text, List.of(parts));
    }

    /** Splits a request path into segments; null for a path no template can match (empty segment). */
    static String[] split(String path) {
        if (path.length() < 2 || path.charAt(0) != '/') {
            return null;
        }
        String[] parts = path.substring(1).split("/", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                return null;
            }
        }
        return parts;
    }

    /** The decoded variables when {@code path} matches, else null. */
    Map<String, String> match(String[] path) {
        if (path.length != segments.size()) {
            return null;
        }
        for (int i = 0; i < path.length; i++) {
            String segment = segments.get(i);
            if (!isVariable(segment) && !segment.equals(path[i])) {
                return null;
            }
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < path.length; i++) {
            String segment = segments.get(i);
            if (isVariable(segment)) {
                variables.put(segment.substring(1, segment.length() - 1), decode(path[i]));
            }
        }
        return variables;
    }

    /** Whether some path matches both templates. */
    public boolean overlaps(PathTemplate other) {
        return overlaps(other.segments);
    }

    /** The same for a template in Micronaut's syntax, whose variables may carry modifiers ({@code {+path}}, {@code {id:\d+}}). */
    boolean overlaps(List<String> otherSegments) {
        boolean otherCatchAll = !otherSegments.isEmpty()
                && otherSegments.get(otherSegments.size() - 1).startsWith("{+");
        if (otherCatchAll) {
            if (segments.size() < otherSegments.size()) {
                return false;
            }
        } else if (otherSegments.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < otherSegments.size(); i++) {
            String mine = segments.get(i);
            String theirs = otherSegments.get(i);
            if (!isVariable(mine) && !isVariable(theirs) && !mine.equals(theirs)) {
                return false;
            }
        }
        return true;
    }

    /** Literal segments before the first variable, for preferring {@code /a/list} to {@code /a/{id}}. */
    int specificity() {
        int score = 0;
        for (String segment : segments) {
            score = score * 2 + (isVariable(segment) ? 0 : 1);
        }
        return score;
    }

    List<String> variableNames() {
        List<String> names = new ArrayList<>();
        for (String segment : segments) {
            if (isVariable(segment)) {
                names.add(segment.substring(1, segment.length() - 1));
            }
        }
        return names;
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{");
    }

    private static String decode(String segment) {
        try {
            return java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
