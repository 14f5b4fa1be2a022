package io.shardgate.store.lmdb;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where in LMDB's data file a value stored on overflow pages lies (ADR 0006), found from LMDB's own page header.
 *
 * <p>LMDB stores a value too large for a leaf page (when {@code 8 + key + value} bytes exceed the environment's
 * {@code me_nodemax}: a value of more than 2,014 bytes under a 16-byte key on 4 KiB pages) on contiguous pages of its
 * own, each run headed by a 16-byte page header: the page number (8 bytes), a pad (2), the flags (2, {@code
 * P_OVERFLOW} = 4) and the number of pages in the run (4), all in native byte order; the value starts right after it.
 * The map is the data file from offset 0, so the value's file position is {@code pageNumber * pageSize + 16}. That
 * needs no map address, which lmdbjava cannot give ({@code mdb_env_info}'s {@code me_mapaddr} is the meta page's
 * {@code mm_address}, set only with {@code MDB_FIXEDMAP}: 0 here), and it does not change when the map grows and
 * moves.
 *
 * <p>Every answer is checked before it is used: the size rule, then the header's flags and page count, and then that
 * the map start it implies ({@code value address - 16 - pageNumber * pageSize}) holds LMDB's meta page (magic
 * {@code 0xBEEFC0DE} right after page 0's header); that check is done once per map (again after each growth) and
 * later values must imply the same start. A value that fails any check is copied as usual. The header is read through
 * the map with {@code sun.misc.Unsafe} (the bytes just before a value's buffer; for a value in a leaf page they are
 * its key), only inside the read transaction that found the value. Without {@code Unsafe} or the buffer address
 * field, {@link #AVAILABLE} is false and no read returns regions.
 */
final class OverflowPages {
    /** Whether raw reads of the map are possible in this JVM. */
    static final boolean AVAILABLE;

    static final int PAGE_HEADER_BYTES = 16;

    private static final Logger LOGGER = LoggerFactory.getLogger(OverflowPages.class);
    private static final int P_OVERFLOW = 0x04;
    private static final int MDB_MAGIC = 0xBEEFC0DE;
    /** LMDB's node header: {@code mn_lo, mn_hi, mn_flags, mn_ksize}. */
    private static final int NODE_HEADER_BYTES = 8;

    private static final sun.misc.Unsafe UNSAFE;
    private static final long ADDRESS_FIELD;

    static {
        sun.misc.Unsafe unsafe = null;
        long address = -1;
        try {
            Field theUnsafe = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
            address = unsafe.objectFieldOffset(Buffer.class.getDeclaredField("address"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOGGER.warn("LMDB values cannot be located in the data file ({}); fetches copy every batch", e.toString());
            unsafe = null;
        }
        UNSAFE = unsafe;
        ADDRESS_FIELD = address;
        AVAILABLE = unsafe != null;
    }

    private final int pageSize;
    private final int maxLeafValueBytes;
    /** The map start checked against the meta page, or 0; reset when the map moves. */
    private volatile long verifiedMapStart;

    /**
     * @param pageSize the environment's page size
     * @param keyBytes the size of the keys of the database whose values are located
     */
    OverflowPages(int pageSize, int keyBytes) {
        this.pageSize = pageSize;
        // mdb.c: me_nodemax = (((psize - PAGEHDRSZ) / MDB_MINKEYS) & -2) - sizeof(indx_t); a value goes to overflow
        // pages when NODESIZE + key + value > me_nodemax.
        int nodeMax = (((pageSize - PAGE_HEADER_BYTES) / 2) & -2) - 2;
        this.maxLeafValueBytes = nodeMax - NODE_HEADER_BYTES - keyBytes;
    }

    int pageSize() {
        return pageSize;
    }

    /** Values larger than this are on overflow pages. */
    int maxLeafValueBytes() {
        return maxLeafValueBytes;
    }

    /** The map moved (it grew): the next value checks the meta page again. Under the resize lock. */
    void mapMoved() {
        verifiedMapStart = 0;
    }

    /**
     * The position in the data file of the first byte of {@code value} (a buffer LMDB returned for it, as it
     * returned it: position 0) when the value is on overflow pages, else -1. Call inside the read transaction that
     * returned the value, with the map's current size.
     */
    long filePosition(ByteBuffer value, long mapSize) {
        if (!AVAILABLE || value.remaining() <= maxLeafValueBytes || !value.isDirect()) {
            return -1;
        }
        long data = UNSAFE.getLong(value, ADDRESS_FIELD) + value.position();
        long header = data - PAGE_HEADER_BYTES;
        long pageNumber = UNSAFE.getLong(header);
        int flags = Short.toUnsignedInt(UNSAFE.getShort(header + 10));
        long pages = Integer.toUnsignedLong(UNSAFE.getInt(header + 12));
        if ((flags & P_OVERFLOW) == 0
                || pageNumber < 2
                || pages * pageSize < PAGE_HEADER_BYTES + (long) value.remaining()
                || (pageNumber + pages) * pageSize > mapSize) {
            return -1;
        }
        long position = pageNumber * pageSize + PAGE_HEADER_BYTES;
        long mapStart = data - position;
        if (mapStart != verifiedMapStart) {
            if (UNSAFE.getInt(mapStart + PAGE_HEADER_BYTES) != MDB_MAGIC) {
                LOGGER.error("an LMDB overflow page header does not lead to the meta page; copying instead");
                return -1;
            }
            verifiedMapStart = mapStart;
        }
        return position;
    }

    /**
     * Reads one byte of every page of {@code value} so that its pages are in memory (page cache) before an event loop
     * sends them with {@code sendfile} (DESIGN.md §3: no file I/O on event loops); returns a value to keep the reads.
     */
    static int touch(ByteBuffer value, int pageSize) {
        int sum = 0;
        for (int i = value.position(); i < value.limit(); i += pageSize) {
            sum += value.get(i);
        }
        return sum + value.get(value.limit() - 1);
    }
}
