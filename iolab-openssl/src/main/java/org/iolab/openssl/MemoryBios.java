package org.iolab.openssl;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import org.iolab.openssl.NativeScratch.Buf;
import org.iolab.openssl.NativeScratch.Kind;
import org.iolab.tls.TlsSession;

/**
 * A session's two memory BIOs ({@code BIO_s_mem}), its {@code SSL}'s once given to it: the
 * records the engine read go into the read BIO ({@link #feed}: the engine's native buffer as it
 * is, heap bytes through borrowed native memory), and what OpenSSL writes into the write BIO
 * leaves through the peer ({@link #drain}), a scratch buffer at a time. The seam where the
 * records could one day go to and from the engine's buffers without the BIOs' copy.
 *
 * <p>Thread rule: its session's.
 */
final class MemoryBios {

    final MemorySegment read;
    final MemorySegment write;

    /** Both BIOs, or neither (what was made is freed) and an {@link OutOfMemoryError}. */
    MemoryBios() throws Throwable {
        MemorySegment mem = (MemorySegment) LibSsl.BIO_s_mem.invokeExact();
        read = (MemorySegment) LibSsl.BIO_new.invokeExact(mem);
        write = (MemorySegment) LibSsl.BIO_new.invokeExact(mem);
        if (read.equals(MemorySegment.NULL) || write.equals(MemorySegment.NULL)) {
            for (MemorySegment b : new MemorySegment[] {read, write}) {
                if (!b.equals(MemorySegment.NULL)) {
                    int ignored = (int) LibSsl.BIO_free.invokeExact(b);
                }
            }
            throw new OutOfMemoryError("OpenSSL could not make a session's BIOs: " + LibSsl.errors("out of memory"));
        }
    }

    /** Writes {@code data}'s bytes (at most {@link Kind#INBOUND} of heap bytes) into the read BIO. */
    void feed(ByteBuffer data) throws Throwable {
        int n;
        if (data.isDirect()) {
            n = (int) LibSsl.BIO_write.invokeExact(read, MemorySegment.ofBuffer(data), data.remaining());
        } else {
            Buf in = NativeScratch.take(Kind.INBOUND);
            try {
                n = copyIn(data, in);
                n = (int) LibSsl.BIO_write.invokeExact(read, in.segment, n);
            } finally {
                NativeScratch.give(in, Kind.INBOUND);
            }
        }
        if (n <= 0) {
            throw new OutOfMemoryError("OpenSSL's read BIO took nothing: " + LibSsl.errors("out of memory"));
        }
        data.position(data.position() + n);
    }

    /**
     * Sends what OpenSSL wrote into the write BIO, a scratch buffer at a time, until it is empty
     * or {@code freed} says a callback of the peer's closed the session (its BIOs are gone);
     * whether there was any.
     */
    boolean drain(TlsSession.Peer peer, BooleanSupplier freed) throws Throwable {
        Buf records = NativeScratch.take(Kind.RECORDS);
        boolean any = false;
        try {
            int n;
            while ((n = (int) LibSsl.BIO_read.invokeExact(write, records.segment, Kind.RECORDS.size)) > 0) {
                any = true;
                records.view.clear().limit(n);
                peer.sendRecords(records.view);
                if (freed.getAsBoolean()) {
                    break; // the peer closed us while sending
                }
            }
        } finally {
            NativeScratch.give(records, Kind.RECORDS);
        }
        return any;
    }

    /** Copies up to the buffer's size of {@code data} into {@code to}'s view, not moving {@code data}; the count. */
    static int copyIn(ByteBuffer data, Buf to) {
        int n = Math.min(data.remaining(), to.view.capacity());
        int limit = data.limit();
        int position = data.position();
        data.limit(position + n);
        to.view.put(data);
        data.limit(limit).position(position);
        return n;
    }
}
