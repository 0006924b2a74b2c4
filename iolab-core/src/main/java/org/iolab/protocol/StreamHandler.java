package org.iolab.protocol;

import java.io.IOException;

/**
 * A socketserver-style application: one blocking call per connection, plain streams.
 *
 * <p>Runs on the engines that give each connection a thread of its own ({@code blocking},
 * {@code threads}, {@code pool}, {@code virtual}); event-loop engines refuse it at start with an
 * error that names those engines. When {@code handle} returns, the connection is flushed and
 * closed.
 *
 * <p><b>Thread rule.</b> {@code handle} runs on the connection's thread; several connections'
 * handlers run at once (except on {@code blocking}).
 *
 * <pre>{@code
 * StreamHandler echo = c -> c.input().transferTo(c.output());
 * }</pre>
 */
@FunctionalInterface
public interface StreamHandler {

    void handle(Connection connection) throws IOException;
}
