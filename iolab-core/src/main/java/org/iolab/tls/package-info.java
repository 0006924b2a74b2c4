/**
 * TLS for every engine, on the JDK's {@code SSLEngine} alone: {@link org.iolab.tls.TlsConfig}
 * (the certificate, the key and the fixed rules: TLS 1.3 and 1.2, strong suites, SNI, ALPN, no
 * renegotiation) and {@link org.iolab.tls.TlsSession}, one connection's state machine that moves
 * no bytes itself, so the event loops, the completion engines, the thread engines, the blocking
 * streams of a {@code StreamHandler} and the lab's load generator all drive the same one.
 */
package org.iolab.tls;
