package org.iolab.apps;

import java.nio.ByteBuffer;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;

/**
 * TCP echo that upper-cases ASCII letters and returns every other byte unchanged, byte-exact
 * whatever the chunking. It transforms the engine's buffer in place and writes it straight
 * back: no copy, no allocation per message.
 *
 * <p>Thread rule: one instance per connection (see {@link Protocol}).
 */
public final class UpperProtocol implements Protocol {

    private Transport transport;

    @Override
    public void connectionMade(Transport t) {
        this.transport = t;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        Upper.inPlace(data);
        transport.write(data);
    }
}
