package dev.porthole.platform.ssh;

import static dev.porthole.platform.ssh.SshTestSupport.caller;
import static dev.porthole.platform.ssh.SshTestSupport.createPasswordHost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.sshd.client.SshClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** MINA's client (with BouncyCastle, a thousand classes) is made by the first connection, not by the start. */
@MicronautTest(transactional = false)
class SshClientOnFirstUseH2Test extends PlatformTestBase {
    private final TestSshServer sshd = new TestSshServer();

    @Inject
    ApplicationContext context;

    @Inject
    DefaultSshConnections ssh;

    SshClientOnFirstUseH2Test() {
        super(TestDatabase.H2);
    }

    @AfterAll
    void stopServer() throws Exception {
        sshd.close();
    }

    @Test
    void a_started_server_has_no_ssh_client_until_the_first_connection() {
        TestUser user = newUser("USER");
        long host = createPasswordHost(api(), user.auth(), "lazy", sshd.port());
        assertThat(context.getActiveBeanRegistrations(SshClient.class)).isEmpty();

        assertThat(ssh.target(caller(user), host).exec("echo hi").stdout()).isEqualTo("hi\n");

        assertThat(context.getActiveBeanRegistrations(SshClient.class)).hasSize(1);
    }
}
