/**
 * Certificates for iolab's TLS, outside the JDK-only core: reading PEM files ({@link org.iolab.certs.PemFiles}),
 * making a self-signed certificate for loopback ({@link org.iolab.certs.SelfSigned}), and what a
 * person needs of an identity (fingerprints, PEM copies: {@link org.iolab.certs.ServerIdentity}),
 * on BouncyCastle's bcpkix: no hand-written ASN.1. The keys and signatures are the JDK's own
 * providers'; BouncyCastle is not installed as a provider.
 */
package org.iolab.certs;
