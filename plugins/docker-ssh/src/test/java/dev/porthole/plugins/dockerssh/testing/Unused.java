package dev.porthole.plugins.dockerssh.testing;

import java.lang.reflect.Proxy;

/** Stand-ins for host services the code under test must not call: any call fails the test, naming it. */
public final class Unused {
    private Unused() {}

    public static <T> T service(Class<T> type) {
        return type.cast(
                Proxy.newProxyInstance(Unused.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                    throw new AssertionError("unexpected call of " + type.getSimpleName() + "." + method.getName());
                }));
    }
}
