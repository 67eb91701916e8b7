import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The relay row of bench/tunnels.sh: moves BYTES to the bench sink through the tunnels plugin's client relay WebSocket
 * (a local relay from HOST_ID to 127.0.0.1:SINK_PORT), with the sink's protocol of bench/tunnels.py ('C' + length,
 * then the bytes; the answer 'OK' + length). Prints the seconds from opening the WebSocket to the sink's answer.
 * Run as a single-file program: java bench/RelayClient.java WS_URL TOKEN HOST_ID SINK_PORT BYTES
 */
public class RelayClient {
    private static final int FRAME = 64 * 1024;

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        String token = args[1];
        long hostId = Long.parseLong(args[2]);
        int sinkPort = Integer.parseInt(args[3]);
        long bytes = Long.parseLong(args[4]);

        CompletableFuture<String> ready = new CompletableFuture<>();
        CompletableFuture<ByteBuffer> answer = new CompletableFuture<>();
        ByteBuffer answered = ByteBuffer.allocate(10);
        long start = System.nanoTime();
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(uri, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        ready.complete(data.toString());
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                        answered.put(data);
                        if (!answered.hasRemaining()) {
                            answer.complete(answered.flip());
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        ready.completeExceptionally(error);
                        answer.completeExceptionally(error);
                    }
                })
                .get(30, TimeUnit.SECONDS);
        socket.sendText(
                        "{\"type\":\"open\",\"tunnelConfig\":{\"sourceHostId\":" + hostId
                                + ",\"mode\":\"local\",\"endpointPort\":" + sinkPort
                                + "},\"targetHost\":\"127.0.0.1\",\"targetPort\":" + sinkPort + "}",
                        true)
                .get(30, TimeUnit.SECONDS);
        String first = ready.get(30, TimeUnit.SECONDS);
        if (!first.contains("\"ready\"")) {
            throw new IllegalStateException("the relay answered " + first);
        }
        ByteBuffer header = ByteBuffer.allocate(9).put((byte) 'C').putLong(bytes).flip();
        socket.sendBinary(header, true).get(30, TimeUnit.SECONDS);
        byte[] frame = new byte[FRAME];
        for (long left = bytes; left > 0; left -= FRAME) {
            int size = (int) Math.min(FRAME, left);
            socket.sendBinary(ByteBuffer.wrap(frame, 0, size), true).get(60, TimeUnit.SECONDS);
        }
        ByteBuffer got = answer.get(120, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (got.get() != 'O' || got.get() != 'K' || got.getLong() != bytes) {
            throw new IllegalStateException("the sink answered something else");
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        System.out.printf("%.6f%n", seconds);
    }
}
