import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The log row of bench/containers.sh: one container's log through the containers plugin's socket ({@code /api/v1/ws},
 * spec 004's {@code container.logs.subscribe}), counted as the Docker CLI's output would be: each {@code container.logs}
 * message is its {@code message} plus the line end that the server took off, in UTF-8 bytes.
 *
 * <p>Prints {@code started} once the server sent {@code container.logs.started}, then, at {@code container.logs.ended},
 * {@code ended REASON LINES BYTES STDERR_LINES CPU_SECONDS} (CPU_SECONDS: this client's process, JVM start-up
 * included), and exits 0 (1 when the stream ended in an error, 2 when the socket
 * failed or closed first, after printing why on stderr).
 *
 * <p>Run: java -cp DIR ContainerLogsClient WS_URL TOKEN ENV CONTAINER TAIL FOLLOW
 */
public class ContainerLogsClient {
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        String token = args[1];
        String env = args[2];
        String container = args[3];
        int tail = Integer.parseInt(args[4]);
        boolean follow = Boolean.parseBoolean(args[5]);

        CompletableFuture<String> done = new CompletableFuture<>();
        Listener listener = new Listener(done);
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(uri, listener)
                .get(30, TimeUnit.SECONDS);
        socket.sendText(
                        "{\"type\":\"container.logs.subscribe\",\"data\":{\"containerId\":\"" + container + "\",\"env\":"
                                + env + ",\"tail\":" + tail + ",\"follow\":" + follow + "}}",
                        true)
                .get(30, TimeUnit.SECONDS);
        String reason;
        try {
            reason = done.get();
        } catch (Exception e) {
            System.err.println("the socket failed: " + e.getCause());
            System.out.flush();
            System.exit(2);
            return;
        }
        double cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
        System.out.printf(
                "ended %s %d %d %d %.2f%n", reason, listener.lines, listener.bytes, listener.stderrLines, cpu);
        System.out.flush();
        if (listener.error != null) {
            System.err.println("container.logs.error: " + listener.error);
        }
        System.exit("error".equals(reason) ? 1 : 0);
    }

    private static final class Listener implements WebSocket.Listener {
        private final CompletableFuture<String> done;
        private final StringBuilder part = new StringBuilder();
        long lines;
        long bytes;
        long stderrLines;
        String error;

        Listener(CompletableFuture<String> done) {
            this.done = done;
        }

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (!last || part.length() > 0) {
                part.append(data);
                if (!last) {
                    ws.request(1);
                    return null;
                }
                data = part.toString();
                part.setLength(0);
            }
            try {
                handle(data.toString());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
            ws.request(1);
            return null;
        }

        private void handle(String text) {
            Object parsed = new Json(text).value();
            if (!(parsed instanceof Map<?, ?> message)) {
                throw new IllegalStateException("not a JSON object: " + text);
            }
            Map<?, ?> data = message.get("data") instanceof Map<?, ?> m ? m : Map.of();
            String type = String.valueOf(message.get("type"));
            switch (type) {
                case "container.logs" -> {
                    String line = String.valueOf(data.get("message"));
                    lines++;
                    bytes += utf8Length(line) + 1;
                    if ("stderr".equals(data.get("stream"))) {
                        stderrLines++;
                    }
                }
                case "container.logs.started" -> {
                    System.out.println("started");
                    System.out.flush();
                }
                case "container.logs.error" -> error = text;
                case "container.logs.ended" -> done.complete(String.valueOf(data.get("reason")));
                default -> {
                    // notifications of operations: not this client's business
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            done.completeExceptionally(new IllegalStateException("the socket closed: " + code + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable failure) {
            done.completeExceptionally(failure);
        }
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Just enough JSON for the socket's messages: objects, arrays, strings, numbers, true, false, null. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    skip();
                    if (s.charAt(i) == '}') {
                        i++;
                        return map;
                    }
                    while (true) {
                        skip();
                        String key = string();
                        skip();
                        expect(':');
                        map.put(key, value());
                        skip();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect('}');
                            return map;
                        }
                    }
                }
                case '[' -> {
                    i++;
                    List<Object> list = new ArrayList<>();
                    skip();
                    if (s.charAt(i) == ']') {
                        i++;
                        return list;
                    }
                    while (true) {
                        list.add(value());
                        skip();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect(']');
                            return list;
                        }
                    }
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    int start = i;
                    while (i < s.length() && ",}] \t\r\n".indexOf(s.charAt(i)) < 0) {
                        i++;
                    }
                    String word = s.substring(start, i);
                    return switch (word) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        case "null" -> null;
                        default -> Double.parseDouble(word);
                    };
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = null;
            int start = i;
            while (true) {
                char c = s.charAt(i);
                if (c == '"') {
                    String tail = s.substring(start, i);
                    i++;
                    return out == null ? tail : out.append(tail).toString();
                }
                if (c == '\\') {
                    if (out == null) {
                        out = new StringBuilder();
                    }
                    out.append(s, start, i);
                    char e = s.charAt(i + 1);
                    i += 2;
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> out.append(e);
                    }
                    start = i;
                } else {
                    i++;
                }
            }
        }

        private void skip() {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalStateException("expected '" + c + "' at " + i + " of " + s);
            }
            i++;
        }
    }
}
