/**
 * The server's side: {@link org.iolab.server.Server} built from an immutable
 * {@link org.iolab.server.ServerConfig} and an {@link org.iolab.server.Application}, served by
 * an {@link org.iolab.server.Engine} chosen from {@link org.iolab.server.Engines}.
 */
package org.iolab.server;
