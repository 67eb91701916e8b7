package dev.porthole.platform.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.platform.support.ApiClient.Reply;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import dev.porthole.platform.support.TestKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The host inventory: fields, validation, credentials that never come back, jump hosts and proxies. */
abstract class HostsApiContract extends PlatformTestBase {

    HostsApiContract(TestDatabase database) {
        super(database);
    }

    static Map<String, Object> host(String name, Object... more) {
        Map<String, Object> host =
                new HashMap<>(Map.of("name", name, "address", "192.0.2.10", "username", "deploy", "authType", "none"));
        for (int i = 0; i < more.length; i += 2) {
            host.put((String) more[i], more[i + 1]);
        }
        return host;
    }

    @Test
    void a_host_is_created_with_every_field_and_never_shows_a_secret() {
        TestUser user = newUser("USER");
        Map<String, Object> body = host(
                "web-1",
                "port",
                2222,
                "authType",
                "password",
                "password",
                "hunter2-password",
                "proxies",
                List.of(Map.of("host", "127.0.0.1", "port", 1080, "username", "px", "password", "proxy-secret")),
                "enableDocker",
                true,
                "enableStats",
                true,
                "tunnels",
                List.of(Map.of("mode", "local", "sourcePort", 8080, "endpointHost", "db", "endpointPort", 5432)),
                "tags",
                List.of("prod", "web", "prod"));

        Reply created = api().post("/api/hosts", body, user.auth());

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/hosts/" + created.id());
        assertThat(created.body())
                .doesNotContain("hunter2-password")
                .doesNotContain("proxy-secret")
                .doesNotContain("Sealed");
        Map<String, Object> view =
                api().get("/api/hosts/" + created.id(), user.auth()).map();
        assertThat(view)
                .containsEntry("name", "web-1")
                .containsEntry("port", 2222)
                .containsEntry("authType", "password")
                .containsEntry("hasPassword", true)
                .containsEntry("hasKey", false)
                .containsEntry("enableDocker", true)
                .containsEntry("enableTunnels", false)
                .containsEntry("enableStats", true)
                .containsEntry("tags", List.of("prod", "web"))
                .containsEntry("owner", user.username())
                .containsEntry("access", "owner")
                .doesNotContainKey("password");
        assertThat(view.get("proxies"))
                .isEqualTo(List.of(Map.of("host", "127.0.0.1", "port", 1080, "username", "px", "hasPassword", true)));
        assertThat(view.get("tunnels"))
                .isEqualTo(List.of(Map.of(
                        "mode",
                        "local",
                        "sourcePort",
                        8080,
                        "endpointHost",
                        "db",
                        "endpointPort",
                        5432,
                        "maxRetries",
                        3,
                        "retryInterval",
                        5000,
                        "autoStart",
                        false)));
    }

    @Test
    void the_port_defaults_to_22() {
        Reply created = api().post("/api/hosts", host("plain"), newUser("USER").auth());
        assertThat(created.field("port")).isEqualTo(22);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ed25519,",
        "ecdsa,",
        "rsa3072,",
        "rsa-pem,",
        "ed25519-encrypted,test-passphrase",
        "rsa-pem-encrypted,test-passphrase"
    })
    void private_keys_of_every_kind_are_accepted(String keyFile, String passphrase) {
        Map<String, Object> body = host("key-" + keyFile, "authType", "key", "privateKey", TestKeys.read(keyFile));
        if (passphrase != null) {
            body.put("keyPassphrase", passphrase);
        }
        Reply created = api().post("/api/hosts", body, newUser("USER").auth());

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.map()).containsEntry("hasKey", true).containsEntry("hasKeyPassphrase", passphrase != null);
        assertThat(created.body()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void a_key_that_does_not_parse_is_a_400_that_says_so() {
        TestUser user = newUser("USER");
        Reply garbage = api().post(
                        "/api/hosts",
                        host(
                                "k1",
                                "authType",
                                "key",
                                "privateKey",
                                "-----BEGIN OPENSSH PRIVATE KEY-----\nnonsense\n-----END OPENSSH PRIVATE KEY-----\n"),
                        user.auth());
        Reply publicKey = api().post(
                        "/api/hosts",
                        host("k2", "authType", "key", "privateKey", TestKeys.read("ed25519.pub")),
                        user.auth());
        Reply noPassphrase = api().post(
                        "/api/hosts",
                        host("k3", "authType", "key", "privateKey", TestKeys.read("ed25519-encrypted")),
                        user.auth());
        Reply wrongPassphrase = api().post(
                        "/api/hosts",
                        host(
                                "k4",
                                "authType",
                                "key",
                                "privateKey",
                                TestKeys.read("rsa-pem-encrypted"),
                                "keyPassphrase",
                                "wrong"),
                        user.auth());
        Reply noKey = api().post("/api/hosts", host("k5", "authType", "key"), user.auth());

        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.field("detail")).isEqualTo("privateKey: is not a private key in OpenSSH or PEM format");
        assertThat(publicKey.problemFields()).containsExactly("privateKey");
        assertThat(noPassphrase.status()).isEqualTo(400);
        assertThat(noPassphrase.field("detail")).isEqualTo("keyPassphrase: is required: the private key is encrypted");
        assertThat(wrongPassphrase.status()).isEqualTo(400);
        assertThat(wrongPassphrase.field("detail")).isEqualTo("keyPassphrase: does not decrypt the private key");
        assertThat(noKey.problemFields()).containsExactly("privateKey");
        assertThat(api().get("/api/hosts", user.auth()).list()).isEmpty();
    }

    @Test
    void invalid_fields_are_400s_naming_each_field() {
        Map<String, Object> body = host(
                "",
                "address",
                "-oProxyCommand=touch /tmp/x",
                "port",
                70000,
                "username",
                "root; rm",
                "authType",
                "magic",
                "jumpHostId",
                -1,
                "proxies",
                List.of(Map.of("host", "proxy", "port", 0)),
                "tunnels",
                List.of(Map.of("mode", "sideways", "sourcePort", 1)),
                "tags",
                List.of("ok", "not ok"));

        Reply reply = api().post("/api/hosts", body, newUser("USER").auth());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.problemFields())
                .containsExactlyInAnyOrder(
                        "name",
                        "address",
                        "port",
                        "username",
                        "authType",
                        "jumpHostId",
                        "proxies[0].port",
                        "tunnels[0].mode",
                        "tags[1]");
    }

    @Test
    void a_local_tunnel_needs_its_endpoint() {
        Reply reply = api().post(
                        "/api/hosts",
                        host("t", "tunnels", List.of(Map.of("mode", "local", "sourcePort", 9000))),
                        newUser("USER").auth());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.problemFields()).containsExactly("tunnels[0].endpointHost");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "`{not json` | body | body: malformed JSON at line 1 column 2",
                "`{\"name\": \"x\",\n \"port\": NaN}` | body | body: malformed JSON at line 2 column 13",
                "`{\"name\": \"x\", \"port\": \"twenty-two\", \"address\":\"a\",\"username\":\"u\",\"authType\":\"none\"}`"
                        + " | port | port: must be a whole number (line 1 column 35)",
                "`{\"name\": \"x\", \"proxies\": [{\"host\": \"h\", \"port\": \"x\"}]}`"
                        + " | proxies.port | proxies.port: must be a whole number (line 1 column 52)",
                "`{\"name\": {\"a\":1}}` | body | body: a value has the wrong type (line 1 column 11)",
                "`[1,2]` | body | body: a value has the wrong type (line 1 column 2)"
            })
    void malformed_or_mistyped_json_is_a_400_naming_the_field_or_the_place_and_nothing_of_the_parser(
            String raw, String field, String detail) {
        Reply reply = api().sendRaw("POST", "/api/hosts", raw, newUser("USER").auth());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.problemFields()).containsExactly(field);
        assertThat(reply.field("detail")).isEqualTo(detail);
        assertThat(reply.body()).doesNotContainIgnoringCase("jackson").doesNotContain("java.", "Feature", "Source");
    }

    @Test
    void an_empty_body_and_a_path_id_of_the_wrong_type_are_400s_naming_them() {
        TestUser user = newUser("USER");

        Reply empty = api().sendRaw("POST", "/api/hosts", "", user.auth());
        Reply badId = api().get("/api/hosts/abc", user.auth());

        assertThat(empty.status()).isEqualTo(400);
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.problemFields()).containsExactly("id");
        assertThat(badId.field("detail")).isEqualTo("id: must be a whole number");
    }

    @Test
    void an_oversized_body_is_a_413() {
        Reply reply = api().post(
                        "/api/hosts",
                        host("big", "password", "x".repeat(2 * 1024 * 1024)),
                        newUser("USER").auth());

        assertThat(reply.status()).isEqualTo(413);
    }

    @Test
    void an_update_keeps_secrets_that_are_left_out_and_removes_those_sent_empty() {
        TestUser user = newUser("USER");
        Reply created = api().post(
                        "/api/hosts",
                        host(
                                "u1",
                                "authType",
                                "key",
                                "privateKey",
                                TestKeys.read("ed25519-encrypted"),
                                "keyPassphrase",
                                TestKeys.PASSPHRASE,
                                "password",
                                "sudo-password",
                                "proxies",
                                List.of(Map.of(
                                        "host", "10.9.9.9", "port", 1080, "username", "p", "password", "proxy-pw"))),
                        user.auth());
        String path = "/api/hosts/" + created.id();

        // send back what was read: no secret in it, so all stay
        Map<String, Object> roundTrip = new HashMap<>(created.map());
        roundTrip.put("proxies", List.of(Map.of("host", "10.9.9.9", "port", 1080, "username", "p")));
        roundTrip.put("name", "u1-renamed");
        Reply kept = api().put(path, roundTrip, user.auth());
        assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
        assertThat(kept.map())
                .containsEntry("name", "u1-renamed")
                .containsEntry("hasKey", true)
                .containsEntry("hasKeyPassphrase", true)
                .containsEntry("hasPassword", true);
        assertThat(kept.field("proxies"))
                .isEqualTo(List.of(Map.of("host", "10.9.9.9", "port", 1080, "username", "p", "hasPassword", true)));

        // an empty string removes; a proxy that moved elsewhere loses the stored password
        Map<String, Object> clearing = new HashMap<>(roundTrip);
        clearing.put("password", "");
        clearing.put("proxies", List.of(Map.of("host", "10.9.9.8", "port", 1080, "username", "p")));
        Reply cleared = api().put(path, clearing, user.auth());
        assertThat(cleared.map()).containsEntry("hasPassword", false).containsEntry("hasKey", true);
        assertThat(cleared.field("proxies"))
                .isEqualTo(List.of(Map.of("host", "10.9.9.8", "port", 1080, "username", "p", "hasPassword", false)));

        // a new passphrase is checked against the stored key
        Map<String, Object> badPassphrase = new HashMap<>(roundTrip);
        badPassphrase.put("keyPassphrase", "not-it");
        assertThat(api().put(path, badPassphrase, user.auth()).problemFields()).containsExactly("keyPassphrase");
    }

    @Test
    void a_host_name_is_unique_per_owner() {
        TestUser a = newUser("USER");
        TestUser b = newUser("USER");
        assertThat(api().post("/api/hosts", host("same"), a.auth()).status()).isEqualTo(201);
        assertThat(api().post("/api/hosts", host("same"), b.auth()).status()).isEqualTo(201);
        assertThat(api().post("/api/hosts", host("same"), a.auth()).status()).isEqualTo(409);
    }

    @Test
    void jump_hosts_must_be_usable_and_must_not_loop() {
        TestUser user = newUser("USER");
        TestUser stranger = newUser("USER");
        long bastion = api().post("/api/hosts", host("bastion"), user.auth()).id();
        long inner = api().post("/api/hosts", host("inner", "jumpHostId", bastion), user.auth())
                .id();
        long foreign = api().post("/api/hosts", host("theirs"), stranger.auth()).id();

        Reply self = api().put("/api/hosts/" + bastion, host("bastion", "jumpHostId", bastion), user.auth());
        Reply loop = api().put("/api/hosts/" + bastion, host("bastion", "jumpHostId", inner), user.auth());
        Reply notMine = api().post("/api/hosts", host("sneaky", "jumpHostId", foreign), user.auth());
        Reply unknown = api().post("/api/hosts", host("nowhere", "jumpHostId", 987654), user.auth());
        Reply deleteBastion = api().delete("/api/hosts/" + bastion, user.auth());

        assertThat(self.status()).isEqualTo(400);
        assertThat(self.field("detail")).isEqualTo("jumpHostId: cannot be the host itself");
        assertThat(loop.field("detail")).isEqualTo("jumpHostId: would make a loop of jump hosts");
        assertThat(notMine.problemFields()).containsExactly("jumpHostId");
        assertThat(unknown.problemFields()).containsExactly("jumpHostId");
        assertThat(deleteBastion.status()).isEqualTo(409);
        assertThat(api().get("/api/hosts/" + inner, user.auth()).field("jumpHostId"))
                .isEqualTo((int) bastion);
        assertThat(api().delete("/api/hosts/" + inner, user.auth()).status()).isEqualTo(204);
        assertThat(api().delete("/api/hosts/" + bastion, user.auth()).status()).isEqualTo(204);
    }

    @Test
    void the_list_can_be_filtered_by_tag() {
        TestUser user = newUser("USER");
        api().post("/api/hosts", host("a", "tags", List.of("prod")), user.auth());
        api().post("/api/hosts", host("b", "tags", List.of("dev")), user.auth());

        assertThat(api().get("/api/hosts?tag=prod", user.auth()).list())
                .extracting(h -> h.get("name"))
                .containsExactly("a");
        assertThat(api().get("/api/hosts", user.auth()).list()).hasSize(2);
    }
}
