package dev.porthole.plugins.containers.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.test.TestCaller;
import dev.porthole.test.TestRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressesTest {
    private static final List<Cidr> LOCAL = Cidr.parseAll("localNetworks", ClientAddresses.LOCAL_NETWORKS);

    private final ClientAddresses behindProxies = new ClientAddresses(List.of("10.0.0.0/8", "192.168.0.0/16", "::1"));

    // ranges

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.0/8            | 10.0.0.0/8
            10.1.2.3/8            | 10.0.0.0/8
            192.168.1.10          | 192.168.1.10/32
            ' 172.16.0.0/12 '     | 172.16.0.0/12
            0.0.0.0/0             | 0.0.0.0/0
            ::1                   | ::1/128
            FC00::/7              | fc00::/7
            fe80::/10             | fe80::/10
            2001:db8::/32         | 2001:db8::/32
            ::/0                  | ::/0
            ::ffff:10.0.0.0/104   | 10.0.0.0/8
            ::ffff:192.168.1.1    | 192.168.1.1/32
            1:2:3:4:5:6:7:8/64    | 1:2:3:4::/64
            """)
    void parsesARangeIntoItsCanonicalNetwork(String text, String canonical) {
        assertThat(Cidr.parse(text)).hasToString(canonical);
        assertThat(Cidr.parse(canonical)).isEqualTo(Cidr.parse(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.0/33",
                "::/129",
                "10.0.0/8",
                "10.0.0.256",
                "010.0.0.1",
                "10.0.0.0/",
                "10.0.0.0/-1",
                "10.0.0.0/+8",
                "10.0.0.0/8/8",
                "10.0.0.0/ 8",
                "10.0.0.1:80",
                "1:2:3:4:5:6:7:8:9",
                "1:::2",
                "1::2::3",
                ":1::2",
                "12345::",
                "1.2.3.4::",
                "[::1]",
                "fe80::1%eth0",
                "localhost",
                "example.com/24",
                "deadbeef",
                "",
                "١٠.0.0.1"
            })
    void refusesWhatIsNotALiteralRange(String text) {
        assertThatThrownBy(() -> Cidr.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + text + "' is not a CIDR range: ");
    }

    @Test
    void namesTheBadRangeByItsPlaceInTheSetting() {
        assertThatThrownBy(() -> Cidr.parseAll("trustedProxies", List.of("10.0.0.0/8", "::1", "10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("trustedProxies[2]: '10.0.0.0/33' is not a CIDR range")
                .hasMessageContaining("0 to 32");
        assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/8", "proxy.lan")))
                .hasMessageStartingWith("trustedProxies[1]: 'proxy.lan' is not a CIDR range")
                .hasMessageContaining("host names are not accepted");
        assertThatThrownBy(() -> ClientAddresses.range("10.0.0.0/33"))
                .hasMessage("'10.0.0.0/33' is not a CIDR range: the prefix length of an IPv4 range is 0 to 32");
    }

    @Test
    void theConstructorChecksThePrefixAgainstTheFamily() throws Exception {
        var v4 = java.net.InetAddress.getByAddress(new byte[] {10, 0, 0, 0});
        assertThatThrownBy(() -> new Cidr(v4, 33)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Cidr(v4, 8).contains("10.9.9.9")).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.0/8       | 10.255.0.1            | true
            10.0.0.0/8       | 11.0.0.0              | false
            10.0.0.0/8       | 9.255.255.255         | false
            172.16.0.0/12    | 172.31.255.255        | true
            172.16.0.0/12    | 172.32.0.0            | false
            10.0.0.0/8       | ::ffff:10.1.2.3       | true
            10.0.0.0/8       | ::ffff:a01:203        | true
            10.0.0.0/8       | 10.1.2.3:8080         | true
            ::1/128          | 0:0:0:0:0:0:0:1       | true
            ::1/128          | [::1]:443             | true
            ::1/128          | ::2                   | false
            fe80::/10        | fe80::1%eth0          | true
            fe80::/10        | febf:ffff::1          | true
            fe80::/10        | fec0::1               | false
            fc00::/7         | 10.0.0.1              | false
            0.0.0.0/0        | 203.0.113.9           | true
            0.0.0.0/0        | 2001:db8::1           | false
            ::ffff:0:0/96    | 203.0.113.9           | true
            192.168.1.7      | 192.168.1.7           | true
            192.168.1.7      | 192.168.1.8           | false
            10.0.0.0/8       | unknown               | false
            10.0.0.0/8       | 10.0.0.1.example.com  | false
            """)
    void matchesAddressesBitByBit(String range, String address, boolean contained) {
        assertThat(Cidr.parse(range).contains(address)).isEqualTo(contained);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.255.255.254",
                "::1",
                "10.1.2.3",
                "172.16.0.1",
                "172.31.1.1",
                "192.168.1.20",
                "169.254.1.1",
                "fe80::abcd",
                "fc00::1",
                "fd12:3456::1",
                "::ffff:192.168.1.1"
            })
    void theDefaultLocalNetworksHoldLoopbackPrivateAndLinkLocal(String address) {
        assertThat(ClientAddresses.isWithin(address, LOCAL)).isTrue();
        assertThat(ClientAddresses.within(address, ClientAddresses.LOCAL_NETWORKS))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "172.15.255.255",
                "172.32.0.1",
                "192.169.0.1",
                "100.64.0.1",
                "2001:db8::1",
                "::2",
                "fec0::1",
                "unknown",
                ""
            })
    void theDefaultLocalNetworksLeaveOutTheRest(String address) {
        assertThat(ClientAddresses.isWithin(address, LOCAL)).isFalse();
    }

    // resolving the client

    @Test
    void anUntrustedPeerIsTheClientWhateverItsHeaderSays() {
        ClientAddresses noProxies = new ClientAddresses(List.of());
        assertThat(noProxies.resolve("203.0.113.7", "192.168.1.1")).isEqualTo("203.0.113.7");
        assertThat(behindProxies.resolve("203.0.113.7", "192.168.1.1, 10.0.0.1"))
                .isEqualTo("203.0.113.7");
        assertThat(behindProxies.resolve("203.0.113.7", null)).isEqualTo("203.0.113.7");
    }

    @Test
    void aTrustedProxyIsBelievedAboutWhoConnectedToIt() {
        assertThat(behindProxies.resolve("10.0.0.2", "198.51.100.1")).isEqualTo("198.51.100.1");
    }

    @Test
    void theWalkGoesRightToLeftPastTrustedProxiesOnly() {
        // 1.2.3.4 is what the client wrote itself; 198.51.100.9 is what the first proxy saw
        assertThat(behindProxies.resolve("10.0.0.2", "1.2.3.4, 198.51.100.9, 192.168.1.1, 10.0.0.3"))
                .isEqualTo("198.51.100.9");
    }

    @Test
    void aClientCannotMakeItselfLocalThroughATrustedProxy() {
        // the proxy appended the real client, 203.0.113.50, after the forged local address
        String client = behindProxies.resolve("10.0.0.2", "192.168.1.1, 203.0.113.50");
        assertThat(client).isEqualTo("203.0.113.50");
        assertThat(ClientAddresses.isWithin(client, LOCAL)).isFalse();
    }

    @Test
    void whenEveryHopIsTrustedTheLeftmostIsTheClient() {
        assertThat(behindProxies.resolve("10.0.0.2", "192.168.1.5, 10.0.0.3")).isEqualTo("192.168.1.5");
    }

    @Test
    void aTrustedPeerWithoutAHeaderIsItselfTheClient() {
        assertThat(behindProxies.resolve("10.0.0.2", null)).isEqualTo("10.0.0.2");
        assertThat(behindProxies.resolve("10.0.0.2", "")).isEqualTo("10.0.0.2");
        assertThat(behindProxies.resolve("10.0.0.2", " , ,")).isEqualTo("10.0.0.2");
    }

    @Test
    void emptyListElementsAreSkipped() {
        assertThat(behindProxies.resolve("10.0.0.2", "198.51.100.1,,10.0.0.3, "))
                .isEqualTo("198.51.100.1");
    }

    @Test
    void aHopThatIsNotAnAddressMakesTheClientUnknownAndNotLocal() {
        assertThat(behindProxies.resolve("10.0.0.2", "unknown")).isEqualTo(ClientAddresses.UNKNOWN);
        assertThat(behindProxies.resolve("10.0.0.2", "1.2.3.4, proxy.example.com, 10.0.0.3"))
                .isEqualTo(ClientAddresses.UNKNOWN);
        assertThat(behindProxies.resolve("10.0.0.2", "10.0.0.300")).isEqualTo(ClientAddresses.UNKNOWN);
        assertThat(ClientAddresses.isWithin(ClientAddresses.UNKNOWN, LOCAL)).isFalse();
    }

    @Test
    void garbageLeftOfTheClientIsNeverRead() {
        assertThat(behindProxies.resolve("10.0.0.2", "garbage, 198.51.100.9")).isEqualTo("198.51.100.9");
    }

    @Test
    void portsAndBracketsThatSomeProxiesWriteAreDropped() {
        assertThat(behindProxies.resolve("10.0.0.2", "198.51.100.9:5555")).isEqualTo("198.51.100.9");
        assertThat(behindProxies.resolve("10.0.0.2", "[2001:db8::1]:443")).isEqualTo("2001:db8::1");
        assertThat(behindProxies.resolve("10.0.0.2", "[2001:db8::1]")).isEqualTo("2001:db8::1");
        assertThat(behindProxies.resolve("10.0.0.2", "198.51.100.9:99999")).isEqualTo(ClientAddresses.UNKNOWN);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0:0:0:0:0:0:0:1                          | ::1
            ::ffff:203.0.113.7                       | 203.0.113.7
            2001:DB8:0:0:0:0:0:1                     | 2001:db8::1
            2001:0db8:0000:0000:0000:ff00:0042:8329  | 2001:db8::ff00:42:8329
            2001:db8:0:0:1:0:0:1                     | 2001:db8::1:0:0:1
            1:0:1:1:1:1:1:1                          | 1:0:1:1:1:1:1:1
            0:0:0:0:0:0:0:0                          | ::
            1:0:0:0:0:0:0:0                          | 1::
            fe80::1%eth0                             | fe80::1
            fe80::1%2                                | fe80::1
            ' 203.0.113.7 '                          | 203.0.113.7
            """)
    void oneClientIsOneCanonicalAddress(String peer, String canonical) {
        assertThat(new ClientAddresses(List.of()).resolve(peer, null)).isEqualTo(canonical);
    }

    @Test
    void anIpv6ProxyAndAMappedPeerAreRecognised() {
        assertThat(behindProxies.resolve("0:0:0:0:0:0:0:1", "2001:db8::5")).isEqualTo("2001:db8::5");
        assertThat(behindProxies.resolve("::ffff:10.0.0.2", "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(behindProxies.resolve("10.0.0.2", "::ffff:198.51.100.1")).isEqualTo("198.51.100.1");
    }

    @Test
    void aPeerThatIsNotAnAddressIsKeptAsTheServerWroteItAndIsNeverTrusted() {
        ClientAddresses trustingEverything = new ClientAddresses(List.of("0.0.0.0/0", "::/0"));
        assertThat(trustingEverything.resolve("some-socket", "198.51.100.1")).isEqualTo("some-socket");
        assertThat(trustingEverything.resolve(null, "198.51.100.1")).isEqualTo(ClientAddresses.UNKNOWN);
        assertThat(trustingEverything.resolve("  ", "198.51.100.1")).isEqualTo(ClientAddresses.UNKNOWN);
    }

    @Test
    void resolvesARequestFromItsPeerAndHeader() {
        TestRequest viaProxy = TestRequest.get("/api/v1/containers")
                .from("10.0.0.2")
                .withHeader("X-Forwarded-For", "198.51.100.1")
                .as(TestCaller.user(7));
        assertThat(behindProxies.resolve(viaProxy)).isEqualTo("198.51.100.1");
        TestRequest spoofed =
                TestRequest.get("/api/v1/containers").from("203.0.113.7").withHeader("x-forwarded-for", "127.0.0.1");
        assertThat(behindProxies.resolve(spoofed)).isEqualTo("203.0.113.7");
    }

    @Test
    void saysWhichAddressesAreTrustedProxies() {
        assertThat(behindProxies.isTrustedProxy("10.9.9.9")).isTrue();
        assertThat(behindProxies.isTrustedProxy("::1")).isTrue();
        assertThat(behindProxies.isTrustedProxy("203.0.113.7")).isFalse();
        assertThat(behindProxies.isTrustedProxy("not an address")).isFalse();
        assertThat(behindProxies.trustedProxies())
                .extracting(Cidr::toString)
                .containsExactly("10.0.0.0/8", "192.168.0.0/16", "::1/128");
        assertThat(ClientAddresses.trusting(List.of(Cidr.parse("203.0.113.0/24")))
                        .resolve("203.0.113.1", "198.51.100.1"))
                .isEqualTo("198.51.100.1");
    }
}
