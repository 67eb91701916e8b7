package dev.porthole.plugins.tunnels.status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One tunnel's status object of spec 001, as Termix's clients read it ({@code connected}, {@code status}, the retry
 * fields, {@code reason}, {@code errorType}, {@code manualDisconnect}, {@code retryExhausted}), with what a server
 * console also wants to see: the traffic, the open connections, since when it is up, and where it listens.
 *
 * @param nextRetryIn seconds until the next attempt, while retrying or waiting
 */
public record TunnelStatus(
        TunnelState state,
        int retryCount,
        int maxRetries,
        Optional<Long> nextRetryIn,
        Optional<String> reason,
        Optional<ErrorType> errorType,
        boolean manualDisconnect,
        boolean retryExhausted,
        Traffic traffic,
        Optional<Instant> connectedSince,
        Optional<String> listening) {

    /** Bytes from the connecting clients to the destination ({@code out}) and back ({@code in}). */
    public record Traffic(long bytesIn, long bytesOut, int openConnections, long totalConnections) {
        public static final Traffic NONE = new Traffic(0, 0, 0, 0);
    }

    public static TunnelStatus disconnected() {
        return new TunnelStatus(
                TunnelState.DISCONNECTED,
                0,
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                false,
                Traffic.NONE,
                Optional.empty(),
                Optional.empty());
    }

    public boolean connected() {
        return state == TunnelState.CONNECTED;
    }

    public TunnelStatus withTraffic(Traffic newTraffic) {
        return new TunnelStatus(
                state,
                retryCount,
                maxRetries,
                nextRetryIn,
                reason,
                errorType,
                manualDisconnect,
                retryExhausted,
                newTraffic,
                connectedSince,
                listening);
    }

    /** The JSON object of the spec: absent values are left out, as Termix's optional fields are. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("connected", connected());
        json.put("status", state.toString());
        if (state == TunnelState.RETRYING || state == TunnelState.WAITING || retryCount > 0) {
            json.put("retryCount", retryCount);
            json.put("maxRetries", maxRetries);
        }
        nextRetryIn.ifPresent(seconds -> json.put("nextRetryIn", seconds));
        reason.ifPresent(text -> json.put("reason", text));
        errorType.ifPresent(type -> json.put("errorType", type.name()));
        if (manualDisconnect) {
            json.put("manualDisconnect", true);
        }
        if (retryExhausted) {
            json.put("retryExhausted", true);
        }
        json.put("bytesIn", traffic.bytesIn());
        json.put("bytesOut", traffic.bytesOut());
        json.put("openConnections", traffic.openConnections());
        json.put("totalConnections", traffic.totalConnections());
        connectedSince.ifPresent(since -> json.put("connectedSince", since.toString()));
        listening.ifPresent(where -> json.put("listening", where));
        return json;
    }
}
