package dev.porthole.plugins.dockerruntime.docker;

import dev.porthole.plugins.containers.spi.RuntimeFailure;
import java.util.regex.Pattern;

/** Container ids and names as they go into Engine API paths, and Docker's short id. */
final class ContainerRefs {
    /**
     * What Docker accepts as a container's name (its own pattern, {@code [a-zA-Z0-9][a-zA-Z0-9_.-]+}), a hex id or a
     * prefix of one. Nothing else can name a container, and nothing else goes into a path.
     */
    private static final Pattern REF = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}");

    private static final int SHORT_ID = 12;

    private ContainerRefs() {}

    /**
     * @return {@code id}, which can name a container
     * @throws RuntimeFailure {@code NOT_FOUND} when no container can have it as id or name
     */
    static String checked(String id) {
        if (id == null || !REF.matcher(id).matches()) {
            throw new RuntimeFailure(
                    RuntimeFailure.Kind.NOT_FOUND, "No such container: not a Docker container id or name");
        }
        return id;
    }

    /** {@return Docker's short id: the first 12 hex digits} */
    static String shortId(String fullId) {
        return fullId.length() > SHORT_ID ? fullId.substring(0, SHORT_ID) : fullId;
    }
}
