package dev.fleetgate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/**
 * R3: the worker's body reaches the client whole and in order, as fast as the client takes it and
 * no faster, with a bounded number of bytes held in between; what is written is flushed once the
 * relay has caught up with the worker.
 */
class ResponseRelayTest {
  static final int BUFFER_SIZE = 8 * 1024;

  final Client client = new Client();
  final Worker worker = new Worker();
  int done;
  final ResponseRelay cut = new ResponseRelay(client, BUFFER_SIZE, () -> done++);

  @Test
  void r3_asksForSeveralBatchesAheadSoReadingAndWritingOverlap() {
    cut.onSubscribe(worker);

    assertEquals(ResponseRelay.AHEAD, worker.requested);
    assertTrue(cut.waitingForWorker());
  }

  @Test
  void r3_relaysTheWholeBodyInOrderAndEndsOnce() {
    cut.onSubscribe(worker);
    cut.onNext(List.of(text("hello, ")));
    cut.onNext(List.of(readOnly("chunked "), text("world")));
    cut.onComplete();

    assertEquals("hello, chunked world", client.received());
    assertEquals(20, cut.written());
    assertEquals(1, done);
    assertTrue(cut.getBody().toCompletableFuture().isDone());
  }

  @Test
  void r3_gathersSmallBuffersIntoOneWriteInsteadOfOneEach() {
    cut.onSubscribe(worker);
    client.ready = false;
    List<ByteBuffer> small = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      small.add(readOnly("0123456789"));
    }
    cut.onNext(small);

    client.becomeReady(cut);

    assertEquals(1, client.writes, "ten read-only slices, one write");
    assertEquals(100, client.received().length());
  }

  @Test
  void r3_writesALargeWritableBufferAsItIsWithoutCopying() {
    cut.onSubscribe(worker);
    byte[] large = new byte[BUFFER_SIZE];
    cut.onNext(List.of(ByteBuffer.wrap(large)));

    assertEquals(1, client.writes);
    assertTrue(client.lastArray == large, "the worker's own array went to the container");
  }

  @Test
  void r3_asksNothingMoreWhileTheClientTakesNothingAndResumesWhenItDoes() {
    cut.onSubscribe(worker);
    client.ready = false;
    byte[] batch = new byte[16 * 1024];
    for (int i = 0; i < ResponseRelay.AHEAD; i++) {
      cut.onNext(List.of(ByteBuffer.wrap(batch.clone())));
    }
    int askedBefore = worker.requested;

    assertEquals(ResponseRelay.AHEAD, askedBefore, "nothing beyond the first batches");
    assertTrue(cut.waitingForClient());
    assertFalse(cut.waitingForWorker());

    client.becomeReady(cut);

    assertEquals(ResponseRelay.AHEAD * batch.length, client.received().length());
    assertEquals(2 * ResponseRelay.AHEAD, worker.requested, "asks again once all went out");
  }

  @Test
  void r3_flushesOnceCaughtUpSoServerSentEventsArriveAsWritten() {
    cut.onSubscribe(worker);
    cut.onNext(List.of(text("data: 1\n\n")));

    assertEquals(1, client.flushes);
    assertEquals("data: 1\n\n", client.received());
  }

  @Test
  void r5_aWorkerThatFailsBeforeTheFirstByteLeavesTheExchangeToRetry() {
    cut.onSubscribe(worker);
    cut.onError(new IOException("worker gone"));

    assertEquals(0, done, "a failed attempt, not the end of the exchange");
    assertFalse(cut.sentAnything());
    assertEquals(0, client.flushes, "nothing was committed to the client");
  }

  @Test
  void r7_aClientThatLeavesCancelsTheWorkersBody() {
    cut.onSubscribe(worker);
    cut.onNext(List.of(text("partial")));

    cut.clientGone(new IOException("client gone"));

    assertTrue(worker.cancelled);
    assertTrue(cut.clientWentAway());
    assertEquals(1, done);
  }

  static ByteBuffer text(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
  }

  static ByteBuffer readOnly(String s) {
    return text(s).asReadOnlyBuffer();
  }

  static final class Worker implements Flow.Subscription {
    int requested;
    boolean cancelled;

    @Override
    public void request(long n) {
      requested += (int) n;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  /** The container's output: ready or not, as the test says, recording every write and flush. */
  static final class Client extends ServletOutputStream {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean ready = true;
    int writes;
    int flushes;
    byte[] lastArray;

    void becomeReady(ResponseRelay relay) {
      ready = true;
      relay.writePossible();
    }

    String received() {
      return bytes.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public void setWriteListener(WriteListener writeListener) {}

    @Override
    public void write(int b) {
      throw new AssertionError("byte-at-a-time writes are never used");
    }

    @Override
    public void write(byte[] b, int off, int len) {
      writes++;
      lastArray = b;
      bytes.write(b, off, len);
    }

    @Override
    public void flush() {
      flushes++;
    }
  }
}
