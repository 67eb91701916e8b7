package dev.porthole.test;

import dev.porthole.api.Api;
import dev.porthole.test.internal.EmbeddedPlatform;
import dev.porthole.test.internal.Multipart;
import dev.porthole.test.internal.PluginBuildOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The running platform with the plugin under test, as a test sees it: its address, an admin to act as, HTTP calls
 * that return status and body, and the plugin's state in the admin API. Calls take an optional bearer token: {@code
 * null} calls anonymously. Injected by {@link WithPorthole} into test methods, constructors and lifecycle methods.
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public final class Porthole {
    /** The password of the {@code admin} account of every harness platform. */
    public static final String ADMIN_PASSWORD = "porthole-test-admin-password";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedPlatform platform;
    private final PluginBuildOutput plugin;
    private final String pluginId;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newHttpClient();
    private String adminToken;

    Porthole(EmbeddedPlatform platform, PluginBuildOutput plugin, Path dataDir) {
        this.platform = platform;
        this.plugin = plugin;
        this.pluginId = plugin.pluginId();
        this.dataDir = dataDir;
    }

    /** {@return where the server listens, e.g. {@code http://localhost:41234}} */
    public URI baseUrl() {
        return platform.baseUrl();
    }

    /**
     * The absolute URI of a path on this server.
     *
     * @param path e.g. {@code /hello/greetings}
     * @return the URI
     */
    public URI uri(String path) {
        return baseUrl().resolve(path);
    }

    /**
     * The {@code ws://} URI of a WebSocket path on this server.
     *
     * @param path the WebSocket's path
     * @return the URI
     */
    public URI webSocketUri(String path) {
        return URI.create("ws" + uri(path).toString().substring("http".length()));
    }

    /** {@return the id of the plugin under test ({@code plugin.id} of its descriptor)} */
    public String pluginId() {
        return pluginId;
    }

    /** {@return the server's data directory: its H2 database, master key and plugins directory} */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * {@return an HTTP client for what the helpers here do not cover, such as WebSockets
     * ({@link HttpClient#newWebSocketBuilder()})}
     */
    public HttpClient httpClient() {
        return http;
    }

    /** {@return a session token of the {@code admin} account (role ADMIN, every scope); signed in once and kept} */
    public synchronized String adminToken() {
        if (adminToken == null) {
            adminToken = login("admin", ADMIN_PASSWORD);
        }
        return adminToken;
    }

    /**
     * Signs in.
     *
     * @param username the account's name
     * @param password its password
     * @return the session token
     * @throws AssertionError when the server refuses
     */
    public String login(String username, String password) {
        Reply reply = post(
                "/api/auth/login", "{\"username\":" + quote(username) + ",\"password\":" + quote(password) + "}", null);
        expect(reply, 200, "sign-in of " + username);
        return (String) reply.jsonObject().get("access_token");
    }

    /**
     * Creates an account through the admin API and signs it in.
     *
     * @param username the new account's name
     * @param password its password
     * @param role {@code USER} or {@code ADMIN}
     * @return the new account's session token
     */
    public String createUser(String username, String password, String role) {
        Reply reply = post(
                "/api/users",
                "{\"username\":" + quote(username) + ",\"password\":" + quote(password) + ",\"role\":" + quote(role)
                        + "}",
                adminToken());
        expect(reply, 201, "creating user " + username);
        return login(username, password);
    }

    /**
     * {@code GET path}, anonymously.
     *
     * @param path the path, with any query string
     * @return the answer
     */
    public Reply get(String path) {
        return get(path, null);
    }

    /**
     * {@code GET path}.
     *
     * @param path the path, with any query string
     * @param token a bearer token, or {@code null} for none
     * @return the answer
     */
    public Reply get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    /**
     * POSTs {@code json} as {@code application/json}.
     *
     * @param path the path
     * @param json the body, sent as it is
     * @param token a bearer token, or {@code null} for none
     * @return the answer
     */
    public Reply post(String path, String json, String token) {
        return send("POST", path, token, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * PUTs {@code json} as {@code application/json}.
     *
     * @param path the path
     * @param json the body, sent as it is
     * @param token a bearer token, or {@code null} for none
     * @return the answer
     */
    public Reply put(String path, String json, String token) {
        return send("PUT", path, token, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code DELETE path}.
     *
     * @param path the path
     * @param token a bearer token, or {@code null} for none
     * @return the answer
     */
    public Reply delete(String path, String token) {
        return send("DELETE", path, token, null, null);
    }

    /**
     * Any request.
     *
     * @param method the HTTP method, e.g. {@code PATCH}
     * @param path the path, with any query string
     * @param token a bearer token, or {@code null} for none
     * @param contentType the body's media type, or {@code null} without a body
     * @param body the body, or {@code null}
     * @return the answer
     */
    public Reply send(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(REQUEST_TIMEOUT)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + path, e);
        }
    }

    /**
     * Opens a server-sent event stream; read it with {@link EventStream#next(Duration)} and close it when done. The
     * status is checked when the first event is read, since a server may send its headers only with it.
     *
     * @param path the stream's path
     * @param token a bearer token, or {@code null} for none
     * @return the open stream
     */
    public EventStream openEvents(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        EventStream stream = new EventStream(path);
        http.sendAsync(request.build(), stream.handler());
        return stream;
    }

    /** {@return the plugin under test as {@code GET /api/plugins/{id}} shows it; empty once it is uninstalled} */
    public Optional<PluginInfo> plugin() {
        return plugin(pluginId);
    }

    /**
     * Any installed plugin as {@code GET /api/plugins/{id}} shows it, such as one of {@link
     * WithPorthole#requiredPlugins()}.
     *
     * @param id the plugin's id
     * @return the plugin, empty when none of that id is installed
     * @since 0.2.0
     */
    public Optional<PluginInfo> plugin(String id) {
        Reply reply = get("/api/plugins/" + id, adminToken());
        if (reply.status() == 404) {
            return Optional.empty();
        }
        expect(reply, 200, "reading plugin " + id);
        return Optional.of(pluginInfo(reply.jsonObject()));
    }

    /**
     * Waits until the plugin's job {@code name} has run at least {@code runs} times, polling the admin API.
     *
     * @param name the job's name, as the plugin scheduled it
     * @param runs how many runs to wait for
     * @param timeout how long to wait at most
     * @return the job as it stood then
     * @throws AssertionError when it has not within {@code timeout}
     */
    public PluginInfo.Job awaitJobRuns(String name, long runs, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<PluginInfo.Job> job = plugin().flatMap(plugin -> plugin.job(name));
            if (job.isPresent() && job.get().runs() >= runs) {
                return job.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "job " + name + " of plugin " + pluginId + " did not run " + runs + " times within " + timeout
                                + "; last seen: " + job.map(Object::toString).orElse("no such job"));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for job " + name, e);
            }
        }
    }

    /**
     * Disables the plugin: its routes answer 404 and its jobs stop, until {@link #enable()}.
     *
     * @return the plugin as it stands then
     */
    public PluginInfo disable() {
        Reply reply = post("/api/plugins/" + pluginId + "/disable", "{}", adminToken());
        expect(reply, 200, "disabling " + pluginId);
        return pluginInfo(reply.jsonObject());
    }

    /**
     * Enables the plugin again after {@link #disable()}: it starts and serves its routes.
     *
     * @return the plugin as it stands then
     */
    public PluginInfo enable() {
        Reply reply = post("/api/plugins/" + pluginId + "/enable", "{}", adminToken());
        expect(reply, 200, "enabling " + pluginId);
        return pluginInfo(reply.jsonObject());
    }

    /**
     * Installs the plugin under test again after {@link #uninstall()}, from its build output as before the first
     * test, while the server and the plugins it depends on keep running.
     *
     * @return the plugin, started
     * @throws AssertionError when the server refuses it or it does not start, with the server's reason
     * @since 0.2.0
     */
    public PluginInfo install() {
        return install(plugin);
    }

    /** Removes the plugin as {@code DELETE /api/plugins/{id}} does; the rest of the test class sees it gone. */
    public void uninstall() {
        expect(delete("/api/plugins/" + pluginId, adminToken()), 204, "removing " + pluginId);
    }

    /**
     * Removes the plugin, then waits until the JVM has collected its class loader: proof that nothing of the plugin
     * outlives it (a thread it started, a registration it left, a cache of the host holding one of its classes). The
     * garbage collector is asked to run while waiting.
     *
     * @param timeout how long to wait for the collection
     * @throws AssertionError when the loader is still reachable after {@code timeout}, naming the live threads that
     *     still have it as their context class loader, the most common holder
     * @since 0.2.0
     */
    public void uninstallAndAwaitUnload(Duration timeout) {
        WeakReference<ClassLoader> loader = new WeakReference<>(pluginClassLoader());
        uninstall();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (loader.get() != null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the class loader of plugin " + pluginId + " was not collected within "
                        + timeout + " of its removal; threads that hold it as context class loader: "
                        + threadsHolding(loader.get()));
            }
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for plugin " + pluginId + " to unload", e);
            }
        }
    }

    private static List<String> threadsHolding(ClassLoader loader) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getContextClassLoader() == loader)
                .map(Thread::getName)
                .sorted()
                .toList();
    }

    /**
     * The PF4J class loader the server loaded the plugin with. A class of the plugin under test that this loader
     * defines is the one the server runs, distinct from the copy on the test class path.
     *
     * @return the loader
     * @throws IllegalStateException when the plugin is not installed
     */
    public ClassLoader pluginClassLoader() {
        return pluginClassLoader(pluginId);
    }

    /**
     * The PF4J class loader of any installed plugin: a plugin the plugin under test depends on defines the classes of
     * its SPI with it, and the plugin under test reaches them through it.
     *
     * @param id the plugin's id
     * @return the loader
     * @throws IllegalStateException when no plugin of that id is installed
     * @since 0.2.0
     */
    public ClassLoader pluginClassLoader(String id) {
        return platform.pluginClassLoader(id)
                .orElseThrow(() -> new IllegalStateException("plugin " + id + " is not installed"));
    }

    /**
     * Packs a build output into a jar and installs it through the admin API, as {@code porthole plugin install} does;
     * it must start.
     */
    PluginInfo install(PluginBuildOutput build) {
        Multipart upload = Multipart.file("file", build.pluginId() + ".jar", build.jar());
        Reply installed = send("POST", "/api/plugins", adminToken(), upload.contentType(), upload.body());
        if (installed.status() != 201) {
            throw new AssertionError(
                    "installing plugin " + build.pluginId() + " from " + build.dir() + " failed: " + installed);
        }
        PluginInfo info = pluginInfo(installed.jsonObject());
        if (!info.state().equals("STARTED")) {
            throw new AssertionError("plugin " + build.pluginId() + " is " + info.state() + " after install: "
                    + info.reason().orElse("no reason given"));
        }
        return info;
    }

    private static void expect(Reply reply, int status, String what) {
        if (reply.status() != status) {
            throw new AssertionError(what + ": expected HTTP " + status + ", got " + reply);
        }
    }

    @SuppressWarnings("unchecked")
    private static PluginInfo pluginInfo(Map<String, Object> view) {
        // the server leaves empty lists out
        List<PluginInfo.Job> jobs = ((List<Map<String, Object>>) view.getOrDefault("jobs", List.of()))
                .stream()
                        .map(job -> new PluginInfo.Job(
                                (String) job.get("name"),
                                (String) job.get("schedule"),
                                ((Number) job.get("runs")).longValue(),
                                ((Number) job.get("skipped")).longValue(),
                                Optional.ofNullable((String) job.get("lastStarted"))
                                        .map(Instant::parse),
                                Optional.ofNullable((String) job.get("lastOutcome"))))
                        .toList();
        return new PluginInfo(
                (String) view.get("id"),
                (String) view.get("version"),
                (String) view.get("state"),
                (Boolean) view.get("enabled"),
                Optional.ofNullable((String) view.get("reason")),
                jobs);
    }

    /** A JSON string literal. */
    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
