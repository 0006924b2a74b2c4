/**
 * iolab's core: the API, the codecs and the JDK-only engines. Depends on the JDK alone.
 *
 * <p>The API, for applications: {@code org.iolab.protocol} (Protocol, Transport, StreamHandler,
 * DatagramProtocol), {@code org.iolab.server} (Server, ServerConfig, Application, Engine),
 * {@code org.iolab.codec} (LineDecoder), {@code org.iolab.tls} (TlsConfig) and
 * {@code org.iolab.testing} (MemoryTransport, for a protocol's unit tests).
 *
 * <p>For engine writers only (an engine of your own, like those of iolab-native): the shared
 * transport core and output queue ({@code org.iolab.engine.support}), the event-loop family
 * ({@code org.iolab.engine.event}) and the completion family ({@code org.iolab.engine.completion}).
 * They are exported so that an engine in another module can build on them; an application has no
 * use for them, and they may change between versions without notice. Every engine package
 * ({@code org.iolab.engine.nio}, ...) is internal: engines are found through {@link
 * org.iolab.server.Engine}'s service, by name.
 */
module org.iolab.core {
    requires java.logging;      // warming the log formatters up before descriptors run out
    requires jdk.management;    // the process's descriptor limit
    requires java.naming;       // a certificate's subject CN, for SNI when it has no DNS names

    exports org.iolab.protocol;
    exports org.iolab.server;
    exports org.iolab.codec;
    exports org.iolab.tls;
    exports org.iolab.testing;
    // for engine writers (see above), not applications
    exports org.iolab.engine.support;
    exports org.iolab.engine.event;
    exports org.iolab.engine.completion;

    uses org.iolab.server.Engine;
    uses org.iolab.server.ApplicationProvider;
    uses org.iolab.tls.TlsProvider;

    provides org.iolab.server.Engine with
            org.iolab.engine.blocking.BlockingEngine,
            org.iolab.engine.threads.ThreadsEngine,
            org.iolab.engine.pool.PoolEngine,
            org.iolab.engine.polling.PollingEngine,
            org.iolab.engine.nio.NioEngine,
            org.iolab.engine.nio2.Nio2Engine,
            org.iolab.engine.virtual.VirtualEngine;
}
