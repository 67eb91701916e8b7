package dev.porthole.plugins.containers.errors;

import dev.porthole.plugins.containers.spi.RuntimeFailure;

/** A runtime's failure as the API's error: the kind decides the code, the runtime's words are the message. */
public final class Failures {
    private Failures() {}

    /**
     * @param whenFailed the code of a plain failure of this request, e.g. {@code CONTAINER_STOP_FAILED}
     */
    public static ContainerError of(RuntimeFailure failure, ErrorCode whenFailed) {
        ErrorCode code =
                switch (failure.kind()) {
                    case NOT_FOUND -> ErrorCode.CONTAINER_NOT_FOUND;
                    case ALREADY_STARTED -> ErrorCode.CONTAINER_ALREADY_STARTED;
                    case ALREADY_STOPPED -> ErrorCode.CONTAINER_ALREADY_STOPPED;
                    case CONFLICT -> ErrorCode.CONTAINER_STATE_CONFLICT;
                    case UNAVAILABLE -> ErrorCode.RUNTIME_UNAVAILABLE;
                    case FAILED -> whenFailed;
                };
        return new ContainerError(code, failure.getMessage());
    }
}
