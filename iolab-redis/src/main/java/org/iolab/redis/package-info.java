/**
 * The chat room's bus on a Redis stream ({@link org.iolab.redis.RedisBus}, registered as an
 * {@link org.iolab.apps.Bus.Provider} for {@code redis://} and {@code redis-sentinel://} URIs), so
 * that servers on any engine, on any machine, and the processes engine's workers hold one room
 * that loses nothing across outages, restarts and (durable) failovers. Jedis does the talking,
 * on the bus's own threads ({@code StreamReader}, {@code Publisher}); nothing here runs on an
 * engine's event loop. See docs/bus.md for the delivery promise.
 */
package org.iolab.redis;
