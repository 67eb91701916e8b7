package dev.porthole.platform.support;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A plain HTTP client for the API under test: every status comes back as a {@link Reply}, nothing is thrown, and
 * the caller chooses exactly which credentials travel (a bearer token, a cookie, or none).
 */
public final class ApiClient {
    private final URI base;
    private final JsonMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiClient(URI base, JsonMapper json) {
        this.base = base;
        this.json = json;
    }

    /** Credentials for one request. */
    public interface Auth {
        void apply(HttpRequest.Builder request);

        static Auth bearer(String token) {
            return request -> request.header("Authorization", "Bearer " + token);
        }

        static Auth cookie(String jwt) {
            return request -> request.header("Cookie", "jwt=" + jwt);
        }

        Auth NONE = request -> {};
    }

    public Reply get(String path, Auth auth) {
        return send("GET", path, null, auth);
    }

    public Reply delete(String path, Auth auth) {
        return send("DELETE", path, null, auth);
    }

    public Reply post(String path, Object body, Auth auth) {
        return send("POST", path, body, auth);
    }

    public Reply put(String path, Object body, Auth auth) {
        return send("PUT", path, body, auth);
    }

    public Reply patch(String path, Object body, Auth auth) {
        return send("PATCH", path, body, auth);
    }

    /** Sends a body exactly as given, for malformed JSON and wrong types. */
    public Reply sendRaw(String method, String path, String rawBody, Auth auth) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(rawBody));
        auth.apply(request);
        return exchange(request);
    }

    /** A POST whose whole body is {@code content}, of the given media type. */
    public Reply postBytes(String path, String contentType, byte[] content, Auth auth) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(content));
        auth.apply(request);
        return exchange(request);
    }

    /** A multipart/form-data POST with one file part. */
    public Reply upload(String path, String field, String fileName, byte[] content, Auth auth) {
        String boundary = "porthole-" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                        + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        auth.apply(request);
        return exchange(request);
    }

    private Reply send(String method, String path, Object body, Auth auth) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        auth.apply(request);
        return exchange(request);
    }

    private Reply exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response: status, headers, raw body, and the body read as JSON. */
    public record Reply(int status, java.net.http.HttpHeaders headers, String body, JsonMapper json) {
        public Map<String, Object> map() {
            return read(Argument.mapOf(String.class, Object.class));
        }

        public List<Map<String, Object>> list() {
            return read(Argument.listOf(Argument.mapOf(String.class, Object.class)));
        }

        public Object field(String name) {
            return map().get(name);
        }

        public long id() {
            return ((Number) field("id")).longValue();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public List<String> headerValues(String name) {
            return headers.allValues(name);
        }

        /** The field names of a problem's {@code errors}. */
        public List<String> problemFields() {
            Object errors = map().get("errors");
            if (!(errors instanceof List<?> list)) {
                return List.of();
            }
            return list.stream()
                    .map(e -> String.valueOf(((Map<?, ?>) e).get("field")))
                    .toList();
        }

        private <T> T read(Argument<T> type) {
            try {
                return json.readValue(body, type);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
