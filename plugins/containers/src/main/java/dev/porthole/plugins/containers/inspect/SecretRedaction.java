package dev.porthole.plugins.containers.inspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the secrets of a container's inspect document from a caller without the {@code reveal} permission: spec 004
 * shows {@code "GF_SECURITY_ADMIN_PASSWORD=***"} in {@code Config.Env}. Images take their passwords, tokens and keys
 * through the environment, so whoever may look at a container would otherwise read them all.
 *
 * <p>Two rules, each erring on the side of hiding (a hidden value costs a caller a request for {@code reveal}; a shown
 * one cannot be taken back):
 *
 * <ul>
 *   <li><b>By key</b>, in environment lists ({@code Config.Env} of Docker, or any list under a key named {@code Env} or
 *       {@code env}, whose entries are {@code KEY=value} strings or Kubernetes-style {@code {name, value}} maps): the
 *       whole value becomes {@code ***} when the key {@linkplain #isSecretKey looks like a secret}, unless it is a
 *       Docker-secrets {@code *_FILE} key naming an absolute path (the path is not the secret).
 *   <li><b>By value</b>, in every string of the document (environment values, {@code Cmd}, {@code Args}, health checks,
 *       labels): the password of a URL's userinfo ({@code postgres://u:p@db/x} becomes {@code postgres://u:***@db/x};
 *       a userinfo without a password is often a token, as in {@code https://ghp_x@github.com}, and becomes
 *       {@code ***}), and a whole string holding a PEM private key.
 * </ul>
 *
 * <p>Labels are not redacted by key: they are routing metadata that the container list shows unredacted to the same
 * callers (spec 004), so hiding them here would hide nothing; their names are dotted namespaces ({@code
 * com.docker.compose.config-hash}, {@code traefik.http.routers.x.tls.certresolver}) on which the key rule would fire
 * without a secret in sight; and Docker has no convention of secrets in labels as it has in the environment. The
 * value rule still applies to them.
 *
 * <p>The input is never changed: the result is a deep copy (fresh, mutable {@code LinkedHashMap}s and {@code
 * ArrayList}s that the caller owns, in the input's order), with the keys and places of what was hidden, for the
 * Compose export's warnings.
 */
public final class SecretRedaction {
    /** What a hidden value is replaced with. */
    public static final String MASK = "***";

    /** Whole parts of a key that name a secret: {@code DB_PASS}, {@code MYSQL_PWD}, {@code API_KEY}, {@code SENTRY_DSN}. */
    private static final Set<String> SECRET_PARTS = Set.of(
            "PASSWORD",
            "PASSWORDS",
            "PASSWD",
            "PASS",
            "PWD",
            "PASSPHRASE",
            "SECRET",
            "SECRETS",
            "TOKEN",
            "CREDENTIAL",
            "CREDENTIALS",
            "CREDS",
            "KEY",
            "KEYS",
            "DSN",
            "SALT",
            "COOKIE",
            "AUTHORIZATION");

    /**
     * Words that still name a secret at the end of a longer part, as in {@code DBPASSWORD}, {@code CLIENTSECRET},
     * {@code GITHUBTOKEN}, {@code SENTRYDSN}. Short words ({@code PASS}: {@code BYPASS}, {@code COMPASS}; {@code KEY}:
     * {@code MONKEY}; {@code PWD}) count only as whole parts or in the compounds below.
     */
    private static final List<String> SECRET_SUFFIXES = List.of(
            "PASSWORD",
            "PASSWORDS",
            "PASSWD",
            "PASSPHRASE",
            "SECRET",
            "SECRETS",
            "TOKEN",
            "CREDENTIAL",
            "CREDENTIALS",
            "DSN");

    /** Compounds that end a part with {@code KEY} or {@code KEYS} and name a secret: {@code APIKEY}, {@code OPENAIAPIKEY}. */
    private static final List<String> KEY_COMPOUNDS = List.of(
            "APIKEY",
            "ACCESSKEY",
            "PRIVATEKEY",
            "SECRETKEY",
            "MASTERKEY",
            "SIGNINGKEY",
            "ENCRYPTIONKEY",
            "ENCKEY",
            "AUTHKEY",
            "LICENSEKEY",
            "SSHKEY",
            "CLIENTKEY",
            "SERVICEKEY",
            "APPKEY",
            "DEPLOYKEY",
            "SESSIONKEY",
            "JWTKEY",
            "HMACKEY");

    /** The shell's working directories, which share the letters of a password's {@code PWD}. */
    private static final Set<String> NOT_SECRET_KEYS = Set.of("PWD", "OLDPWD");

    private static final Pattern KEY_PARTS = Pattern.compile("[_.\\-]+");

    /** A URL's scheme and userinfo: up to the last {@code @} before the authority ends ({@code /}, {@code ?}, {@code #}). */
    private static final Pattern URL_USERINFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*://)([^/?#\\s]*)@");

    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SecretRedaction() {}

    /**
     * What was redacted.
     *
     * @param document the redacted deep copy
     * @param redactedKeys the environment keys whose values were hidden (wholly or a URL's password), each once, in
     *     document order, e.g. {@code GF_SECURITY_ADMIN_PASSWORD}
     * @param redactedPaths where every hidden value was, e.g. {@code Config.Env[0]}, {@code Args[2]}, {@code
     *     Config.Labels["my.url"]}
     */
    public record Result(Object document, List<String> redactedKeys, List<String> redactedPaths) {
        public Result {
            redactedKeys = List.copyOf(redactedKeys);
            redactedPaths = List.copyOf(redactedPaths);
        }
    }

    /**
     * Redacts an inspect document.
     *
     * @param document a JSON tree: {@code Map}s (string keys), {@code List}s, strings, numbers, booleans and nulls;
     *     other values are kept as they are
     * @return the redacted copy, with what was hidden; the input is unchanged
     */
    public static Result redact(Object document) {
        Walk walk = new Walk();
        Object copy = walk.copy(document, "", false);
        return new Result(copy, List.copyOf(walk.keys), walk.paths);
    }

    /**
     * Whether an environment key looks like it holds a secret. The key is upper-cased and split on {@code _}, {@code
     * -} and {@code .}; it is a secret when a part is one of PASSWORD(S), PASSWD, PASS, PWD, PASSPHRASE, SECRET(S),
     * TOKEN, CREDENTIAL(S), CREDS, KEY(S), DSN, SALT, COOKIE, AUTHORIZATION; or ends with one of the long ones
     * ({@code DBPASSWORD}, {@code CLIENTSECRET}); or ends with a known {@code KEY} compound ({@code APIKEY}, {@code
     * ACCESSKEY}, {@code PRIVATEKEY}, …); or when the last part is AUTH ({@code BASIC_AUTH}, but not {@code
     * AUTH_ENABLED}). {@code PWD} and {@code OLDPWD} alone are the shell's directories. Certificates ({@code CERT},
     * {@code TLS_CERT}) are public and not secrets; their private keys are ({@code TLS_KEY}).
     *
     * @param key the name of an environment variable
     * @return true when its value should be hidden
     */
    public static boolean isSecretKey(String key) {
        String upper = key.toUpperCase(Locale.ROOT);
        if (NOT_SECRET_KEYS.contains(upper)) {
            return false;
        }
        String[] parts = KEY_PARTS.split(upper);
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            if (SECRET_PARTS.contains(part)
                    || SECRET_SUFFIXES.stream().anyMatch(part::endsWith)
                    || KEY_COMPOUNDS.stream().anyMatch(c -> part.endsWith(c) || part.endsWith(c + "S"))) {
                return true;
            }
        }
        return parts.length > 0 && parts[parts.length - 1].equals("AUTH");
    }

    /**
     * Applies the value rule to one string: a PEM private key hides the whole string; a URL's userinfo password (or a
     * userinfo without one) becomes {@code ***}.
     *
     * @param value any string
     * @return the string with its secrets hidden; the same string when it has none
     */
    public static String redactValue(String value) {
        if (PRIVATE_KEY.matcher(value).find()) {
            return MASK;
        }
        Matcher matcher = URL_USERINFO.matcher(value);
        if (!matcher.find()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        do {
            String userinfo = matcher.group(2);
            int colon = userinfo.indexOf(':');
            String hidden;
            if (userinfo.isEmpty()) {
                hidden = userinfo;
            } else if (colon < 0) {
                hidden = MASK;
            } else if (colon == userinfo.length() - 1) {
                hidden = userinfo; // an empty password: nothing to hide
            } else {
                hidden = userinfo.substring(0, colon + 1) + MASK;
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + hidden + "@"));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }

    /** One redaction: the deep copy and what it hid. */
    private static final class Walk {
        private final Set<String> keys = new LinkedHashSet<>();
        private final List<String> paths = new ArrayList<>();

        Object copy(Object node, String path, boolean environment) {
            if (node instanceof Map<?, ?> map) {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    Object key = entry.getKey();
                    boolean env = key instanceof String name && name.equalsIgnoreCase("env");
                    out.put(key, copy(entry.getValue(), child(path, String.valueOf(key)), env));
                }
                return out;
            }
            if (node instanceof List<?> list) {
                List<Object> out = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    Object element = list.get(i);
                    String at = path + "[" + i + "]";
                    if (environment && element instanceof String entry) {
                        out.add(environmentEntry(entry, at));
                    } else if (environment && element instanceof Map<?, ?> variable && isNameValue(variable)) {
                        out.add(environmentVariable(variable, at));
                    } else {
                        out.add(copy(element, at, false));
                    }
                }
                return out;
            }
            if (node instanceof String text) {
                String redacted = redactValue(text);
                if (!redacted.equals(text)) {
                    paths.add(path);
                }
                return redacted;
            }
            return node;
        }

        /** {@code KEY=value}; an entry without {@code =} has no key and gets the value rule only. */
        private String environmentEntry(String entry, String path) {
            int equals = entry.indexOf('=');
            if (equals < 0) {
                return (String) copy(entry, path, false);
            }
            String key = entry.substring(0, equals);
            String value = entry.substring(equals + 1);
            String redacted = redactEnvironmentValue(key, value, path);
            return redacted.equals(value) ? entry : key + "=" + redacted;
        }

        /** A Kubernetes {@code EnvVar}: {@code {"name": "DB_PASSWORD", "value": "…"}}, other fields copied. */
        private Map<Object, Object> environmentVariable(Map<?, ?> variable, String path) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> field : variable.entrySet()) {
                String at = child(path, String.valueOf(field.getKey()));
                if ("value".equals(field.getKey())) {
                    out.put(
                            "value",
                            redactEnvironmentValue((String) variable.get("name"), (String) field.getValue(), at));
                } else {
                    out.put(field.getKey(), copy(field.getValue(), at, false));
                }
            }
            return out;
        }

        private String redactEnvironmentValue(String key, String value, String path) {
            String redacted;
            if (value.isEmpty()) {
                redacted = value; // hiding an empty value would hide only that it is empty
            } else if (isSecretKey(key) && !isSecretFileReference(key, value)) {
                redacted = MASK;
            } else {
                redacted = redactValue(value);
            }
            if (!redacted.equals(value)) {
                keys.add(key);
                paths.add(path);
            }
            return redacted;
        }

        private static boolean isNameValue(Map<?, ?> variable) {
            return variable.get("name") instanceof String && variable.get("value") instanceof String;
        }
    }

    /**
     * Docker's secrets convention ({@code MYSQL_ROOT_PASSWORD_FILE=/run/secrets/db}): the value is where the secret
     * is, not the secret, as long as it reads as an absolute path.
     */
    private static boolean isSecretFileReference(String key, String value) {
        return key.toUpperCase(Locale.ROOT).endsWith("_FILE")
                && value.startsWith("/")
                && value.chars().noneMatch(Character::isWhitespace);
    }

    /** {@code Config.Env}, or {@code Config.Labels["a.b"]} for a key that is not an identifier. */
    private static String child(String path, String key) {
        if (IDENTIFIER.matcher(key).matches()) {
            return path.isEmpty() ? key : path + "." + key;
        }
        return path + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }
}
