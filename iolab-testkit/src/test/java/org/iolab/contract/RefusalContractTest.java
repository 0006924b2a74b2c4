package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.iolab.apps.MenuStreamHandler;
import org.iolab.apps.UpperDatagram;
import org.iolab.apps.UpperProtocol;
import org.iolab.server.Application;
import org.iolab.server.EngineRefusedException;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Engines say clearly, at start, what they do not serve. */
class RefusalContractTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#refusingStream")
    void eventEnginesRefuseAStreamHandlerNamingTheEnginesThatAccept(String engine) {
        assertThatThrownBy(() -> Server.start(Servers.config(engine), Application.stream(new MenuStreamHandler())))
                .isInstanceOf(EngineRefusedException.class)
                .hasMessageContaining("engine " + engine + " cannot serve a StreamHandler")
                .hasMessageContaining("engines that can: blocking, threads, pool");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#refusingUdp")
    void enginesWithoutUdpRefuseItWithTheReason(String engine) {
        assertThatThrownBy(() -> Server.start(Servers.config(engine), Application.udp(new UpperDatagram())))
                .isInstanceOf(EngineRefusedException.class)
                .hasMessageContaining("cannot serve UDP");
    }

    @Test
    void nio2SaysWhyItHasNoUdp() {
        assertThatThrownBy(() -> Server.start(Servers.config("nio2"), Application.udp(new UpperDatagram())))
                .hasMessageContaining("the JDK has no asynchronous datagram channel");
    }

    @Test
    void anUnknownEngineIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> Server.start(ServerConfig.builder().engine("kqueue").port(0).build(),
                Application.tcp(c -> new UpperProtocol())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown engine 'kqueue'")
                .hasMessageContaining("nio");
    }
}
