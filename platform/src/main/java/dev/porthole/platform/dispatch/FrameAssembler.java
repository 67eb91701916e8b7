package dev.porthole.platform.dispatch;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Joins a WebSocket message sent in fragments (RFC 6455 5.4), as clients may send a large one (the JDK's client cuts
 * text into pieces of a few KiB), so that a plugin always gets whole messages. One per WebSocket; frames come in order.
 */
final class FrameAssembler {
    /** The largest message a plugin is handed, whole or in fragments. */
    static final int MAX_MESSAGE = 1 << 20;

    /** What the assembler makes of a frame. */
    interface Sink {
        void text(String text);

        void binary(byte[] data);

        /** The client broke the protocol or sent too much: the WebSocket is to be closed so. */
        void refuse(int code, String reason);
    }

    private static final int PROTOCOL_ERROR = 1002;
    private static final int MESSAGE_TOO_BIG = 1009;

    private final Sink sink;
    private ByteArrayOutputStream partial;
    private boolean partialIsText;

    FrameAssembler(Sink sink) {
        this.sink = sink;
    }

    void accept(WebSocketFrame frame) {
        if (frame instanceof ContinuationWebSocketFrame) {
            if (partial == null) {
                sink.refuse(PROTOCOL_ERROR, "a continuation frame without a message to continue");
                return;
            }
            if (append(frame.content()) && frame.isFinalFragment()) {
                byte[] whole = partial.toByteArray();
                partial = null;
                deliver(partialIsText, whole);
            }
            return;
        }
        boolean text = frame instanceof TextWebSocketFrame;
        if (!text && !(frame instanceof BinaryWebSocketFrame)) {
            return; // control frames are Netty's and Micronaut's business
        }
        if (partial != null) {
            sink.refuse(PROTOCOL_ERROR, "a new message before the last one's final fragment");
            return;
        }
        if (frame.isFinalFragment()) {
            deliver(text, bytes(frame.content()));
            return;
        }
        partial = new ByteArrayOutputStream();
        partialIsText = text;
        append(frame.content());
    }

    private boolean append(ByteBuf content) {
        if (partial.size() + content.readableBytes() > MAX_MESSAGE) {
            partial = null;
            sink.refuse(MESSAGE_TOO_BIG, "a message may be at most " + MAX_MESSAGE + " bytes");
            return false;
        }
        partial.writeBytes(bytes(content));
        return true;
    }

    private void deliver(boolean text, byte[] data) {
        if (text) {
            sink.text(new String(data, StandardCharsets.UTF_8));
        } else {
            sink.binary(data);
        }
    }

    private static byte[] bytes(ByteBuf content) {
        byte[] data = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), data);
        return data;
    }
}
