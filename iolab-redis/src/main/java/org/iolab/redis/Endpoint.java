package org.iolab.redis;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSentinelPool;

/**
 * Where the room's Redis is, from the bus URI: one server ({@code redis://HOST:PORT[/ROOM]}), or
 * the primary that Redis Sentinel names now
 * ({@code redis-sentinel://HOST:PORT[,HOST:PORT...]/PRIMARY[/ROOM]}, Jedis's
 * {@link JedisSentinelPool}, which follows {@code +switch-master}). Either way {@link #connect}
 * gives a connection of its own to the primary of the moment; the bus's threads hold one each.
 *
 * <p>Thread rule: {@link #connect} from any thread.
 */
abstract sealed class Endpoint implements AutoCloseable {

    /** Connecting and every reply: a silent partition is a failure after this long. */
    static final int TIMEOUT_MILLIS = 2000;

    private static final JedisClientConfig CONFIG = DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(TIMEOUT_MILLIS).socketTimeoutMillis(TIMEOUT_MILLIS).clientName("iolab-chat").build();

    /** The room's stream key: {@code iolab:chat[:ROOM]}. */
    final byte[] key;
    /** The URI as the bus's messages name it (without the room). */
    final String name;

    private Endpoint(String name, String room) {
        this.name = name;
        this.key = ("iolab:chat" + (room.isEmpty() ? "" : ":" + room)).getBytes(StandardCharsets.UTF_8);
    }

    /** A new connection to the primary of the moment; the caller closes it. */
    abstract Jedis connect();

    @Override
    public void close() {
    }

    /**
     * The endpoint {@code uri} names, or {@code null} for another scheme.
     *
     * @throws IllegalArgumentException when the URI lacks a host, or a Sentinel URI its primary's name
     */
    static Endpoint of(URI uri) {
        String scheme = uri.getScheme();
        if ("redis".equals(scheme)) {
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("--bus " + uri + " names no host (redis://HOST:PORT)");
            }
            HostAndPort at = new HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379);
            return new Direct(at, room(uri.getPath(), 1));
        }
        if ("redis-sentinel".equals(scheme)) {
            String authority = uri.getRawAuthority();
            String[] path = uri.getPath() == null ? new String[0] : uri.getPath().split("/");
            if (authority == null || path.length < 2 || path[1].isEmpty()) {
                throw new IllegalArgumentException("--bus " + uri
                        + " needs its sentinels and primary: redis-sentinel://HOST:PORT[,HOST:PORT...]/PRIMARY[/ROOM]");
            }
            Set<HostAndPort> sentinels = new LinkedHashSet<>();
            for (String s : authority.split(",")) {
                int colon = s.lastIndexOf(':');
                sentinels.add(colon < 0 ? new HostAndPort(s, 26379)
                        : new HostAndPort(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1))));
            }
            return new Sentinel(authority, path[1], sentinels, path.length > 2 ? path[2] : "");
        }
        return null;
    }

    private static String room(String path, int from) {
        return path == null || path.length() <= from ? "" : path.substring(from);
    }

    /** One Redis server. */
    static final class Direct extends Endpoint {
        private final HostAndPort at;

        Direct(HostAndPort at, String room) {
            super("redis://" + at, room);
            this.at = at;
        }

        @Override
        Jedis connect() {
            return new Jedis(at, CONFIG);
        }
    }

    /** The primary Redis Sentinel names; a failover is followed by the pool (a connection made after it goes to the new primary). */
    static final class Sentinel extends Endpoint {
        private final JedisSentinelPool pool;

        Sentinel(String sentinels, String primary, Set<HostAndPort> at, String room) {
            super("redis-sentinel://" + sentinels + "/" + primary, room);
            GenericObjectPoolConfig<Jedis> pool = new GenericObjectPoolConfig<>();
            pool.setMaxTotal(8);
            pool.setTestOnBorrow(true); // a connection to a demoted primary is not handed out again
            this.pool = new JedisSentinelPool(primary, at, pool, CONFIG, DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(TIMEOUT_MILLIS).socketTimeoutMillis(TIMEOUT_MILLIS).build());
        }

        @Override
        Jedis connect() {
            return pool.getResource();
        }

        @Override
        public void close() {
            pool.destroy();
        }
    }
}
