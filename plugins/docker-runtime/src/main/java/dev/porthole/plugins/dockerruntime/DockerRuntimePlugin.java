package dev.porthole.plugins.dockerruntime;

import dev.porthole.api.PluginContext;
import dev.porthole.api.PortholePlugin;
import dev.porthole.plugins.containers.spi.ContainerRuntime;
import dev.porthole.plugins.containers.spi.EndpointSpec;
import dev.porthole.plugins.containers.spi.RuntimeEndpoint;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import java.util.Map;
import org.pf4j.Extension;

/**
 * The containers plugin's {@code docker} runtime. The plugin is its own extension: the containers plugin gets this
 * running instance, so the endpoints live from {@link #start} to {@link #stop}, which closes them all and so ends every
 * log stream and event feed they run. Registers no routes; all its work is the SPI's.
 */
@Extension
public final class DockerRuntimePlugin implements PortholePlugin, ContainerRuntime {
    private volatile Endpoints endpoints;

    @Override
    public void start(PluginContext context) {
        endpoints = new Endpoints(context.executor(), context.clock());
    }

    @Override
    public void stop() {
        Endpoints running = endpoints;
        endpoints = null;
        if (running != null) {
            running.close();
        }
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public void check(Map<String, String> endpoint, boolean overSsh) {
        EndpointSettings.check(endpoint, overSsh);
    }

    @Override
    public RuntimeEndpoint endpoint(String key, EndpointSpec spec) {
        Endpoints running = endpoints;
        if (running == null) {
            throw new RuntimeFailure(RuntimeFailure.Kind.UNAVAILABLE, "the docker-runtime plugin is not running");
        }
        return running.get(key, spec);
    }

    @Override
    public void forget(String key) {
        Endpoints running = endpoints;
        if (running != null) {
            running.forget(key);
        }
    }
}
