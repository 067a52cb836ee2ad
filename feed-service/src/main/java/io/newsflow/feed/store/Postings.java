package io.newsflow.feed.store;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The stories under one index term, as their timeline keys in ascending unsigned byte order, which is newest
 * first. One writer (the stream thread) changes it while any number of readers (HTTP threads) scan it.
 *
 * <p>The keys sit in chunks of at most {@link #CHUNK} sorted arrays. A change copies the one chunk it touches
 * and the array of chunks, then publishes the new array with one volatile write. A chunk is never changed
 * once published, so a reader scans the snapshot it started with and never sees half a change. The usual
 * change, a story newer than all others, copies only the first chunk and the chunk array; a term holding a
 * million stories has about 2,000 chunks.
 */
final class Postings {

    static final int CHUNK = 512;
    private static final byte[][][] NONE = new byte[0][][];

    private volatile byte[][][] chunks = NONE;
    private int size;

    /** Keys held. Read by the writer only. */
    int size() {
        return size;
    }

    /** Adds a key; false if it was already there. */
    boolean add(byte[] key) {
        byte[][][] current = chunks;
        if (current.length == 0) {
            chunks = new byte[][][] {{key}};
            size++;
            return true;
        }
        int c = chunkFor(current, key);
        byte[][] chunk = current[c];
        int at = Arrays.binarySearch(chunk, key, Arrays::compareUnsigned);
        if (at >= 0) {
            return false;
        }
        at = -at - 1;
        if (chunk.length < CHUNK) {
            chunks = replaced(current, c, inserted(chunk, at, key));
        } else if (at == 0) {
            // New stories arrive newest first, at the front: start a chunk there rather than halving a full one.
            chunks = withChunk(current, c, new byte[][] {key});
        } else if (at == chunk.length) {
            chunks = withChunk(current, c + 1, new byte[][] {key});
        } else {
            byte[][] grown = inserted(chunk, at, key);
            int half = grown.length / 2;
            byte[][][] split = withChunk(current, c + 1, Arrays.copyOfRange(grown, half, grown.length));
            split[c] = Arrays.copyOf(grown, half);
            chunks = split;
        }
        size++;
        return true;
    }

    /** Removes a key; false if it was not there. */
    boolean remove(byte[] key) {
        byte[][][] current = chunks;
        if (current.length == 0) {
            return false;
        }
        int c = chunkFor(current, key);
        byte[][] chunk = current[c];
        int at = Arrays.binarySearch(chunk, key, Arrays::compareUnsigned);
        if (at < 0) {
            return false;
        }
        if (chunk.length == 1) {
            byte[][][] fewer = new byte[current.length - 1][][];
            System.arraycopy(current, 0, fewer, 0, c);
            System.arraycopy(current, c + 1, fewer, c, current.length - c - 1);
            chunks = fewer;
        } else {
            byte[][] smaller = new byte[chunk.length - 1][];
            System.arraycopy(chunk, 0, smaller, 0, at);
            System.arraycopy(chunk, at + 1, smaller, at, chunk.length - at - 1);
            chunks = replaced(current, c, smaller);
        }
        size--;
        return true;
    }

    /** Replaces everything with {@code sortedKeys}, which must be ascending and distinct. */
    void load(List<byte[]> sortedKeys) {
        byte[][][] loaded = new byte[(sortedKeys.size() + CHUNK - 1) / CHUNK][][];
        for (int c = 0; c < loaded.length; c++) {
            loaded[c] = sortedKeys.subList(c * CHUNK, Math.min(sortedKeys.size(), (c + 1) * CHUNK)).toArray(byte[][]::new);
        }
        chunks = loaded;
        size = sortedKeys.size();
    }

    /** The keys from {@code from} on (inclusive; all when null), ascending, as of this call. */
    Iterator<byte[]> from(byte[] from) {
        byte[][][] snapshot = chunks;
        int c = 0;
        int at = 0;
        if (from != null && snapshot.length > 0) {
            c = chunkFor(snapshot, from);
            at = Arrays.binarySearch(snapshot[c], from, Arrays::compareUnsigned);
            at = at >= 0 ? at : -at - 1;
        }
        return new Scan(snapshot, c, at);
    }

    /** The chunk a key belongs in: the last whose first key is not greater than it, or the first chunk. */
    private static int chunkFor(byte[][][] chunks, byte[] key) {
        int low = 0;
        int high = chunks.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (Arrays.compareUnsigned(chunks[mid][0], key) <= 0) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private static byte[][] inserted(byte[][] chunk, int at, byte[] key) {
        byte[][] grown = new byte[chunk.length + 1][];
        System.arraycopy(chunk, 0, grown, 0, at);
        grown[at] = key;
        System.arraycopy(chunk, at, grown, at + 1, chunk.length - at);
        return grown;
    }

    private static byte[][][] replaced(byte[][][] chunks, int c, byte[][] chunk) {
        byte[][][] copy = chunks.clone();
        copy[c] = chunk;
        return copy;
    }

    private static byte[][][] withChunk(byte[][][] chunks, int c, byte[][] chunk) {
        byte[][][] more = new byte[chunks.length + 1][][];
        System.arraycopy(chunks, 0, more, 0, c);
        more[c] = chunk;
        System.arraycopy(chunks, c, more, c + 1, chunks.length - c);
        return more;
    }

    /** A forward walk over one snapshot of the chunks. */
    private static final class Scan implements Iterator<byte[]> {
        private final byte[][][] chunks;
        private int chunk;
        private int at;

        Scan(byte[][][] chunks, int chunk, int at) {
            this.chunks = chunks;
            this.chunk = chunk;
            this.at = at;
            skipExhausted();
        }

        @Override
        public boolean hasNext() {
            return chunk < chunks.length;
        }

        @Override
        public byte[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            byte[] key = chunks[chunk][at++];
            skipExhausted();
            return key;
        }

        private void skipExhausted() {
            while (chunk < chunks.length && at >= chunks[chunk].length) {
                chunk++;
                at = 0;
            }
        }
    }
}
