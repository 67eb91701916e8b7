package dev.porthole.platform.ssh;

import org.apache.sshd.common.util.buffer.Buffer;

/**
 * The set-up an accepted connection goes through before it carries anything toward the destination, which is not the
 * forward's traffic: none for a local forward, the SOCKS exchange for a dynamic one.
 *
 * <p>MINA's SOCKS proxy answers each handshake message with one write: SOCKS4 has one exchange (request, reply),
 * SOCKS5 two (greeting, method choice; request, reply). Each reply says which by its first byte: 5 for SOCKS5 (RFC
 * 1928), 0 for SOCKS4. A client sends data only once it has the last reply, so everything read before that was set-up
 * too.
 */
final class Handshake {
    private static final byte SOCKS5 = 5;

    private volatile boolean over;
    // written by the proxy's replies only, which follow one another; read after over, which publishes it
    private int replies;

    private Handshake(boolean over) {
        this.over = over;
    }

    static Handshake none() {
        return new Handshake(true);
    }

    static Handshake socks() {
        return new Handshake(false);
    }

    boolean over() {
        return over;
    }

    /** {@return whether the connection's handler writing {@code write} to the client is still setting it up} */
    boolean takes(Buffer write) {
        if (over) {
            return false;
        }
        replies++;
        int exchanges = write.rawByte(write.rpos()) == SOCKS5 ? 2 : 1;
        over = replies == exchanges;
        return true;
    }
}
