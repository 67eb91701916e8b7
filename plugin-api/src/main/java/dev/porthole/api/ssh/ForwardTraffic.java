package dev.porthole.api.ssh;

import dev.porthole.api.Api;

/**
 * What a forward has carried since it opened. "Out" is what the connecting clients sent toward the destination, "in"
 * what came back to them, whichever side listens.
 *
 * @param bytesIn bytes from the destination to the clients
 * @param bytesOut bytes from the clients to the destination
 * @param openConnections connections carried now
 * @param totalConnections connections accepted since the forward opened
 * @since 0.2.0
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public record ForwardTraffic(long bytesIn, long bytesOut, int openConnections, long totalConnections) {}
