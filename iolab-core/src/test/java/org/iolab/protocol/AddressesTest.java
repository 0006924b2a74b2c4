package org.iolab.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Addresses written the way RFC 5952 and people write them, not as the JDK prints them. */
class AddressesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0:0:0:0:0:0:0:1, [::1]:9000",
            "0:0:0:0:0:0:0:0, [::]:9000",
            "2001:DB8:0:0:1:0:0:1, [2001:db8::1:0:0:1]:9000",   // a tie: the first run
            "1:0:0:2:0:0:0:3, [1:0:0:2::3]:9000",             // the longest run
            "2001:db8:0:1:1:1:1:1, [2001:db8:0:1:1:1:1:1]:9000", // one zero group stays
            "fe80:0:0:0:0:0:0:1, [fe80::1]:9000",
            "1:0:0:0:0:0:0:0, [1::]:9000",
            "127.0.0.1, 127.0.0.1:9000"})
    void socketAddressesAreCanonical(String ip, String shown) throws Exception {
        assertThat(Addresses.shown(new InetSocketAddress(InetAddress.getByName(ip), 9000))).isEqualTo(shown);
    }

    @Test
    void anUnresolvedAddressKeepsItsName() {
        assertThat(Addresses.shown(InetSocketAddress.createUnresolved("example.org", 80))).isEqualTo("example.org:80");
    }

    @Test
    void theChatRoomNamesAnIpv6SenderTheSameWay() throws Exception {
        ConnectionInfo info = new ConnectionInfo(new InetSocketAddress(InetAddress.getByName("::1"), 5000), null);
        assertThat(info.remoteText()).isEqualTo("[::1]:5000");
    }
}
