package org.iolab.cli.client;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Socket addresses as a person writes them: {@code 127.0.0.1:9000}, {@code [::1]:9000}. Thread rule: stateless. */
public final class Addresses {

    private Addresses() {
    }

    public static String shown(SocketAddress address) {
        if (!(address instanceof InetSocketAddress a) || a.getAddress() == null) {
            return String.valueOf(address);
        }
        String host = a.getAddress().getHostAddress();
        if (a.getAddress() instanceof Inet6Address) {
            int zone = host.indexOf('%');
            host = "[" + (zone < 0 ? host : host.substring(0, zone)).replaceAll("(^|:)0(:0)+(:|$)", "::") + "]";
        }
        return host + ":" + a.getPort();
    }
}
