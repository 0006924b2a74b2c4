/**
 * The chat room's bus on Redis pub/sub ({@link org.iolab.redis.RedisBus}, registered as an
 * {@link org.iolab.apps.Bus.Provider} for {@code redis://} URIs), so that servers on any engine,
 * on any machine, and the processes engine's workers hold one room. Jedis does the talking,
 * on the bus's own threads; nothing here runs on an engine's event loop.
 */
package org.iolab.redis;
