package dev.porthole.plugins.dockerssh.session;

import dev.porthole.api.Caller;
import dev.porthole.api.http.Request;
import dev.porthole.api.ssh.SshTarget;
import dev.porthole.test.TestRequest;
import java.lang.reflect.Proxy;
import java.util.Map;

/** Stand-ins for what the host hands the session code: requests with a JSON body, targets. */
final class Fakes {
    private Fakes() {}

    /** A POST of the session routes with {@code body} as its JSON, made by {@code signedIn}. */
    static Request json(Map<String, Object> body, Caller signedIn) {
        return TestRequest.post("/docker/ssh").withJsonOf(body).as(signedIn);
    }

    /** A target that connects nowhere: sessions are built on it, and nothing here ever reaches its host. */
    static SshTarget target(long hostId) {
        return (SshTarget) Proxy.newProxyInstance(
                Fakes.class.getClassLoader(), new Class<?>[] {SshTarget.class}, (proxy, method, args) -> {
                    if (method.getName().equals("hostId")) {
                        return hostId;
                    }
                    throw new AssertionError("the test reached the host: " + method.getName());
                });
    }
}
