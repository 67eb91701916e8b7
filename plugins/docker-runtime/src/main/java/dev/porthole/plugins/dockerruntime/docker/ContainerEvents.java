package dev.porthole.plugins.dockerruntime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.porthole.plugins.containers.spi.ContainerEvent;

/** One object of the Engine API's event stream ({@code GET /events}, type {@code container}) as a {@link ContainerEvent}. */
final class ContainerEvents {
    private ContainerEvents() {}

    /**
     * The action is Docker's word as it is: {@code start}, {@code die}, ..., and for some the detail after a colon,
     * {@code health_status: healthy}, {@code exec_start: sh -c ...}, which says what happened.
     */
    static ContainerEvent of(JsonNode event) {
        JsonNode actor = event.path("Actor");
        return new ContainerEvent(
                ContainerRefs.shortId(actor.path("ID").asText("")),
                actor.path("Attributes").path("name").asText(""),
                event.path("Action").asText(""),
                event.path("time").asLong(0));
    }
}
