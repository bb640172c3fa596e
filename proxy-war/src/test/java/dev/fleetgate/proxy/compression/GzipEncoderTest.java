package dev.fleetgate.proxy.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** R5: a gzip stream made piece by piece, whole at the end and decodable at every flush. */
class GzipEncoderTest {
  static final byte[] BODY = body(300_000);

  final GzipEncoder cut = new GzipEncoder(5);

  @AfterEach
  void close() {
    cut.close();
  }

  /** Text that compresses as JSON does, with some noise so the deflater's blocks vary. */
  static byte[] body(int length) {
    StringBuilder text = new StringBuilder(length + 100);
    Random random = new Random(7);
    for (int i = 0; text.length() < length; i++) {
      text.append("{\"seq\":").append(i).append(",\"score\":").append(random.nextInt(100_000));
      text.append(",\"name\":\"item ").append(Integer.toHexString(random.nextInt())).append("\"},");
    }
    return Arrays.copyOf(text.toString().getBytes(StandardCharsets.US_ASCII), length);
  }

  enum Input {
    ARRAY,
    READ_ONLY,
    DIRECT;

    ByteBuffer of(byte[] bytes, int offset, int length) {
      return switch (this) {
        case ARRAY -> ByteBuffer.wrap(bytes, offset, length);
        case READ_ONLY -> ByteBuffer.wrap(bytes, offset, length).asReadOnlyBuffer();
        case DIRECT -> ByteBuffer.allocateDirect(length).put(bytes, offset, length).flip();
      };
    }
  }

  @ParameterizedTest(name = "chunks of {0}, output room {1}, flushing each: {2}")
  @CsvSource({
    "1, 8192, false",
    "7, 13, true",
    "100, 1, false",
    "1000, 64, true",
    "4096, 8192, true",
    "16384, 32768, false",
    "65537, 7, true",
    "300000, 32768, false"
  })
  void r5_decompressesToTheInputWhateverTheChunkAndOutputSizes(
      int chunk, int room, boolean flushEach) throws IOException {
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    byte[] out = new byte[room];
    for (int at = 0; at < BODY.length; at += chunk) {
      ByteBuffer piece =
          Input.values()[at / chunk % 3].of(BODY, at, Math.min(chunk, BODY.length - at));
      while (piece.hasRemaining()) {
        cut.input(piece);
        do {
          gzip.write(out, 0, cut.compress(out, 0, room));
        } while (!cut.needsInput());
      }
      while (flushEach && cut.owes(false)) {
        gzip.write(out, 0, cut.flush(out, 0, room));
      }
    }
    while (!cut.finished()) {
      gzip.write(out, 0, cut.finish(out, 0, room));
    }

    assertArrayEquals(BODY, gunzip(gzip.toByteArray()));
    assertFalse(cut.owes(true));
    assertEquals(BODY.length, cut.bytesIn());
    if (chunk >= 1000) { // a flush costs a few bytes: after every 7 bytes it outweighs the gain
      assertTrue(gzip.size() < BODY.length / 2, "compressed to " + gzip.size());
    }
  }

  @ParameterizedTest
  @EnumSource(Input.class)
  void r5_aFlushedChunkIsDecodableBeforeTheEnd(Input input) throws Exception {
    byte[] first = "id: 1\ndata: {\"seq\":1}\n\n".getBytes(StandardCharsets.UTF_8);
    byte[] second = "id: 2\ndata: {\"seq\":2}\n\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    Inflater client = new Inflater(true);
    try {
      gzip.write(sent(input.of(first, 0, first.length)));
      client.setInput(Arrays.copyOfRange(gzip.toByteArray(), 10, gzip.size())); // after the header

      assertEquals(new String(first, StandardCharsets.UTF_8), inflated(client));
      assertFalse(client.finished(), "the stream goes on");

      client.setInput(sent(input.of(second, 0, second.length)));

      assertEquals(new String(second, StandardCharsets.UTF_8), inflated(client));
    } finally {
      client.end();
    }
  }

  @Test
  void r5_anEmptyBodyIsAWholeGzipStream() throws IOException {
    byte[] out = new byte[64];
    int n = cut.finish(out, 0, out.length);

    assertTrue(cut.finished());
    assertEquals(0, gunzip(Arrays.copyOf(out, n)).length);
  }

  @Test
  void r5_aStreamNotFinishedHasNoTrailerSoItNeverLooksWhole() {
    byte[] gzip = sent(ByteBuffer.wrap(BODY, 0, 5000));

    assertThrows(EOFException.class, () -> gunzip(gzip));
  }

  @ParameterizedTest(name = "pieces of {0} bytes")
  @CsvSource({"64", "1000", "32768"})
  void r5_fillsPiecesFromAQueueAndFlushesWhenItRunsDry(int pieceSize) throws IOException {
    Queue<ByteBuffer> queue = new ArrayDeque<>();
    for (int at = 0; at < 20_000; at += 1000) {
      queue.add(Input.values()[at / 1000 % 2].of(BODY, at, 1000));
    }
    byte[] piece = new byte[pieceSize];
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();

    while (!queue.isEmpty() || cut.owes(false)) {
      gzip.write(piece, 0, cut.fill(queue, piece, false));
    }
    Inflater client = new Inflater(true);
    client.setInput(Arrays.copyOfRange(gzip.toByteArray(), 10, gzip.size()));
    try {
      assertEquals(
          new String(BODY, 0, 20_000, StandardCharsets.US_ASCII),
          inflated(client),
          "all of it decodable once the queue ran dry");
    } catch (DataFormatException e) {
      throw new AssertionError(e);
    } finally {
      client.end();
    }

    queue.add(ByteBuffer.wrap(BODY, 20_000, 10));
    while (!cut.finished()) {
      gzip.write(piece, 0, cut.fill(queue, piece, true));
    }
    assertArrayEquals(Arrays.copyOf(BODY, 20_010), gunzip(gzip.toByteArray()));
  }

  @Test
  void closingTwiceDoesNothing() {
    cut.close();
    cut.close();
  }

  /** Compresses one chunk and flushes it: what the client gets for it. */
  private byte[] sent(ByteBuffer chunk) {
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    byte[] out = new byte[16];
    while (chunk.hasRemaining()) {
      cut.input(chunk);
      do {
        gzip.write(out, 0, cut.compress(out, 0, out.length));
      } while (!cut.needsInput());
    }
    while (cut.owes(false)) {
      gzip.write(out, 0, cut.flush(out, 0, out.length));
    }
    return gzip.toByteArray();
  }

  private static String inflated(Inflater client) throws DataFormatException {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    byte[] out = new byte[4096];
    int n;
    while ((n = client.inflate(out)) > 0) {
      text.write(out, 0, n);
    }
    return text.toString(StandardCharsets.UTF_8);
  }

  static byte[] gunzip(byte[] gzip) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    }
  }
}
