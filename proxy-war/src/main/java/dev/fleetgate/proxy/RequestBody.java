package dev.fleetgate.proxy;

import jakarta.servlet.http.HttpServletRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;

/**
 * The client's request body on its way to a worker, streamed, never whole in memory (R3). It
 * remembers whether any of it was read — a request whose body a worker may have seen cannot be sent
 * to another one — and stops at {@code fleetgate.proxy.max-body-size} (R6).
 */
final class RequestBody {
  private final HttpServletRequest request;
  private final long declaredLength;
  private final boolean present;
  private final long limit;
  private volatile boolean read;
  private volatile boolean tooLarge;
  private volatile boolean clientFailed;

  RequestBody(HttpServletRequest request, long limit) {
    this.request = request;
    this.declaredLength = request.getContentLengthLong();
    this.present =
        declaredLength > 0
            || (declaredLength < 0 && request.getHeader("Transfer-Encoding") != null);
    this.limit = limit;
  }

  /** True when the client declared a body longer than the limit: answer 413 before sending. */
  boolean declaredTooLarge() {
    return limit > 0 && declaredLength > limit;
  }

  /** True once a chunked body ran past the limit while streaming. */
  boolean tooLarge() {
    return tooLarge;
  }

  /** True once reading the client's body failed: the client broke off, not the worker. */
  boolean clientFailed() {
    return clientFailed;
  }

  /** A chunked body: if it breaks off, the worker connection it was on must not be reused. */
  boolean chunked() {
    return present && declaredLength < 0;
  }

  /** True once a worker may have received part of the body. */
  boolean read() {
    return read;
  }

  BodyPublisher publisher() {
    if (!present) {
      return BodyPublishers.noBody();
    }
    BodyPublisher stream = BodyPublishers.ofInputStream(this::open);
    return declaredLength > 0 ? BodyPublishers.fromPublisher(stream, declaredLength) : stream;
  }

  private InputStream open() {
    read = true;
    try {
      return new Limited(request.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts what passes and fails the upload once it exceeds the limit. */
  private final class Limited extends FilterInputStream {
    private long count;

    Limited(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b;
      try {
        b = super.read();
      } catch (IOException clientGone) {
        clientFailed = true;
        throw clientGone;
      }
      count(b < 0 ? 0 : 1, b < 0);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n;
      try {
        n = super.read(buffer, offset, length);
      } catch (IOException clientGone) {
        clientFailed = true;
        throw clientGone;
      }
      count(Math.max(n, 0), n < 0);
      return n;
    }

    private void count(int n, boolean end) throws IOException {
      if (end && declaredLength > 0 && count < declaredLength) {
        clientFailed = true; // the client closed before sending what it declared
      }
      count += n;
      if (limit > 0 && count > limit) {
        tooLarge = true;
        throw new IOException("request body larger than fleetgate.proxy.max-body-size");
      }
    }
  }
}
