package dev.porthole.testfan;

import dev.porthole.api.PluginContext;
import dev.porthole.api.PortholePlugin;
import dev.porthole.testplugin.Greeter;
import org.pf4j.Extension;

/** Depends on the probe and implements its SPI; its greeting shows what its start saw. */
@Extension
public class FanPlugin implements PortholePlugin, Greeter {
    private volatile String greeting;

    @Override
    public void start(PluginContext context) {
        greeting = context.settings().get("greeting", "hello");
    }

    @Override
    public String greet(String name) {
        return "fan: " + greeting + ", " + name;
    }
}
