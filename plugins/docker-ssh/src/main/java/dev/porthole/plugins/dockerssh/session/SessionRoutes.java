package dev.porthole.plugins.dockerssh.session;

import dev.porthole.api.Caller;
import dev.porthole.api.PluginContext;
import dev.porthole.api.Registration;
import dev.porthole.api.hosts.Host;
import dev.porthole.api.hosts.HostAccess;
import dev.porthole.api.hosts.Hosts;
import dev.porthole.api.http.HttpError;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Request;
import dev.porthole.api.http.Response;
import dev.porthole.api.ssh.Challenge;
import dev.porthole.api.ssh.ConnectionStage;
import dev.porthole.api.ssh.SshConnections;
import dev.porthole.api.ssh.SshException;
import dev.porthole.api.ssh.SshTarget;
import dev.porthole.plugins.dockerssh.docker.DockerErrors;
import dev.porthole.plugins.dockerssh.routes.ContainerRoutes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spec 000's session routes under {@code /docker/ssh}: connect (with the TOTP and Warpgate follow-ups), disconnect,
 * status and keepalive. Connecting and answering need the scope {@code write:docker}, looking at a session {@code
 * read:docker}. Which hosts a caller may use is the SSH service's check; whether Docker is enabled on it is ours.
 */
public final class SessionRoutes {
    private static final String CONNECTED = "SSH connection established";

    private final SessionRegistry sessions;
    private final Hosts hosts;
    private final SshConnections ssh;

    public SessionRoutes(SessionRegistry sessions, Hosts hosts, SshConnections ssh) {
        this.sessions = sessions;
        this.hosts = hosts;
        this.ssh = ssh;
    }

    /** Registers every route, each answering its errors in the spec's shape; the host withdraws them on stop. */
    public List<Registration> register(PluginContext context) {
        return List.of(
                ContainerRoutes.route(
                        context, Method.POST, "/docker/ssh/connect", ContainerRoutes.WRITE, this::connect),
                ContainerRoutes.route(
                        context, Method.POST, "/docker/ssh/connect-totp", ContainerRoutes.WRITE, this::connectTotp),
                ContainerRoutes.route(
                        context,
                        Method.POST,
                        "/docker/ssh/connect-warpgate",
                        ContainerRoutes.WRITE,
                        this::connectWarpgate),
                ContainerRoutes.route(
                        context, Method.POST, "/docker/ssh/disconnect", ContainerRoutes.WRITE, this::disconnect),
                ContainerRoutes.route(context, Method.GET, "/docker/ssh/status", ContainerRoutes.READ, this::status),
                ContainerRoutes.route(
                        context, Method.POST, "/docker/ssh/keepalive", ContainerRoutes.READ, this::keepalive));
    }

    Response connect(Request request) {
        Caller caller = request.requireCaller();
        ConnectRequest connect = ConnectRequest.parse(JsonBody.of(request));
        sessions.claim(connect.sessionId(), caller);
        Host host = DockerErrors.hostLookup(() -> hosts.require(caller, connect.hostId(), HostAccess.USE));
        if (!host.enableDocker()) {
            throw DockerErrors.of(403, "Docker is not enabled for this host", DockerErrors.DOCKER_DISABLED);
        }
        SshTarget target = target(caller, connect);
        try {
            target.connect();
        } catch (SshException e) {
            if (e.code() == SshException.Code.CHALLENGE_REQUIRED
                    && e.challenge().isPresent()) {
                return waitFor(
                        connect.sessionId(), caller, target, e.challenge().get());
            }
            throw connectFailed(e, target.connectionLog());
        }
        sessions.open(connect.sessionId(), caller, target);
        return connected(target);
    }

    /** The spec's answer, with the stages of the connection when this connect opened one (not for a pooled one). */
    private static Response connected(SshTarget target) {
        return Response.ok(Map.of("success", true, "message", CONNECTED, "connectionLogs", target.connectionLog()));
    }

    /** The overrides are parsed here: a key that is no key fails before any connection is tried. */
    private SshTarget target(Caller caller, ConnectRequest connect) {
        try {
            return DockerErrors.hostLookup(() -> ssh.target(caller, connect.hostId(), connect.options()));
        } catch (SshException e) {
            throw connectFailed(e, List.of());
        }
    }

    /** Answers the pending TOTP (or other keyboard-interactive) prompt with the code. */
    Response connectTotp(Request request) {
        Caller caller = request.requireCaller();
        JsonBody body = JsonBody.of(request);
        String sessionId = body.requiredString("sessionId");
        String code = body.requiredString("totpCode");
        PendingLogin login = pendingLogin(sessionId, caller, "TOTP");
        if (login.challenge().kind() == Challenge.Kind.WARPGATE) {
            throw DockerErrors.of(
                    400, "This session waits for Warpgate authentication, not a code", DockerErrors.WARPGATE_PENDING);
        }
        return answer(sessionId, caller, login, code);
    }

    /** The user approved the login in Warpgate's page: the prompt is answered (its text does not matter). */
    Response connectWarpgate(Request request) {
        Caller caller = request.requireCaller();
        String sessionId = JsonBody.of(request).requiredString("sessionId");
        PendingLogin login = pendingLogin(sessionId, caller, "Warpgate");
        if (login.challenge().kind() != Challenge.Kind.WARPGATE) {
            throw DockerErrors.of(400, "This session waits for a TOTP code, not Warpgate", DockerErrors.TOTP_PENDING);
        }
        return answer(sessionId, caller, login, "");
    }

    /** Succeeds also for an id with nothing behind it: the client's goal, no session, holds. */
    Response disconnect(Request request) {
        Caller caller = request.requireCaller();
        String sessionId = JsonBody.of(request).requiredString("sessionId");
        sessions.disconnect(sessionId, caller);
        return Response.ok(Map.of("success", true, "message", "SSH session disconnected"));
    }

    Response status(Request request) {
        Caller caller = request.requireCaller();
        String sessionId = request.query("sessionId")
                .filter(id -> !id.isBlank())
                .orElseThrow(() -> DockerErrors.badField("sessionId", "is required"));
        return Response.ok(Map.of(
                "success",
                true,
                "connected",
                sessions.session(sessionId, caller).isPresent()));
    }

    Response keepalive(Request request) {
        Caller caller = request.requireCaller();
        String sessionId = JsonBody.of(request).requiredString("sessionId");
        DockerSession session = sessions.session(sessionId, caller).orElseThrow(DockerErrors::sessionNotFound);
        session.touch(sessions.now());
        return Response.ok(Map.of(
                "success", true,
                "connected", true,
                "lastActive", session.lastActive().toEpochMilli()));
    }

    /**
     * The spec's 404 when nothing waits under the id (never started, answered, or swept after expiry), and its 408
     * when the login is still known but its time ran out.
     */
    private PendingLogin pendingLogin(String sessionId, Caller caller, String what) {
        PendingLogin login = sessions.pending(sessionId, caller)
                .orElseThrow(() -> DockerErrors.of(
                        404, what + " session expired. Please reconnect.", DockerErrors.SESSION_EXPIRED));
        if (login.expired(sessions.now())) {
            sessions.forget(sessionId, login);
            throw timedOut(what);
        }
        return login;
    }

    private Response answer(String sessionId, Caller caller, PendingLogin login, String answer) {
        Challenge challenge = login.challenge();
        try {
            ssh.answer(
                    caller,
                    challenge.id(),
                    Collections.nCopies(challenge.prompts().size(), answer));
        } catch (SshException e) {
            if (e.code() == SshException.Code.CHALLENGE_REQUIRED
                    && e.challenge().isPresent()) {
                Challenge next = e.challenge().get();
                Response waiting = waitFor(sessionId, caller, login.target(), next);
                if (askedAgain(challenge, next)) {
                    // PAM refused the code and asks again: the spec's 401, and the client may retry in the new window
                    throw DockerErrors.of(401, "Invalid TOTP code", DockerErrors.AUTH_FAILED);
                }
                return waiting;
            }
            sessions.forget(sessionId, login);
            throw switch (e.code()) {
                case AUTH_FAILED -> DockerErrors.of(401, "Invalid TOTP code", DockerErrors.AUTH_FAILED);
                case CHALLENGE_EXPIRED, TIMEOUT ->
                    timedOut(challenge.kind() == Challenge.Kind.WARPGATE ? "Warpgate" : "TOTP");
                default -> connectFailed(e, login.target().connectionLog());
            };
        }
        sessions.open(sessionId, caller, login.target());
        return connected(login.target());
    }

    /** The same question again after an answer means the answer was refused; another question is a next step. */
    private static boolean askedAgain(Challenge answered, Challenge next) {
        return next.kind() == answered.kind()
                && next.kind() != Challenge.Kind.WARPGATE
                && next.prompts().equals(answered.prompts());
    }

    /** Keeps the login for the follow-up call and tells the client which one to make. */
    private Response waitFor(String sessionId, Caller caller, SshTarget target, Challenge challenge) {
        sessions.await(sessionId, caller, new PendingLogin(caller.userId(), target, challenge));
        Map<String, Object> body = new LinkedHashMap<>();
        if (challenge.kind() == Challenge.Kind.WARPGATE) {
            body.put("requires_warpgate", true);
            body.put("sessionId", sessionId);
            body.put("url", challenge.url().orElse(null));
            body.put("securityKey", challenge.securityKey().orElse(null));
        } else {
            body.put("requires_totp", true);
            body.put("sessionId", sessionId);
            body.put(
                    "prompt",
                    challenge.prompts().isEmpty()
                            ? "Verification code:"
                            : challenge.prompts().get(0).text());
        }
        body.put("expiresAt", challenge.expiresAt().toString());
        body.put("connectionLogs", target.connectionLog());
        return Response.ok(body);
    }

    private static HttpError timedOut(String what) {
        return DockerErrors.of(408, what + " session timed out. Please reconnect.", DockerErrors.SESSION_TIMEOUT);
    }

    /**
     * A key that does not parse is the spec's 400; every other failure its 500 "SSH connection failed". The stages of
     * the failed connection go along, so the client sees where it failed.
     */
    private static HttpError connectFailed(SshException e, List<ConnectionStage> log) {
        boolean badKey = e.code() == SshException.Code.INVALID_KEY || e.code() == SshException.Code.BAD_PASSPHRASE;
        return DockerErrors.of(
                badKey ? 400 : 500,
                (badKey ? "Invalid SSH key format: " : "SSH connection failed: ") + e.getMessage(),
                e.code().name(),
                Map.of("connectionLogs", log));
    }
}
