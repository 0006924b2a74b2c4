package org.iolab.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.iolab.protocol.Connection;
import org.iolab.protocol.StreamHandler;

/**
 * The same menu written socketserver-style, as the source documents wrote it: one blocking
 * {@code handle} call per caller. Serves on the thread engines only, which is the point of
 * having it: compare it with {@link MenuProtocol}, which every engine serves.
 *
 * <p>Thread rule: stateless; each call owns its connection.
 */
public final class MenuStreamHandler implements StreamHandler {

    @Override
    public void handle(Connection c) throws IOException {
        OutputStream out = c.output();
        out.write(MenuProtocol.GREETING.getBytes(StandardCharsets.UTF_8));
        BufferedReader in = new BufferedReader(new InputStreamReader(c.input(), StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.length() > MenuProtocol.MAX_LINE) {
                out.write(MenuProtocol.TOO_LONG.getBytes(StandardCharsets.UTF_8));
                return;
            }
            String reply = MenuProtocol.answer(line.strip());
            out.write(reply.getBytes(StandardCharsets.UTF_8));
            if (reply.equals(MenuProtocol.GOODBYE)) {
                return;
            }
        }
    }
}
