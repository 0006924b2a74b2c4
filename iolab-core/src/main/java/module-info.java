/**
 * iolab's core: the API, the codecs and the JDK-only engines. Depends on the JDK alone.
 */
module org.iolab.core {
    requires java.logging;      // warming the log formatters up before descriptors run out
    requires jdk.management;    // the process's descriptor limit

    exports org.iolab.protocol;
    exports org.iolab.server;
    exports org.iolab.codec;
    exports org.iolab.tls;
    exports org.iolab.testing;
    exports org.iolab.engine.support;
    exports org.iolab.engine.event;
    exports org.iolab.engine.completion;

    uses org.iolab.server.Engine;
    uses org.iolab.server.ApplicationProvider;

    provides org.iolab.server.Engine with
            org.iolab.engine.blocking.BlockingEngine,
            org.iolab.engine.threads.ThreadsEngine,
            org.iolab.engine.pool.PoolEngine,
            org.iolab.engine.polling.PollingEngine,
            org.iolab.engine.nio.NioEngine,
            org.iolab.engine.nio2.Nio2Engine,
            org.iolab.engine.virtual.VirtualEngine;
}
