package dev.fleetgate.proxy.compression;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream (RFC 1952) made piece by piece from a body that arrives in pieces (R5): the JDK's
 * {@link Deflater} in raw mode, with the gzip header and the CRC-32 and length trailer added here.
 *
 * <p>It is pulled, never pushed: the caller gives input when {@link #needsInput()} and asks for
 * output into an array of its own, as much as it can send now. So the non-blocking relay takes only
 * what the client can take, and the fast path writes straight from its buffer. {@link #flush} makes
 * everything given so far decodable by the client (a sync flush: a streamed answer still streams);
 * {@link #finish} ends the stream. Not thread-safe: each path calls it in its own serial order, and
 * {@link #close} frees the deflater's native memory.
 */
public final class GzipEncoder implements AutoCloseable {
  /** Magic, deflate, no flags, no modification time, no extra flags, operating system unknown. */
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  private static final int TRAILER = 8;
  private static final int MAX_STAGING = 16 * 1024;

  private final Deflater deflater;
  private final CRC32 crc = new CRC32();
  private final byte[] trailer = new byte[TRAILER];
  private byte[] staging; // input without an array of its own is copied here, for the checksum
  private long size;
  private int headerSent;
  private int trailerSent = -1; // -1 until the deflater has finished
  private boolean unflushed;
  private boolean closed;

  /**
   * @param level 1 (fastest) to 9 (smallest)
   */
  public GzipEncoder(int level) {
    this.deflater = new Deflater(level, true);
  }

  /** True when all input given so far was taken: the next may be given. */
  public boolean needsInput() {
    return deflater.needsInput();
  }

  /**
   * Gives the next input: a buffer with an array of its own whole (its array must not change until
   * {@link #needsInput()} again), any other up to 16 KiB, copied. Its position moves past what was
   * taken.
   *
   * @return the bytes taken
   */
  public int input(ByteBuffer buffer) {
    int n = buffer.remaining();
    if (buffer.hasArray()) {
      input(buffer.array(), buffer.arrayOffset() + buffer.position(), n);
      buffer.position(buffer.limit());
      return n;
    }
    byte[] copy = staging(n);
    n = Math.min(n, copy.length);
    buffer.get(copy, 0, n);
    input(copy, 0, n);
    return n;
  }

  /** Gives the next input; the array must not change until {@link #needsInput()} again. */
  public void input(byte[] bytes, int offset, int length) {
    crc.update(bytes, offset, length);
    size += length;
    deflater.setInput(bytes, offset, length);
    unflushed |= length > 0;
  }

  /**
   * Compressed bytes, as many as the deflater has ready: call until {@link #needsInput()} (the
   * input is then taken, though part of it may wait in the deflater for {@link #flush}).
   *
   * @return the bytes put into {@code out}
   */
  public int compress(byte[] out, int offset, int length) {
    int n = header(out, offset, length);
    while (n < length && !deflater.needsInput()) {
      n += deflater.deflate(out, offset + n, length - n, Deflater.NO_FLUSH);
    }
    return n;
  }

  /**
   * The compressed rest of all input given so far, so that the client can decode all of it once
   * these bytes reach it: call until {@link #owes} says no more (returns 0 then).
   */
  public int flush(byte[] out, int offset, int length) {
    int n = header(out, offset, length);
    if (unflushed && n < length) {
      int room = length - n;
      int k = deflater.deflate(out, offset + n, room, Deflater.SYNC_FLUSH);
      unflushed = k == room; // a flush that filled the room may have more to say
      n += k;
    }
    return n;
  }

  /** The end of the stream: the rest and the trailer. Call until {@link #finished()}. */
  public int finish(byte[] out, int offset, int length) {
    int n = header(out, offset, length);
    if (trailerSent < 0) {
      deflater.finish();
      while (n < length && !deflater.finished()) {
        n += deflater.deflate(out, offset + n, length - n);
      }
      if (!deflater.finished()) {
        return n;
      }
      littleEndian((int) crc.getValue(), 0);
      littleEndian((int) size, 4); // the input's length modulo 2^32, as RFC 1952 has it
      trailerSent = 0;
      unflushed = false;
    }
    int k = Math.min(length - n, TRAILER - trailerSent);
    System.arraycopy(trailer, trailerSent, out, offset + n, k);
    trailerSent += k;
    return n + k;
  }

  /**
   * One piece of the stream from a queue of buffers (the asynchronous relay's): they are given as
   * input, and removed once taken, until {@code piece} is full; when the queue has none left, the
   * rest is flushed, or, when {@code ending}, the stream ends. So the client gets writes of a
   * useful size, and can decode everything once the queue ran dry.
   *
   * @return the bytes put into {@code piece}, from its start
   */
  public int fill(Queue<ByteBuffer> queue, byte[] piece, boolean ending) {
    int filled = 0;
    while (filled < piece.length) {
      if (needsInput()) {
        ByteBuffer next = queue.peek();
        if (next == null) {
          int room = piece.length - filled;
          return filled + (ending ? finish(piece, filled, room) : flush(piece, filled, room));
        }
        input(next);
        if (!next.hasRemaining()) {
          queue.poll();
        }
      }
      filled += compress(piece, filled, piece.length - filled);
    }
    return filled;
  }

  /** Input bytes taken so far. */
  public long bytesIn() {
    return size;
  }

  /**
   * True while output is owed: input not yet flushed, or, when {@code ending}, the end of the
   * stream.
   */
  public boolean owes(boolean ending) {
    return unflushed || ending && !finished();
  }

  /** True once the whole stream, trailer included, was handed out. */
  public boolean finished() {
    return trailerSent == TRAILER;
  }

  /** True once {@link #close()}d. */
  public boolean closed() {
    return closed;
  }

  /** Frees the deflater; again does nothing. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      deflater.end();
    }
  }

  private int header(byte[] out, int offset, int length) {
    if (headerSent == HEADER.length) {
      return 0;
    }
    int k = Math.min(length, HEADER.length - headerSent);
    System.arraycopy(HEADER, headerSent, out, offset, k);
    headerSent += k;
    return k;
  }

  private void littleEndian(int value, int at) {
    for (int i = 0; i < 4; i++) {
      trailer[at + i] = (byte) (value >>> 8 * i);
    }
  }

  /** A small answer never gets the largest array; a larger one grows to it once. */
  private byte[] staging(int wanted) {
    if (staging == null || staging.length < MAX_STAGING && wanted > staging.length) {
      staging = new byte[Math.min(MAX_STAGING, Math.max(4096, wanted))];
    }
    return staging;
  }
}
