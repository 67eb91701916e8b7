package dev.porthole.plugins.dockerruntime.docker;

import dev.porthole.plugins.containers.spi.ContainerState;
import java.util.Locale;

/**
 * Docker's container states ({@code State} of the list, {@code State.Status} of inspect) in the API's words. Five are
 * the same word. The two others:
 *
 * <ul>
 *   <li>{@code dead}: the daemon failed to remove the container; it will not run again and can only be removed, a
 *       failure the user should see, so {@link ContainerState#FAILED};
 *   <li>{@code removing}: a removal is under way, which Docker reports only once the processes are gone, so
 *       {@link ContainerState#STOPPED}.
 * </ul>
 *
 * A word no daemon sends today is {@link ContainerState#STOPPED}: a state that is not known to run is not shown as up.
 */
final class ContainerStates {
    private ContainerStates() {}

    static ContainerState of(String dockerState) {
        return switch (dockerState.toLowerCase(Locale.ROOT)) {
            case "running" -> ContainerState.RUNNING;
            case "paused" -> ContainerState.PAUSED;
            case "restarting" -> ContainerState.RESTARTING;
            case "created" -> ContainerState.CREATED;
            case "exited" -> ContainerState.EXITED;
            case "dead" -> ContainerState.FAILED;
            default -> ContainerState.STOPPED;
        };
    }
}
