package dev.porthole.testplugin;

import org.pf4j.ExtensionPoint;

/** The probe's service interface, for the harness's test of a plugin that depends on another and implements its SPI. */
public interface Greeter extends ExtensionPoint {
    String greet(String name);
}
