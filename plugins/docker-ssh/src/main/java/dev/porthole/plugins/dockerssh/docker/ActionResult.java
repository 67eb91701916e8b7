package dev.porthole.plugins.dockerssh.docker;

/** The body of a successful container action: {@code {"success": true, "message": "Container started successfully"}}. */
public record ActionResult(boolean success, String message) {
    static ActionResult done(String pastTense) {
        return new ActionResult(true, "Container " + pastTense + " successfully");
    }
}
