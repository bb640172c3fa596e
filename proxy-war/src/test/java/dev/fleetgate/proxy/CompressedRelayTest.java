package dev.fleetgate.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.proxy.ResponseRelayTest.Client;
import dev.fleetgate.proxy.ResponseRelayTest.Worker;
import dev.fleetgate.proxy.compression.GzipEncoder;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * R18 on the asynchronous path: the relay compresses the worker's body as the client takes it,
 * flushes what it has once caught up with the worker, and ends the stream only after a whole body.
 */
class CompressedRelayTest {
  final Client client = new Client();
  final Worker worker = new Worker();
  final GzipEncoder gzip = new GzipEncoder(5);
  int done;
  final ResponseRelay cut =
      new ResponseRelay(client, ResponseRelayTest.BUFFER_SIZE, () -> done++, gzip);

  @Test
  void r18_theClientGetsGzipThatDecompressesToTheWorkersBody() throws IOException {
    byte[] body = text(200_000);
    cut.onSubscribe(worker);
    for (int at = 0; at < body.length; at += 10_000) {
      ByteBuffer piece = ByteBuffer.wrap(body, at, 10_000);
      cut.onNext(List.of(at % 20_000 == 0 ? piece : piece.asReadOnlyBuffer()));
    }
    cut.onComplete();

    assertArrayEquals(body, gunzip(client.bytes.toByteArray()));
    assertEquals(client.bytes.size(), cut.written(), "what went to the client, compressed");
    assertTrue(cut.written() < body.length / 4, "compressed: " + cut.written());
    assertEquals(1, done);
  }

  @Test
  void r18_whatArrivedIsDecodableOnceTheRelayCaughtUpWithTheWorker() throws Exception {
    cut.onSubscribe(worker);
    cut.onNext(List.of(ByteBuffer.wrap("data: 1\n\n".getBytes(StandardCharsets.US_ASCII))));

    assertEquals(1, client.flushes);
    assertEquals("data: 1\n\n", inflatedSoFar());
    assertEquals(0, done, "the stream goes on");

    cut.onNext(List.of(ResponseRelayTest.readOnly("data: 2\n\n")));

    assertEquals(2, client.flushes);
    assertEquals("data: 1\n\ndata: 2\n\n", inflatedSoFar());
  }

  @Test
  void r18_smallBuffersGoOutInFewWrites() throws IOException {
    cut.onSubscribe(worker);
    client.ready = false;
    List<ByteBuffer> small = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      small.add(ResponseRelayTest.readOnly("{\"seq\":" + i + ",\"name\":\"item\"},"));
    }
    cut.onNext(small);
    cut.onComplete();

    assertEquals(0, client.writes, "nothing while the client takes nothing");

    client.becomeReady(cut);

    assertTrue(client.writes <= 2, "200 buffers, " + client.writes + " write(s)");
    assertTrue(gunzip(client.bytes.toByteArray()).length > 4000);
    assertEquals(1, done);
  }

  @Test
  void r18_aBodyTheWorkerBrokeOffGetsNoTrailer() {
    cut.onSubscribe(worker);
    cut.onNext(List.of(ByteBuffer.wrap(text(50_000))));
    cut.onError(new IOException("worker gone"));

    assertEquals(1, done, "part of the answer went out: the exchange ends, cut");
    assertThrows(EOFException.class, () -> gunzip(client.bytes.toByteArray()));
  }

  @Test
  void r18_aWorkerThatFailsBeforeTheFirstByteLeavesTheExchangeToRetry() {
    cut.onSubscribe(worker);
    cut.onError(new IOException("worker gone"));

    assertEquals(0, done);
    assertEquals(0, client.bytes.size(), "not even the gzip header");
  }

  @Test
  void r18_aClientThatLeavesStopsTheWorkerAndTheEncoder() {
    cut.onSubscribe(worker);
    cut.onNext(List.of(ByteBuffer.wrap(text(5_000))));

    cut.clientGone(new IOException("client gone"));

    assertTrue(worker.cancelled);
    assertEquals(1, done);
    assertTrue(gzip.closed(), "its native memory freed");
  }

  private String inflatedSoFar() throws Exception {
    byte[] sent = client.bytes.toByteArray();
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(Arrays.copyOfRange(sent, 10, sent.length));
      byte[] out = new byte[4096];
      int n = inflater.inflate(out);
      return new String(out, 0, n, StandardCharsets.US_ASCII);
    } finally {
      inflater.end();
    }
  }

  static byte[] text(int length) {
    byte[] text = new byte[length];
    for (int i = 0; i < length; i++) {
      text[i] = (byte) ("0123456789abcdef".charAt((i * 7 + i / 100) % 16));
    }
    return text;
  }

  static byte[] gunzip(byte[] gzip) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    }
  }
}
