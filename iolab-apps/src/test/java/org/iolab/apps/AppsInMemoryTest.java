package org.iolab.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.iolab.protocol.ConnectionInfo;
import org.iolab.protocol.Protocol;
import org.iolab.testing.MemoryTransport;
import org.junit.jupiter.api.Test;

/** The apps against the in-memory transport: no sockets, no engines. */
class AppsInMemoryTest {

    private static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static ConnectionInfo from(int port) {
        return new ConnectionInfo(new InetSocketAddress("127.0.0.1", port), new InetSocketAddress("127.0.0.1", 9000));
    }

    @Test
    void upperEchoesUpperCased() {
        MemoryTransport t = new MemoryTransport();
        Protocol p = new UpperProtocol();
        p.connectionMade(t);
        p.dataReceived(text("Hello, wörld"));
        assertThat(t.writtenText()).isEqualTo("HELLO, WöRLD");
    }

    @Test
    void chatSendsEveryLineToEveryMemberWithTheSendersAddress() {
        ChatRoom room = new ChatRoom();
        MemoryTransport ta = new MemoryTransport();
        MemoryTransport tb = new MemoryTransport();
        Protocol a = room.newProtocol(from(1111));
        Protocol b = room.newProtocol(from(2222));
        a.connectionMade(ta);
        b.connectionMade(tb);
        a.dataReceived(text("hi th"));
        a.dataReceived(text("ere\n"));
        assertThat(ta.writtenText()).isEqualTo("127.0.0.1:1111 hi there\n");
        assertThat(tb.writtenText()).isEqualTo("127.0.0.1:1111 hi there\n");
        b.dataReceived(text("quit\nignored\n"));
        assertThat(tb.isClosed()).isTrue();
        assertThat(room.size()).isEqualTo(1);
        a.dataReceived(text("alone\n"));
        assertThat(tb.writtenText()).doesNotContain("alone");
    }

    @Test
    void aMemberWhoJoinsIsShownTheLastLinesMarkedThenHearsLiveOnes() {
        ChatRoom room = new ChatRoom(ChatRoom.HARD_CAP, ChatRoom.STALL_LIMIT, new InProcessBus(), 2);
        MemoryTransport ta = new MemoryTransport();
        Protocol a = room.newProtocol(from(1111));
        a.connectionMade(ta);
        a.dataReceived(text("one\ntwo\nthree\n"));
        MemoryTransport tb = new MemoryTransport();
        room.newProtocol(from(2222)).connectionMade(tb);
        a.dataReceived(text("four\n"));
        assertThat(tb.writtenText()).isEqualTo("[history] 127.0.0.1:1111 two\n[history] 127.0.0.1:1111 three\n"
                + "127.0.0.1:1111 four\n");
        MemoryTransport none = new MemoryTransport();
        new ChatRoom(ChatRoom.HARD_CAP, ChatRoom.STALL_LIMIT, new InProcessBus(), 0).newProtocol(from(3)).connectionMade(none);
        assertThat(none.writtenText()).isEmpty();
    }

    @Test
    void chatDropsAMemberWithMoreThanTheCapWaiting() {
        ChatRoom room = new ChatRoom();
        MemoryTransport slow = new MemoryTransport();
        MemoryTransport talker = new MemoryTransport();
        room.newProtocol(from(1)).connectionMade(slow);
        Protocol p = room.newProtocol(from(2));
        p.connectionMade(talker);
        slow.setBufferedBytes(ChatRoom.HARD_CAP + 1);
        p.dataReceived(text("x\n"));
        assertThat(slow.isAborted()).isTrue();
        assertThat(room.slowConsumerDrops()).isEqualTo(1);
        assertThat(talker.writtenText()).isEqualTo("127.0.0.1:2 x\n");
    }

    @Test
    void aTalkerIsPausedWhileAMemberIsAboveItsHighWaterMarkAndResumedWhenItDrains() {
        ChatRoom room = new ChatRoom();
        MemoryTransport slow = new MemoryTransport();
        MemoryTransport talker = new MemoryTransport();
        Protocol slowMember = room.newProtocol(from(1));
        slowMember.connectionMade(slow);
        Protocol p = room.newProtocol(from(2));
        p.connectionMade(talker);
        slow.setBufferedBytes(100_000); // above high water, far below the hard cap
        p.dataReceived(text("flood\n"));
        assertThat(talker.isPaused()).as("the talker is slowed, nobody is dropped").isTrue();
        assertThat(slow.isAborted()).isFalse();
        assertThat(slow.writtenText()).isEqualTo("127.0.0.1:2 flood\n");
        slow.setBufferedBytes(0);
        slowMember.writabilityChanged(true);
        assertThat(talker.isPaused()).as("resumed once no member is congested").isFalse();
        assertThat(room.slowConsumerDrops()).isZero();
    }

    @Test
    void menuAnswersAndHangsUp() {
        MemoryTransport t = new MemoryTransport();
        Protocol p = new MenuProtocol();
        p.connectionMade(t);
        p.dataReceived(text("0\nwhat\nexit\n0\n"));
        assertThat(t.writtenText()).isEqualTo(MenuProtocol.GREETING + MenuProtocol.OPERATOR
                + MenuProtocol.AGAIN + MenuProtocol.GOODBYE);
        assertThat(t.isClosed()).isTrue();
    }

    @Test
    void appsAreFoundByNameAndUnknownOnesAreNamed() {
        assertThat(Apps.create("upper", true).kind()).isEqualTo(org.iolab.server.Application.Kind.UDP);
        assertThat(Apps.create("menu-stream", false).kind()).isEqualTo(org.iolab.server.Application.Kind.TCP_STREAM);
        assertThatThrownBy(() -> Apps.create("nope", false)).hasMessageContaining("known apps: upper, chat, menu");
        assertThatThrownBy(() -> Apps.create("chat", true)).hasMessageContaining("no UDP form");
    }
}
