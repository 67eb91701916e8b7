package dev.porthole.platform;

import io.micronaut.runtime.Micronaut;

/** Starts the Porthole host on its embedded defaults unless configured otherwise. */
public final class Application {
    private Application() {}

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).mainClass(Application.class).start();
    }
}
