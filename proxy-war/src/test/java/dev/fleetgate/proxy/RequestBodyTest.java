package dev.fleetgate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/**
 * R3, R5, R6: the request body goes to the worker as fast as the worker asks and the client sends,
 * no faster; a body no worker saw may be sent again; the size limit stops it.
 */
class RequestBodyTest {
  final ClientInput input = new ClientInput();

  RequestBody body(long contentLength, long limit) {
    HttpServletRequest request =
        (HttpServletRequest)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getContentLengthLong" -> contentLength;
                      case "getHeader" ->
                          "Transfer-Encoding".equals(args[0]) && contentLength < 0
                              ? "chunked"
                              : null;
                      case "getInputStream" -> input;
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
    return new RequestBody(request, limit);
  }

  @Test
  void r3_readsOnlyWhatTheWorkerAskedFor() {
    RequestBody cut = body(-1, 0);
    Worker worker = new Worker();
    cut.subscribe(worker);
    input.arrive("abc", "def", "ghi");

    worker.request(1);
    assertEquals(List.of("abc"), worker.received);
    assertEquals(2, input.chunks.size(), "the rest stays with the client");

    worker.request(5);
    assertEquals(List.of("abc", "def", "ghi"), worker.received);
    assertFalse(worker.completed, "the client has not finished");

    input.finish();
    assertTrue(worker.completed);
    assertEquals(9, cut.bytes());
    assertTrue(cut.completedNanos() > 0);
  }

  /** Grizzly says "all data read" as soon as it holds the whole body, before we read it. */
  @Test
  void r3_aBodyTheContainerAlreadyHoldsIsSentBeforeItEnds() {
    RequestBody cut = body(1, 0);
    input.arrive("x");
    input.finished = true;
    input.announcesAllReadEarly = true;
    Worker worker = new Worker();
    cut.subscribe(worker);

    worker.request(1);

    assertEquals(List.of("x"), worker.received);
    assertTrue(worker.completed);
  }

  /** The regression of stop 18: a held body of several reads, its end not told by its length. */
  @Test
  void r3_aWholeBodyHeldBeforeTheFirstReadIsSentToTheLastByte() {
    RequestBody cut = body(-1, 0);
    input.arrive("ab", "cd", "e");
    input.finished = true;
    input.announcesAllReadEarly = true;
    Worker worker = new Worker();
    cut.subscribe(worker);

    worker.request(10);

    assertEquals(List.of("ab", "cd", "e"), worker.received);
    assertTrue(worker.completed);
    assertEquals(5, cut.bytes());
  }

  /** HTTP/2: the stream ends with fewer bytes than content-length said; the client waits. */
  @Test
  void r13_aBodyThatEndsShortOfItsDeclaredLengthFailsAsTheClientsFault() {
    RequestBody cut = body(10, 0);
    Worker worker = new Worker();
    cut.subscribe(worker);
    input.arrive("abc");
    worker.request(10);

    input.finish();

    assertEquals(List.of("abc"), worker.received);
    assertFalse(worker.completed, "never a body that looks whole to the worker");
    assertTrue(worker.error instanceof RequestBody.ClientBodyEnded, String.valueOf(worker.error));
    assertTrue(cut.endedShort());
    assertFalse(cut.clientFailed(), "the client is still there for its 400");
  }

  @Test
  void r3_endsAtTheDeclaredLengthWithoutWaitingForMore() {
    RequestBody cut = body(3, 0);
    Worker worker = new Worker();
    cut.subscribe(worker);
    input.arrive("abc");

    worker.request(1);

    assertTrue(worker.completed);
  }

  @Test
  void r3_waitsForTheClientWithoutHoldingAThread() {
    RequestBody cut = body(-1, 0);
    Worker worker = new Worker();
    cut.subscribe(worker);

    worker.request(1);
    assertTrue(cut.waitingForClient(), "the worker asked, the client has sent nothing");
    assertEquals(List.of(), worker.received);

    input.arrive("late");
    assertEquals(List.of("late"), worker.received);
    assertFalse(cut.waitingForClient());
  }

  @Test
  void r5_aBodyNoWorkerSawCanGoToAnotherWorker() {
    RequestBody cut = body(3, 0);
    cut.subscribe(new Worker()); // connected, then failed before asking for the body
    Worker second = new Worker();

    cut.subscribe(second);
    input.arrive("abc");
    input.finish();
    second.request(1);

    assertFalse(cut.read() && second.received.isEmpty());
    assertEquals(List.of("abc"), second.received);
    assertTrue(second.completed);
  }

  @Test
  void r5_aBodyPartlySentIsNeverSentAgain() {
    RequestBody cut = body(6, 0);
    Worker first = new Worker();
    cut.subscribe(first);
    input.arrive("abc");
    first.request(1);
    assertTrue(cut.read());

    Worker second = new Worker();
    cut.subscribe(second);

    assertInstanceOf(IOException.class, second.error);
    assertEquals(List.of(), second.received);
  }

  @Test
  void r6_aChunkedBodyStopsAtTheLimit() {
    RequestBody cut = body(-1, 5);
    Worker worker = new Worker();
    cut.subscribe(worker);
    input.arrive("abc", "def");

    worker.request(10);

    assertEquals(List.of("abc"), worker.received);
    assertTrue(cut.tooLarge());
    assertFalse(cut.clientFailed(), "too large is not the client going away");
    assertInstanceOf(IOException.class, worker.error);
  }

  @Test
  void r7_aClientThatGoesAwayFailsTheWorkerSide() {
    RequestBody cut = body(10, 0);
    Worker worker = new Worker();
    cut.subscribe(worker);
    worker.request(1);

    input.fail(new IOException("connection reset by client"));

    assertTrue(cut.clientFailed());
    assertInstanceOf(IOException.class, worker.error);
  }

  @Test
  void r7_aClientThatClosesShortOfItsDeclaredLengthIsTheClientsFault() {
    RequestBody cut = body(10, 0);
    Worker worker = new Worker();
    cut.subscribe(worker);
    input.arrive("abc");
    input.finish();

    worker.request(5);

    assertTrue(cut.clientFailed());
    assertInstanceOf(IOException.class, worker.error);
    assertFalse(worker.completed, "a short body must not look complete to the worker");
  }

  /** A worker that answers before reading the whole body: the rest is read and dropped. */
  @Test
  void r3_theRestOfABodyTheWorkerDidNotWantIsDiscardedToKeepTheConnection() {
    RequestBody cut = body(-1, 0);
    cut.subscribe(new Worker()); // the worker answered without asking for the body
    input.arrive("abc", "def");
    java.util.concurrent.atomic.AtomicReference<Boolean> whole =
        new java.util.concurrent.atomic.AtomicReference<>();

    cut.discardRest(1024, whole::set);
    input.finish();

    assertEquals(Boolean.TRUE, whole.get());
    assertTrue(cut.fullyRead());
    assertTrue(input.chunks.isEmpty(), "nothing left for the next request to trip on");
  }

  @Test
  void r3_tooMuchBodyLeftToDiscardMeansCuttingTheConnection() {
    RequestBody cut = body(-1, 0);
    cut.subscribe(new Worker());
    input.arrive("abcdef", "ghijkl", "mnopqr");
    java.util.concurrent.atomic.AtomicReference<Boolean> whole =
        new java.util.concurrent.atomic.AtomicReference<>();

    cut.discardRest(4, whole::set);

    assertEquals(Boolean.FALSE, whole.get());
  }

  @Test
  void r3_noBodyMeansNoPublisherOfOurs() {
    assertEquals(0, body(0, 0).publisher().contentLength());
  }

  /** The JDK client's side: asks for buffers, records what it gets. */
  static final class Worker implements Flow.Subscriber<ByteBuffer> {
    final List<String> received = new ArrayList<>();
    Flow.Subscription subscription;
    boolean completed;
    Throwable error;

    void request(long n) {
      subscription.request(n);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
    }

    @Override
    public void onNext(ByteBuffer item) {
      byte[] bytes = new byte[item.remaining()];
      item.get(bytes);
      received.add(new String(bytes, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public void onError(Throwable throwable) {
      error = throwable;
    }

    @Override
    public void onComplete() {
      completed = true;
    }
  }

  /** The container's side: data arrives when the test says, and the listener hears of it. */
  static final class ClientInput extends ServletInputStream {
    final Queue<byte[]> chunks = new ArrayDeque<>();
    ReadListener listener;
    boolean finished;
    boolean announcesAllReadEarly;

    void arrive(String... parts) {
      for (String part : parts) {
        chunks.add(part.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
      if (listener == null) {
        return; // told once a listener is set
      }
      try {
        listener.onDataAvailable();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    void finish() {
      finished = true;
      if (listener == null) {
        return;
      }
      try {
        if (chunks.isEmpty()) {
          listener.onAllDataRead();
        } else {
          listener.onDataAvailable();
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    void fail(Throwable error) {
      listener.onError(error);
    }

    /** As Grizzly says it: the last byte arrived, whether or not it was read. */
    @Override
    public boolean isFinished() {
      return finished;
    }

    @Override
    public int available() {
      return chunks.stream().mapToInt(chunk -> chunk.length).sum();
    }

    @Override
    public boolean isReady() {
      return !chunks.isEmpty() || finished;
    }

    @Override
    public void setReadListener(ReadListener readListener) {
      listener = readListener;
      if (announcesAllReadEarly) {
        try {
          listener.onAllDataRead();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      if (isReady()) {
        // as a container does: what already arrived is announced once a listener is there
        try {
          listener.onDataAvailable();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }

    @Override
    public int read(byte[] b, int off, int len) {
      byte[] chunk = chunks.poll();
      if (chunk == null) {
        return -1;
      }
      System.arraycopy(chunk, 0, b, off, chunk.length);
      return chunk.length;
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException("reads whole buffers");
    }
  }
}
