package dev.porthole.test.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body with one file, as a browser or {@code curl -F} uploads a plugin.
 *
 * @param contentType the header value, with the boundary
 * @param body the encoded body
 */
public record Multipart(String contentType, byte[] body) {
    public static Multipart file(String field, String fileName, byte[] content) {
        String boundary = "porthole-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(body, "--" + boundary + "\r\n");
        write(body, "Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\n");
        write(body, "Content-Type: application/java-archive\r\n\r\n");
        body.writeBytes(content);
        write(body, "\r\n--" + boundary + "--\r\n");
        return new Multipart("multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    private static void write(ByteArrayOutputStream body, String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
