/**
 * Linux libc through FFM and the native engines (select, poll, epoll, iouring, and processes, whose
 * supervisor hands its workers the listening socket over SCM_RIGHTS): the only module that needs
 * native access ({@code --enable-native-access=org.iolab.nativeio}).
 *
 * <p>It exports nothing: its engines are found through {@code org.iolab.server.Engine}'s
 * service by name ({@code ServerConfig.builder().engine("epoll")}), and its system-call
 * bindings are its own.
 */
module org.iolab.nativeio {
    requires org.iolab.core;

    requires java.management;   // the JVM options a worker inherits
    requires jdk.unsupported;   // a worker ignores the terminal's SIGINT (sun.misc.Signal)
    requires java.logging;      // a worker logs in iolab's one format, at its supervisor's level

    provides org.iolab.server.Engine with
            org.iolab.engine.reactor.SelectEngine,
            org.iolab.engine.reactor.PollEngine,
            org.iolab.engine.reactor.EpollEngine,
            org.iolab.engine.iouring.UringEngine,
            org.iolab.engine.processes.ProcessesEngine;
}
