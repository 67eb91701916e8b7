package dev.porthole.plugins.containers.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretRedactionTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GF_SECURITY_ADMIN_PASSWORD",
                "POSTGRES_PASSWORD",
                "MYSQL_ROOT_PASSWORD",
                "password",
                "DB_PASS",
                "MYSQL_PWD",
                "DB_PASSWD",
                "SSH_PASSPHRASE",
                "DBPASSWORD",
                "adminPassword",
                "CLIENT_SECRET",
                "OAUTH_CLIENT_SECRET",
                "NEXTAUTH_SECRET",
                "JWTSECRET",
                "SECRET_KEY_BASE",
                "DOCKER_SECRETS",
                "GITHUB_TOKEN",
                "GITHUBTOKEN",
                "auth-token",
                "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY",
                "API_KEY",
                "APIKEY",
                "OPENAIAPIKEY",
                "apiKey",
                "ACCESSKEY",
                "PRIVATEKEY",
                "TLS_KEY",
                "SSH_PRIVATE_KEY",
                "API_KEYS",
                "GOOGLE_APPLICATION_CREDENTIALS",
                "AZURE_CREDENTIAL",
                "REGISTRY_CREDS",
                "SENTRY_DSN",
                "SENTRYDSN",
                "app.dsn",
                "WORDPRESS_NONCE_SALT",
                "RABBITMQ_ERLANG_COOKIE",
                "HTTP_AUTHORIZATION",
                "BASIC_AUTH",
                "REDIS_AUTH",
                "some.token"
            })
    void keysThatNameASecret(String key) {
        assertThat(SecretRedaction.isSecretKey(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "PATH",
                "HOME",
                "HOSTNAME",
                "LANG",
                "JAVA_OPTS",
                "KEYBOARD_LAYOUT",
                "MONKEY",
                "DONKEY_KONG",
                "TOKENIZER_PARALLELISM",
                "MAX_TOKENS",
                "BYPASS_PROXY",
                "COMPASS_DIR",
                "PASSENGER_APP_ENV",
                "AUTH_ENABLED",
                "AUTH_URL",
                "GF_AUTH_GENERIC_OAUTH_ENABLED",
                "OAUTH",
                "PWD",
                "OLDPWD",
                "TLS_CERT",
                "SSL_CERT_FILE",
                "CA_CERTIFICATES",
                "DATABASE_URL",
                "GF_PATHS_DATA",
                "",
                "_"
            })
    void keysThatDoNot(String key) {
        assertThat(SecretRedaction.isSecretKey(key)).isFalse();
    }

    @Test
    void redactsTheSpecsExample() {
        Map<String, Object> document = Map.of(
                "Id", "abc123def456789",
                "Name", "/grafana",
                "Config",
                        Map.of(
                                "Image", "grafana/grafana:latest",
                                "Env",
                                        List.of(
                                                "GF_SECURITY_ADMIN_PASSWORD=admin123",
                                                "GF_PATHS_DATA=/var/lib/grafana",
                                                "PATH=/usr/local/sbin:/usr/bin"),
                                "Labels", Map.of("nekzus.app.id", "grafana")));

        SecretRedaction.Result result = SecretRedaction.redact(document);

        assertThat(config(result).get("Env"))
                .isEqualTo(List.of(
                        "GF_SECURITY_ADMIN_PASSWORD=***",
                        "GF_PATHS_DATA=/var/lib/grafana",
                        "PATH=/usr/local/sbin:/usr/bin"));
        assertThat(config(result).get("Labels")).isEqualTo(Map.of("nekzus.app.id", "grafana"));
        assertThat(config(result).get("Image")).isEqualTo("grafana/grafana:latest");
        assertThat(((Map<?, ?>) result.document()).get("Name")).isEqualTo("/grafana");
        assertThat(result.redactedKeys()).containsExactly("GF_SECURITY_ADMIN_PASSWORD");
        assertThat(result.redactedPaths()).containsExactly("Config.Env[0]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            postgres://u:p@db/x                         | postgres://u:***@db/x
            postgres://u:p@ss@db:5432/x?sslmode=require | postgres://u:***@db:5432/x?sslmode=require
            redis://:hunter2@cache:6379/0               | redis://:***@cache:6379/0
            mongodb+srv://app:pw@a:1,b:2/db             | mongodb+srv://app:***@a:1,b:2/db
            https://ghp_abc123@github.com/o/r.git       | https://***@github.com/o/r.git
            https://x-access-token:tok@github.com/o/r   | https://x-access-token:***@github.com/o/r
            amqp://u:@rabbit                            | amqp://u:@rabbit
            http://@host/                               | http://@host/
            https://example.com/a@b                     | https://example.com/a@b
            https://example.com/?mail=a@b.c             | https://example.com/?mail=a@b.c
            --db=mysql://root:pw@db:3306/app            | --db=mysql://root:***@db:3306/app
            a=http://u:p@h1 b=ftp://v:q@h2              | a=http://u:***@h1 b=ftp://v:***@h2
            postgres://u:***@db/x                       | postgres://u:***@db/x
            user:pass@tcp(db:3306)/app                  | user:pass@tcp(db:3306)/app
            plain text                                  | plain text
            """)
    void hidesTheUserinfoPasswordOfAUrlInAnyValue(String value, String redacted) {
        assertThat(SecretRedaction.redactValue(value)).isEqualTo(redacted);
    }

    @Test
    void aUrlPasswordIsHiddenWhateverTheKey() {
        SecretRedaction.Result result = SecretRedaction.redact(env(
                "DATABASE_URL=postgres://u:p@db/x", "UPSTREAM=https://example.com/", "CACHE=redis://:hunter2@cache"));

        assertThat(config(result).get("Env"))
                .isEqualTo(List.of(
                        "DATABASE_URL=postgres://u:***@db/x",
                        "UPSTREAM=https://example.com/",
                        "CACHE=redis://:***@cache"));
        assertThat(result.redactedKeys()).containsExactly("DATABASE_URL", "CACHE");
    }

    @Test
    void aPrivateKeyIsHiddenWholeWhateverTheKey() {
        String pem =
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";
        String certificate = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        SecretRedaction.Result result = SecretRedaction.redact(env("DEPLOY=" + pem, "TLS_CERT=" + certificate));

        assertThat(config(result).get("Env")).isEqualTo(List.of("DEPLOY=***", "TLS_CERT=" + certificate));
        assertThat(result.redactedKeys()).containsExactly("DEPLOY");
    }

    @Test
    void theValueRuleReachesCommandsAndLabelsTooButLabelKeysAreNotJudged() {
        Map<String, Object> document = Map.of(
                "Path", "/app/run",
                "Args", List.of("--db", "postgres://app:pw@db/app"),
                "Config",
                        Map.of(
                                "Cmd", List.of("serve", "--upstream=https://u:p@up.example"),
                                "Healthcheck", Map.of("Test", List.of("CMD", "curl", "-f", "http://u:p@localhost/")),
                                "Labels",
                                        Map.of(
                                                "com.example.api-key", "visible-by-design",
                                                "my.db", "mysql://root:pw@db")));

        SecretRedaction.Result result = SecretRedaction.redact(document);
        Map<?, ?> redacted = (Map<?, ?>) result.document();

        assertThat(redacted.get("Args")).isEqualTo(List.of("--db", "postgres://app:***@db/app"));
        assertThat(config(result).get("Cmd")).isEqualTo(List.of("serve", "--upstream=https://u:***@up.example"));
        assertThat(((Map<?, ?>) config(result).get("Healthcheck")).get("Test"))
                .isEqualTo(List.of("CMD", "curl", "-f", "http://u:***@localhost/"));
        assertThat(config(result).get("Labels"))
                .isEqualTo(Map.of("com.example.api-key", "visible-by-design", "my.db", "mysql://root:***@db"));
        assertThat(result.redactedKeys()).isEmpty();
        assertThat(result.redactedPaths())
                .containsExactlyInAnyOrder(
                        "Args[1]", "Config.Cmd[1]", "Config.Healthcheck.Test[3]", "Config.Labels[\"my.db\"]");
    }

    @Test
    void aDocumentWithoutConfigOrEnvIsCopiedAsItIs() {
        Map<String, Object> noConfig = Map.of("Id", "abc", "State", Map.of("Running", true, "Pid", 12345));
        assertThat(SecretRedaction.redact(noConfig).document()).isEqualTo(noConfig);

        Map<String, Object> noEnv = Map.of("Config", Map.of("Image", "busybox"));
        assertThat(SecretRedaction.redact(noEnv).document()).isEqualTo(noEnv);

        Map<String, Object> nullConfig = new LinkedHashMap<>();
        nullConfig.put("Config", null);
        assertThat(SecretRedaction.redact(nullConfig).document()).isEqualTo(nullConfig);

        Map<String, Object> envNotAList = Map.of("Config", Map.of("Env", "PASSWORD=x"));
        assertThat(SecretRedaction.redact(envNotAList).document()).isEqualTo(envNotAList);

        assertThat(SecretRedaction.redact(null).document()).isNull();
        assertThat(SecretRedaction.redact(42).document()).isEqualTo(42);
        assertThat(SecretRedaction.redact(noConfig).redactedKeys()).isEmpty();
    }

    @Test
    void entriesThatAreNotStringsAreCopied() {
        List<Object> entries = Arrays.asList(42, null, true, Map.of("PASSWORD", "not-an-env-var"), "API_KEY=k");
        SecretRedaction.Result result = SecretRedaction.redact(Map.of("Config", Map.of("Env", entries)));

        assertThat(config(result).get("Env"))
                .isEqualTo(Arrays.asList(42, null, true, Map.of("PASSWORD", "not-an-env-var"), "API_KEY=***"));
        assertThat(result.redactedKeys()).containsExactly("API_KEY");
    }

    @Test
    void anEntryWithoutEqualsHasNoKeyAndGetsTheValueRuleOnly() {
        SecretRedaction.Result result = SecretRedaction.redact(env("PASSWORD", "postgres://u:p@db/x", "NOVALUE"));

        assertThat(config(result).get("Env")).isEqualTo(List.of("PASSWORD", "postgres://u:***@db/x", "NOVALUE"));
        assertThat(result.redactedKeys()).isEmpty();
        assertThat(result.redactedPaths()).containsExactly("Config.Env[1]");
    }

    @Test
    void onlyTheFirstEqualsSplitsKeyFromValue() {
        SecretRedaction.Result result =
                SecretRedaction.redact(env("TOKEN=a=b", "OPTS=--x=postgres://u:p@h", "=orphan", "DB_PASSWORD="));

        assertThat(config(result).get("Env"))
                .isEqualTo(List.of("TOKEN=***", "OPTS=--x=postgres://u:***@h", "=orphan", "DB_PASSWORD="));
        assertThat(result.redactedKeys()).as("an empty value hides nothing").containsExactly("TOKEN", "OPTS");
    }

    @Test
    void aDockerSecretsFileReferenceIsAPathNotASecret() {
        SecretRedaction.Result result = SecretRedaction.redact(env(
                "MYSQL_ROOT_PASSWORD_FILE=/run/secrets/mysql_root", "API_KEY_FILE=inline-key", "PASSWORD_FILE=/a b"));

        assertThat(config(result).get("Env"))
                .isEqualTo(List.of(
                        "MYSQL_ROOT_PASSWORD_FILE=/run/secrets/mysql_root", "API_KEY_FILE=***", "PASSWORD_FILE=***"));
    }

    @Test
    void eachKeyIsReportedOnceInOrderAndEachPlace() {
        SecretRedaction.Result result = SecretRedaction.redact(env("B_TOKEN=1", "A_SECRET=2", "B_TOKEN=3"));

        assertThat(result.redactedKeys()).containsExactly("B_TOKEN", "A_SECRET");
        assertThat(result.redactedPaths()).containsExactly("Config.Env[0]", "Config.Env[1]", "Config.Env[2]");
    }

    @Test
    void kubernetesStyleEnvironmentVariablesAreJudgedByName() {
        Map<String, Object> pod = Map.of(
                "spec",
                Map.of(
                        "containers",
                        List.of(Map.of(
                                "name",
                                "app",
                                "env",
                                List.of(
                                        Map.of("name", "DB_PASSWORD", "value", "hunter2"),
                                        Map.of("name", "MODE", "value", "prod"),
                                        Map.of("name", "DB_URL", "value", "postgres://u:p@db/x"),
                                        Map.of(
                                                "name",
                                                "API_TOKEN",
                                                "valueFrom",
                                                Map.of("secretKeyRef", Map.of("name", "s", "key", "t"))))))));

        SecretRedaction.Result result = SecretRedaction.redact(pod);
        Map<?, ?> container = (Map<?, ?>)
                ((List<?>) ((Map<?, ?>) ((Map<?, ?>) result.document()).get("spec")).get("containers")).get(0);

        assertThat(container.get("env"))
                .isEqualTo(List.of(
                        Map.of("name", "DB_PASSWORD", "value", "***"),
                        Map.of("name", "MODE", "value", "prod"),
                        Map.of("name", "DB_URL", "value", "postgres://u:***@db/x"),
                        Map.of(
                                "name",
                                "API_TOKEN",
                                "valueFrom",
                                Map.of("secretKeyRef", Map.of("name", "s", "key", "t")))));
        assertThat(result.redactedKeys()).containsExactly("DB_PASSWORD", "DB_URL");
        assertThat(result.redactedPaths())
                .containsExactly("spec.containers[0].env[0].value", "spec.containers[0].env[2].value");
    }

    @Test
    void theInputIsNeverChanged() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Env", new ArrayList<>(List.of("DB_PASSWORD=hunter2", "URL=postgres://u:p@db/x")));
        config.put("Labels", new LinkedHashMap<>(Map.of("a", "b")));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Config", config);
        document.put("Args", new ArrayList<>(List.of("postgres://u:p@db/x")));
        Object before = deepCopy(document);

        SecretRedaction.Result result = SecretRedaction.redact(document);

        assertThat(document).isEqualTo(before);
        assertThat(result.document()).isNotEqualTo(document);
        assertThat(result.document()).isNotSameAs(document);
        assertThat(config(result)).isNotSameAs(config);
        assertThat(config(result).get("Labels")).isNotSameAs(config.get("Labels"));

        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) result.document();
        copy.put("Added", true);
        ((List<Object>) config(result).get("Env")).clear();
        assertThat(document).isEqualTo(before);
    }

    @Test
    void theCopyKeepsTheOrderOfTheDocument() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Z", 1);
        document.put("A", 2);
        document.put("M", 3);
        List<Object> keys =
                new ArrayList<>(((Map<?, ?>) SecretRedaction.redact(document).document()).keySet());
        assertThat(keys).containsExactly("Z", "A", "M");
    }

    private static Map<String, Object> env(String... entries) {
        return Map.of("Config", Map.of("Env", List.of(entries)));
    }

    private static Map<?, ?> config(SecretRedaction.Result result) {
        return (Map<?, ?>) ((Map<?, ?>) result.document()).get("Config");
    }

    private static Object deepCopy(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, deepCopy(v)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(deepCopy(v)));
            return out;
        }
        return node;
    }
}
