package dev.porthole.examples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthole.test.EventStream;
import dev.porthole.test.Porthole;
import dev.porthole.test.Reply;
import dev.porthole.test.ServerSentEvent;
import dev.porthole.test.WithPorthole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The plugin on a real Porthole: built from target/classes into a plugin jar, installed through the admin API, and
 * called over HTTP. The setting below is what an operator would put in the server's configuration.
 */
@WithPorthole(properties = "porthole.plugin-settings.hello.greeting=Hi")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HelloPluginTest {

    @Test
    @Order(1)
    void greets_anyone_with_the_configured_greeting(Porthole porthole) {
        Reply reply = porthole.get("/hello/greetings/world");

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("Hi, world!", reply.jsonObject().get("message"));
    }

    @Test
    @Order(2)
    void runs_from_its_own_class_loader_as_in_production(Porthole porthole) throws Exception {
        Class<?> served = porthole.pluginClassLoader().loadClass(HelloPlugin.class.getName());

        assertNotSame(HelloPlugin.class, served, "the server must not run the copy on the test class path");
        assertEquals("org.pf4j.PluginClassLoader", served.getClassLoader().getClass().getName());
    }

    @Test
    @Order(3)
    void keeps_the_greetings_of_signed_in_users_in_its_own_table(Porthole porthole) {
        String greeting = "{\"name\":\"ann\",\"message\":\"hi from a test\"}";
        assertEquals(401, porthole.post("/hello/greetings", greeting, null).status());
        String admin = porthole.adminToken();
        assertEquals(400, porthole.post("/hello/greetings", "{\"message\":\"hi\"}", admin).status());

        Reply created = porthole.post("/hello/greetings", greeting, admin);

        assertEquals(201, created.status(), created::toString);
        assertEquals("admin", created.jsonObject().get("createdBy"));
        List<Object> latest = porthole.get("/hello/greetings", admin).jsonArray();
        assertEquals("hi from a test", ((Map<?, ?>) latest.get(0)).get("message"));
    }

    @Test
    @Order(4)
    void its_job_ticks_on_its_event_stream(Porthole porthole) {
        try (EventStream ticks = porthole.openEvents("/hello/ticks/stream", porthole.adminToken())) {
            // the job runs every 5 s, the first time 5 s after the plugin started
            ServerSentEvent tick = ticks.next(Duration.ofSeconds(15));

            assertEquals(Optional.of("tick"), tick.event());
            assertTrue(tick.data().contains("\"count\""), tick::data);
        }
        assertTrue(porthole.awaitJobRuns("tick", 1, Duration.ofSeconds(5)).lastOutcome().isPresent());
    }

    @Test
    @Order(5)
    void once_removed_its_routes_are_gone_and_nothing_of_it_stays_loaded(Porthole porthole) {
        // after its route, table, stream and job were used above: its class loader must be collectable
        porthole.uninstallAndAwaitUnload(Duration.ofSeconds(30));

        assertEquals(404, porthole.get("/hello/greetings/world").status());
        assertTrue(porthole.plugin().isEmpty());
    }
}
