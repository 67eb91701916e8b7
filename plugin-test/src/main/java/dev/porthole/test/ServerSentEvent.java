package dev.porthole.test;

import dev.porthole.api.Api;
import java.util.Optional;

/**
 * One event of a server-sent event stream.
 *
 * @param event its {@code event:} name; empty for an unnamed event
 * @param data its {@code data:} lines joined by {@code \n}; JSON when the plugin sent an object
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public record ServerSentEvent(Optional<String> event, String data) {}
