package dev.porthole.plugins.dockerssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.api.ssh.SshException;
import dev.porthole.plugins.dockerssh.docker.Availability;
import dev.porthole.plugins.dockerssh.docker.DockerErrors;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every code the plugin can answer is in its API page, docs/api/docker-ssh.md, so a client can rely on the list. */
class DocumentedCodesTest {
    private static final Path PAGE = Path.of("../../docs/api/docker-ssh.md");

    @Test
    void every_code_the_plugin_answers_is_listed_in_its_api_page() throws Exception {
        String page = Files.readString(PAGE);
        List<String> codes = new ArrayList<>();
        for (Class<?> holder : List.of(DockerErrors.class, Availability.class)) {
            for (Field field : holder.getDeclaredFields()) {
                if (Modifier.isPublic(field.getModifiers())
                        && Modifier.isStatic(field.getModifiers())
                        && field.getType() == String.class
                        && field.getName().equals(field.get(null))) {
                    codes.add(field.getName());
                }
            }
        }
        // a failed connect answers the SSH service's code as it is
        Stream.of(SshException.Code.values()).map(Enum::name).forEach(codes::add);

        assertThat(codes).contains("CONTAINER_PAUSED", "PERMISSION_DENIED", "UNREACHABLE");
        assertThat(codes)
                .allSatisfy(code -> assertThat(page).as(PAGE + " lists " + code).contains("`" + code + "`"));
    }
}
