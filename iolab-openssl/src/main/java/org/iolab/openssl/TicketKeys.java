package org.iolab.openssl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The keys that seal TLS session tickets (RFC 8446 4.6.1, RFC 5077 4), made here, held in
 * memory only, and rotated: a new key seals every ticket from {@code rotation} on, and a retired
 * key still opens the tickets it sealed for one ticket lifetime more (OpenSSL is told to renew
 * such a ticket), after which it is dropped and its tickets mean a full handshake. So a server
 * that runs for months never lets one key protect more than a rotation's worth of sessions, as
 * the JDK rotates its own ({@code jdk.tls.server.statelessKeyTimeout}).
 *
 * <p>Each key is a 16-byte name, a 256-bit AES-CBC key and a 256-bit HMAC-SHA256 key, OpenSSL's
 * own ticket format; the callback ({@code SSL_CTX_set_tlsext_ticket_key_evp_cb}) hands them to
 * OpenSSL's cipher and MAC contexts. The MAC's key and digest go as an {@code OSSL_PARAM} array
 * made once per key:
 *
 * <pre>
 * struct ossl_param_st {
 *     const char *key;           // "key", "digest"
 *     unsigned int data_type;    // OSSL_PARAM_OCTET_STRING 5, OSSL_PARAM_UTF8_STRING 4
 *     void *data;
 *     size_t data_size;
 *     size_t return_size;        // OSSL_PARAM_UNMODIFIED, (size_t)-1
 * };                             // the array ends with an entry whose key is NULL
 * </pre>
 *
 * <p>Thread rule: the callback runs on any handshaking thread; a rotation is made under this
 * object's lock by the first callback past its time (no thread of its own). A key's native
 * memory is an automatic arena's, freed once no callback can hold the key.
 */
final class TicketKeys {

    /** tls1.h: return 2 from the callback when decrypting: the ticket is good, send a renewed one. */
    static final int RENEW = 2;

    /** {@code struct ossl_param_st}, as above (64-bit: 40 bytes). */
    static final StructLayout OSSL_PARAM = MemoryLayout.structLayout(
            ADDRESS.withName("key"), JAVA_INT.withName("data_type"), MemoryLayout.paddingLayout(4),
            ADDRESS.withName("data"), JAVA_LONG.withName("data_size"), JAVA_LONG.withName("return_size"));
    private static final int OSSL_PARAM_UTF8_STRING = 4;
    private static final int OSSL_PARAM_OCTET_STRING = 5;
    private static final long OSSL_PARAM_UNMODIFIED = -1L;
    private static final int NAME = 16;
    private static final int SECRET = 32;

    /** One key: its name, the AES key, and the MAC's parameters (which hold the HMAC key). */
    private record Key(byte[] name, MemorySegment aes, MemorySegment macParams, long madeAt) {

        static Key make(SecureRandom random, long now) {
            Arena arena = Arena.ofAuto();
            byte[] name = new byte[NAME];
            random.nextBytes(name);
            MemorySegment aes = secret(arena, random);
            MemorySegment hmac = secret(arena, random);
            MemorySegment params = arena.allocate(OSSL_PARAM, 3);
            param(params, 0, arena.allocateFrom("key"), OSSL_PARAM_OCTET_STRING, hmac, SECRET);
            MemorySegment sha256 = arena.allocateFrom("SHA256");
            param(params, 1, arena.allocateFrom("digest"), OSSL_PARAM_UTF8_STRING, sha256, sha256.byteSize() - 1);
            return new Key(name, aes, params, now); // the third entry is zero: the end
        }

        private static MemorySegment secret(Arena arena, SecureRandom random) {
            byte[] b = new byte[SECRET];
            random.nextBytes(b);
            return arena.allocate(SECRET).copyFrom(MemorySegment.ofArray(b));
        }

        private static void param(MemorySegment params, int i, MemorySegment key, int type, MemorySegment data, long size) {
            MemorySegment p = params.asSlice(i * OSSL_PARAM.byteSize(), OSSL_PARAM.byteSize());
            p.set(ADDRESS, 0, key);
            p.set(JAVA_INT, 8, type);
            p.set(ADDRESS, 16, data);
            p.set(JAVA_LONG, 24, size);
            p.set(JAVA_LONG, 32, OSSL_PARAM_UNMODIFIED);
        }

        boolean named(MemorySegment keyName) {
            for (int i = 0; i < NAME; i++) {
                if (keyName.get(JAVA_BYTE, i) != name[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final long rotationNanos;
    private final long lifetimeNanos;
    private final LongSupplier clock;
    /** The sealing key first, then the retired ones still opening their tickets, newest first. */
    private volatile List<Key> keys;

    /**
     * @param rotation how long one key seals new tickets
     * @param lifetime how long a ticket is good for (its key opens it that long after retiring)
     * @param clock nanoseconds, {@link System#nanoTime} but in tests
     */
    TicketKeys(Duration rotation, Duration lifetime, LongSupplier clock) {
        this.rotationNanos = rotation.toNanos();
        this.lifetimeNanos = lifetime.toNanos();
        this.clock = clock;
        this.keys = List.of(Key.make(random, clock.getAsLong()));
    }

    /** Installs the callback on {@code ctx}; its stub lives in {@code arena}. */
    void install(MemorySegment ctx, Arena arena) throws Throwable {
        MemorySegment stub = Linker.nativeLinker().upcallStub(
                MethodHandles.lookup().findVirtual(TicketKeys.class, "ticket", MethodType.methodType(int.class,
                        MemorySegment.class, MemorySegment.class, MemorySegment.class, MemorySegment.class,
                        MemorySegment.class, int.class)).bindTo(this),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT), arena);
        if ((int) LibSsl.SSL_CTX_set_tlsext_ticket_key_evp_cb.invokeExact(ctx, stub) != 1) {
            throw new IllegalStateException("OpenSSL refused the ticket key callback: " + LibSsl.errors("no reason given"));
        }
    }

    /** How many keys are held (the sealing one and those still opening tickets). */
    int held() {
        return current().size();
    }

    /** The keys now, rotated first when the sealing key's time is up. */
    private List<Key> current() {
        List<Key> now = keys;
        long t = clock.getAsLong();
        if (t - now.getFirst().madeAt() < rotationNanos) {
            return now;
        }
        synchronized (this) {
            now = keys;
            if (t - now.getFirst().madeAt() >= rotationNanos) {
                List<Key> next = new ArrayList<>();
                next.add(Key.make(random, t));
                // the sealing key sealed until its time was up; each older one until the key after it was made
                long retiredAt = now.getFirst().madeAt() + rotationNanos;
                for (Key k : now) {
                    if (t - retiredAt >= lifetimeNanos) {
                        break; // its tickets have all expired: a full handshake
                    }
                    next.add(k);
                    retiredAt = k.madeAt();
                }
                keys = now = List.copyOf(next);
            }
            return now;
        }
    }

    /**
     * {@code int cb(SSL *s, unsigned char key_name[16], unsigned char iv[EVP_MAX_IV_LENGTH],
     * EVP_CIPHER_CTX *ctx, EVP_MAC_CTX *hctx, int enc)}: to seal ({@code enc} 1) the current
     * key's name, a random IV, and the contexts set up, 1; to open, the named key's contexts, 1
     * for the sealing key, {@link #RENEW} for a retired one, 0 for a key no longer held (a full
     * handshake follows); -1 when OpenSSL fails. It must not throw into C.
     */
    @SuppressWarnings("unused") // called by OpenSSL through the upcall stub
    private int ticket(MemorySegment ssl, MemorySegment keyName, MemorySegment iv, MemorySegment cipher,
                       MemorySegment mac, int enc) {
        try {
            List<Key> held = current();
            MemorySegment name = keyName.reinterpret(NAME);
            MemorySegment ivs = iv.reinterpret(16);
            if (enc == 1) {
                Key k = held.getFirst();
                name.copyFrom(MemorySegment.ofArray(k.name()));
                if ((int) LibSsl.RAND_bytes.invokeExact(ivs, 16) != 1
                        || (int) LibSsl.EVP_EncryptInit_ex.invokeExact(cipher, (MemorySegment) LibSsl.EVP_aes_256_cbc.invokeExact(),
                                MemorySegment.NULL, k.aes(), ivs) != 1
                        || (int) LibSsl.EVP_MAC_CTX_set_params.invokeExact(mac, k.macParams()) != 1) {
                    return -1;
                }
                return 1;
            }
            for (int i = 0; i < held.size(); i++) {
                Key k = held.get(i);
                if (k.named(name)) {
                    if ((int) LibSsl.EVP_MAC_CTX_set_params.invokeExact(mac, k.macParams()) != 1
                            || (int) LibSsl.EVP_DecryptInit_ex.invokeExact(cipher, (MemorySegment) LibSsl.EVP_aes_256_cbc.invokeExact(),
                                    MemorySegment.NULL, k.aes(), ivs) != 1) {
                        return -1;
                    }
                    return i == 0 ? 1 : RENEW;
                }
            }
            return 0;
        } catch (Throwable e) {
            return -1;
        }
    }
}
