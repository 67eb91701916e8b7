package dev.porthole.plugins.dockerssh.session;

import dev.porthole.api.Caller;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Request;
import dev.porthole.api.ssh.SshTarget;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stand-ins for what the host hands the session code: callers, requests with a JSON body, targets. */
final class Fakes {
    private Fakes() {}

    record JsonRequest(Map<String, Object> json, Caller signedIn) implements Request {
        @Override
        public Method method() {
            return Method.POST;
        }

        @Override
        public String path() {
            return "/docker/ssh";
        }

        @Override
        public Map<String, String> pathParams() {
            return Map.of();
        }

        @Override
        public Map<String, List<String>> queryParams() {
            return Map.of();
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.empty();
        }

        @Override
        public byte[] body() {
            return bodyText().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String bodyText() {
            return json.toString();
        }

        @Override
        public Object bodyJson() {
            return json;
        }

        @Override
        public Optional<Caller> caller() {
            return Optional.of(signedIn);
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1";
        }
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
