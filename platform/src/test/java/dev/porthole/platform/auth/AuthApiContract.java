package dev.porthole.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.platform.support.ApiClient.Auth;
import dev.porthole.platform.support.ApiClient.Reply;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Login, sessions by cookie and bearer, logout, password change, forged tokens, brute-force throttling. */
abstract class AuthApiContract extends PlatformTestBase {

    AuthApiContract(TestDatabase database) {
        super(database);
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("porthole.login.failures-per-user", "3");
    }

    @Test
    void login_returns_a_token_in_the_body_and_an_httponly_lax_cookie() {
        Reply reply = api().post("/api/auth/login", Map.of("username", "admin", "password", ADMIN_PASSWORD), Auth.NONE);

        assertThat(reply.status()).isEqualTo(200);
        String token = (String) reply.field("access_token");
        assertThat(reply.field("token_type")).isEqualTo("Bearer");
        assertThat(reply.field("role")).isEqualTo("ADMIN");
        String cookie = reply.header("Set-Cookie");
        assertThat(cookie)
                .startsWith("jwt=" + token + ";")
                .contains("HTTPOnly")
                .contains("SameSite=Lax")
                .contains("Path=/");
    }

    @Test
    void the_session_works_as_bearer_and_as_cookie() {
        String token = login("admin", ADMIN_PASSWORD);

        Reply byBearer = api().get("/api/auth/me", Auth.bearer(token));
        Reply byCookie = api().get("/api/auth/me", Auth.cookie(token));

        assertThat(byBearer.status()).isEqualTo(200);
        assertThat(byBearer.field("username")).isEqualTo("admin");
        assertThat(byBearer.field("authenticatedBy")).isEqualTo("session");
        assertThat(byCookie.status()).isEqualTo(200);
        assertThat(byCookie.field("username")).isEqualTo("admin");
    }

    @Test
    void wrong_password_and_unknown_user_get_the_same_401_problem() {
        TestUser user = newUser("USER");
        Reply wrong = api().post(
                        "/api/auth/login",
                        Map.of("username", user.username(), "password", "not-the-password"),
                        Auth.NONE);
        Reply unknown = api().post(
                        "/api/auth/login", Map.of("username", "nobody-here", "password", "whatever-pass"), Auth.NONE);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(wrong.field("detail")).isEqualTo("wrong username or password");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.field("detail")).isEqualTo(wrong.field("detail"));
    }

    @Test
    void login_without_fields_is_a_400_naming_them() {
        Reply reply = api().post("/api/auth/login", Map.of("username", ""), Auth.NONE);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.problemFields()).containsExactlyInAnyOrder("username", "password");
    }

    @Test
    void health_and_version_are_public_and_other_framework_routes_are_absent() {
        Reply health = api().get("/health", Auth.NONE);
        Reply version = api().get("/api/version", Auth.NONE);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.field("status")).isEqualTo("UP");
        assertThat(version.status()).isEqualTo(200);
        assertThat(version.map()).containsKeys("version", "pluginApiVersion");
        // Micronaut's own login/logout would bypass throttling and revocation
        assertThat(api().post("/login", Map.of("username", "admin", "password", ADMIN_PASSWORD), Auth.NONE)
                        .status())
                .isIn(401, 404);
        assertThat(api().post("/login", Map.of("username", "admin", "password", ADMIN_PASSWORD), Auth.NONE)
                        .body())
                .doesNotContain("access_token");
        assertThat(api().post("/logout", Map.of(), Auth.bearer(login("admin", ADMIN_PASSWORD)))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void requests_without_credentials_are_401() {
        assertThat(api().get("/api/auth/me", Auth.NONE).status()).isEqualTo(401);
        assertThat(api().get("/api/hosts", Auth.NONE).status()).isEqualTo(401);
        assertThat(api().get("/api/hosts", Auth.bearer("not-a-token")).status()).isEqualTo(401);
    }

    @Test
    void an_unsigned_or_resigned_token_is_refused() {
        String token = login("admin", ADMIN_PASSWORD);
        String[] parts = token.split("\\.");
        String unsigned = base64("{\"alg\":\"none\"}") + "." + parts[1] + ".";
        String wrongKey = parts[0] + "." + parts[1] + "." + base64("not-the-signature-of-this-token-at-all");
        String elevatedClaims = parts[0] + "."
                + base64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"uid\":1", "\"uid\":2"))
                + "." + parts[2];

        assertThat(parts[0]).isEqualTo(base64("{\"alg\":\"HS256\"}"));
        assertThat(api().get("/api/auth/me", Auth.bearer(unsigned)).status()).isEqualTo(401);
        assertThat(api().get("/api/auth/me", Auth.bearer(wrongKey)).status()).isEqualTo(401);
        assertThat(api().get("/api/auth/me", Auth.bearer(elevatedClaims)).status())
                .isEqualTo(401);
        assertThat(api().get("/api/auth/me", Auth.bearer(token)).status()).isEqualTo(200);
    }

    @Test
    void logout_ends_that_session_only_and_clears_the_cookie() {
        TestUser user = newUser("USER");
        String first = login(user.username(), user.password());
        String second = login(user.username(), user.password());

        Reply logout = api().post("/api/auth/logout", Map.of(), Auth.cookie(first));

        assertThat(logout.status()).isEqualTo(204);
        assertThat(logout.header("Set-Cookie")).startsWith("jwt=;").contains("Max-Age=0");
        assertThat(api().get("/api/auth/me", Auth.bearer(first)).status()).isEqualTo(401);
        assertThat(api().get("/api/auth/me", Auth.bearer(second)).status()).isEqualTo(200);
    }

    @Test
    void changing_the_password_ends_older_sessions_and_issues_a_new_one() {
        TestUser user = newUser("USER");
        String old = login(user.username(), user.password());

        Reply wrongCurrent = api().post(
                        "/api/auth/password",
                        Map.of("currentPassword", "nope-nope", "newPassword", "brand-new-password"),
                        Auth.bearer(old));
        Reply tooShort = api().post(
                        "/api/auth/password",
                        Map.of("currentPassword", user.password(), "newPassword", "short"),
                        Auth.bearer(old));
        Reply changed = api().post(
                        "/api/auth/password",
                        Map.of("currentPassword", user.password(), "newPassword", "brand-new-password"),
                        Auth.bearer(old));

        assertThat(wrongCurrent.status()).isEqualTo(400);
        assertThat(wrongCurrent.problemFields()).containsExactly("currentPassword");
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.problemFields()).containsExactly("newPassword");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(api().get("/api/auth/me", Auth.bearer(old)).status()).isEqualTo(401);
        assertThat(api().get("/api/auth/me", Auth.bearer((String) changed.field("access_token")))
                        .status())
                .isEqualTo(200);
        assertThat(loginStatus(user.username(), user.password())).isEqualTo(401);
        login(user.username(), "brand-new-password");
    }

    @Test
    void disabling_a_user_ends_their_sessions_and_refuses_login() {
        TestUser user = newUser("USER");
        Reply disabled = api().patch("/api/users/" + user.id(), Map.of("enabled", false), admin());

        assertThat(disabled.status()).isEqualTo(200);
        assertThat(api().get("/api/auth/me", user.auth()).status()).isEqualTo(401);
        assertThat(loginStatus(user.username(), user.password())).isEqualTo(401);
    }

    @Test
    void repeated_failures_lock_the_username_out_with_retry_after() {
        TestUser user = newUser("USER");
        Map<String, String> wrong = Map.of("username", user.username(), "password", "guess-guess");
        for (int i = 0; i < 3; i++) {
            assertThat(api().post("/api/auth/login", wrong, Auth.NONE).status()).isEqualTo(401);
        }

        Reply locked = api().post(
                        "/api/auth/login", Map.of("username", user.username(), "password", user.password()), Auth.NONE);

        assertThat(locked.status()).isEqualTo(429);
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isPositive();
        assertThat(locked.field("detail").toString()).startsWith("too many failed logins");
        // another user is not affected
        login("admin", ADMIN_PASSWORD);
    }

    private int loginStatus(String username, String password) {
        return api().post("/api/auth/login", Map.of("username", username, "password", password), Auth.NONE)
                .status();
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
