package dev.porthole.plugins.tunnels.relay;

/** What an open relay WebSocket does with the client's frames after its first message, and when it closes. */
interface Relay {

    /** A binary frame: raw TCP bytes in local and dynamic mode. */
    void binary(byte[] data);

    /** A text frame: a stream's message in remote mode. */
    void text(String text);

    /** The WebSocket has closed. */
    void close();
}
