package org.iolab.protocol;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Addresses as a person writes them: {@code 127.0.0.1:9000}, {@code [::1]:9000} (IPv6 in the
 * canonical text of RFC 5952: lower case, no leading zeros, the longest run of two or more zero
 * groups as {@code ::}), where the JDK prints {@code /[0:0:0:0:0:0:0:1]:9000}.
 *
 * <p>Thread rule: stateless.
 */
public final class Addresses {

    private Addresses() {
    }

    /** {@code ip:port}, {@code [ipv6]:port}; anything else as {@code toString()}. */
    public static String shown(SocketAddress address) {
        if (!(address instanceof InetSocketAddress a)) {
            return String.valueOf(address);
        }
        if (a.getAddress() == null) { // unresolved
            return a.getHostString() + ":" + a.getPort();
        }
        String host = host(a.getAddress());
        return (a.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** The address alone: {@code 127.0.0.1}, {@code ::1} (no brackets, no zone). */
    public static String host(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!s.isEmpty() && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }
}
