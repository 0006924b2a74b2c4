/**
 * iolab's OpenSSL TLS provider ({@code --tls-provider openssl}): the system's libssl.so.3
 * through FFM. It exports nothing; the service loader finds it.
 */
module org.iolab.openssl {
    requires org.iolab.core;

    provides org.iolab.tls.TlsProvider with org.iolab.openssl.OpenSslProvider;
}
