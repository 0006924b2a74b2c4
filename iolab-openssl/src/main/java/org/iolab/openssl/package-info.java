/**
 * The {@code openssl} TLS provider: OpenSSL 3 as the system has it ({@code libssl.so.3}, Debian's
 * {@code libssl3}), bound through {@code java.lang.foreign}: no JNI, nothing bundled, nothing
 * generated at build time. {@link org.iolab.openssl.OpenSslProvider} plugs into iolab-core's
 * {@link org.iolab.tls.TlsProvider} seam; the engines and the transport core do not know which
 * provider runs.
 *
 * <ul>
 * <li>{@code LibSsl}: the functions called, each with its C prototype, and the constants of
 *     {@code ssl.h} it needs;
 * <li>{@code OpenSslContext}: one {@code SSL_CTX} per server, with the JDK provider's rules;
 * <li>{@code OpenSslSession}: one {@code SSL} per connection between memory BIOs;
 * <li>{@code NativeScratch}: the native memory one call needs, borrowed per call.
 * </ul>
 *
 * <p>Run with {@code --enable-native-access=org.iolab.openssl} (or {@code ALL-UNNAMED} on the class path).
 */
package org.iolab.openssl;
