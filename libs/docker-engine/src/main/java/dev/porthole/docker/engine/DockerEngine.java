package dev.porthole.docker.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Docker Engine API of one host over one transport: docker-java's client for the typed commands, and plain
 * requests where the Engine's JSON is passed on as it is ({@code inspect}), or read as it is ({@code stats}, logs).
 * Closing it closes the transport.
 */
public final class DockerEngine implements Closeable {
    private final DockerHttpClient http;
    private final DockerClient client;
    private final ObjectMapper json;

    private DockerEngine(DockerHttpClient http, DockerClientConfig config) {
        this.http = http;
        this.client = DockerClientImpl.getInstance(config, http);
        this.json = config.getObjectMapper();
    }

    /**
     * An engine over {@code http}. Paths are unversioned, so each daemon speaks its own current API version. The
     * configuration is fixed here, never read from the server's environment or {@code ~/.docker}: the host address is
     * a placeholder, the transport decides where requests go.
     */
    public static DockerEngine over(DockerHttpClient http) {
        DockerClientConfig config = new DefaultDockerClientConfig.Builder()
                .withDockerHost("tcp://docker:2375")
                .withDockerTlsVerify(false)
                .build();
        return new DockerEngine(http, config);
    }

    /** docker-java's client for the typed commands. */
    public DockerClient client() {
        return client;
    }

    /** docker-java's own mapper, configured for the Engine's documents. */
    public ObjectMapper json() {
        return json;
    }

    /** GET of a JSON document; an error status is a {@link DaemonRefusal} with the daemon's message. */
    public JsonNode getJson(String path) {
        try (DockerHttpClient.Response response = get(path, Map.of())) {
            return json.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path + " from the Docker daemon failed", e);
        }
    }

    /** GET whose body the caller reads and closes; error statuses are thrown as by {@link #getJson}. */
    public DockerHttpClient.Response get(String path, Map<String, String> query) {
        String target = query.isEmpty()
                ? path
                : path + "?"
                        + query.entrySet().stream()
                                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                                .collect(Collectors.joining("&"));
        DockerHttpClient.Response response = http.execute(DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path(target)
                .build());
        int status = response.getStatusCode();
        if (status < 400) {
            return response;
        }
        try (response) {
            throw new DaemonRefusal(status, daemonMessage(response.getBody()));
        }
    }

    /** The Engine's error body is {@code {"message": "..."}}. */
    private String daemonMessage(InputStream body) {
        try {
            return daemonMessage(new String(body.readNBytes(16 * 1024), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "the Docker daemon answered with an error";
        }
    }

    /** The daemon's sentence in an error body {@code {"message": "..."}}; the text itself when it is not one. */
    public String daemonMessage(String body) {
        try {
            JsonNode message = json.readTree(body).path("message");
            return message.isTextual() ? message.asText() : body;
        } catch (IOException notJson) {
            return body;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        try (http) {
            client.close();
        }
    }
}
