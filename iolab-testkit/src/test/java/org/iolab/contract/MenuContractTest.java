package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.iolab.apps.Apps;
import org.iolab.apps.MenuProtocol;
import org.iolab.server.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The call-centre menu dialogue, as a Protocol on every engine and as a StreamHandler. */
class MenuContractTest {

    static void dialogue(Server server) throws Exception {
        try (Client c = new Client(server)) {
            assertThat(c.readLine() + "\n").isEqualTo(MenuProtocol.GREETING);
            c.send("1\n");
            assertThat(c.readLine() + "\n").isEqualTo(MenuProtocol.AGAIN);
            c.send("0\r\n");
            assertThat(c.readLine() + "\n").isEqualTo(MenuProtocol.OPERATOR);
            c.send("héllo ünïcode\n");
            assertThat(c.readLine() + "\n").isEqualTo(MenuProtocol.AGAIN);
            c.send("exit\n");
            assertThat(c.readLine() + "\n").isEqualTo(MenuProtocol.GOODBYE);
            assertThat(c.readLine()).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void menuDialogueAsProtocol(String engine) throws Exception {
        try (Server server = Servers.start(engine, Apps.create("menu", false))) {
            dialogue(server);
            dialogue(server); // the next caller is served too
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#namedStream")
    void menuDialogueAsStreamHandler(String engine) throws Exception {
        try (Server server = Servers.start(engine, Apps.create("menu-stream", false))) {
            dialogue(server);
            dialogue(server);
        }
    }
}
