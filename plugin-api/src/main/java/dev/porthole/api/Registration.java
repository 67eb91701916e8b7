package dev.porthole.api;

/**
 * A handle on something a plugin registered (a route, a stream, a job). Closing it withdraws the registration; closing
 * it twice does nothing. The host closes every open handle of a plugin when the plugin stops.
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public interface Registration extends AutoCloseable {
    @Override
    void close();
}
