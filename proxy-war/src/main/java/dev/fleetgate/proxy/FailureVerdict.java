package dev.fleetgate.proxy;

import dev.fleetgate.supervisor.traffic.ErrorKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * What a failed attempt means, decided in one place for both paths (R4–R7, R11, R12): the answer
 * the client gets, whether another worker is tried, how the traffic figures count it and whether
 * the worker's passive health is blamed. Pure: it reads the facts of the failure, never a servlet
 * object, so {@code FailureVerdictTest} states the rules as one table. Public for the {@code
 * upgrade} package's handshakes, which follow the same rules (and are never retried).
 *
 * @param cause the failure, unwrapped from {@link CompletionException}
 * @param status the proxy's own answer (502, 504, 413 or 408), or {@link #NO_ANSWER} when part of
 *     the worker's answer already reached the client or the client left
 * @param retry whether to try another worker (nginx's {@code proxy_next_upstream error timeout})
 * @param kind how the worker's traffic figures count the attempt
 * @param blame whether the worker's passive health counts it as a failure
 */
public record FailureVerdict(
    Throwable cause, int status, boolean retry, ErrorKind kind, boolean blame) {

  /** {@link #status} when the proxy has nothing to answer. */
  public static final int NO_ANSWER = 0;

  /** nginx's rule: these are never sent to a second worker once one may have seen them. */
  static final Set<String> NOT_IDEMPOTENT = Set.of("POST", "PATCH", "LOCK");

  /** How far the request body went when the attempt failed. */
  public enum Body {
    /** None, or none of it read yet: the request may be sent again as it is. */
    UNREAD,
    /** Some of it went to the worker, which may have acted on it. */
    STREAMED,
    /** It ran over {@code fleetgate.proxy.max-body-size}: the client's fault (R6). */
    TOO_LARGE,
    /**
     * It ended before its declared length while the client waits for an answer (an HTTP/2 stream
     * ended early): a malformed request, the client's fault (R13).
     */
    SHORT;

    static Body of(boolean read, boolean tooLarge, boolean endedShort) {
      return tooLarge ? TOO_LARGE : endedShort ? SHORT : read ? STREAMED : UNREAD;
    }

    /** The client's fault, not the worker's: never retried, never blamed. */
    boolean clientsFault() {
      return this == TOO_LARGE || this == SHORT;
    }
  }

  /** Where the client stood when the attempt failed. */
  public enum Client {
    /** Waiting, with nothing of the worker's answer received yet: it may get another one. */
    WAITING,
    /** Part of the worker's answer reached it: nothing can replace the answer any more. */
    ANSWER_STARTED,
    /** It left, or broke off its request body: nobody to answer, and not the worker's fault. */
    GONE
  }

  /**
   * The verdict on a failed attempt. A {@link CancellationException} counts as the client gone: the
   * proxy cancels an attempt itself only for its idle timeouts, and then passes that timeout as the
   * cause instead.
   *
   * @param failure why the attempt failed
   * @param method the request's method
   * @param tries attempts made so far, this one included
   * @param maxTries {@code fleetgate.proxy.max-tries}
   */
  public static FailureVerdict of(
      Throwable failure, String method, Body body, Client client, int tries, int maxTries) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (client == Client.GONE || cause instanceof CancellationException) {
      return new FailureVerdict(cause, NO_ANSWER, false, ErrorKind.CLIENT_ABORT, false);
    }
    // An oversized or stalled upload is the client's fault, not the worker's.
    boolean blame = !body.clientsFault() && !(cause instanceof ClientTooSlow);
    if (client == Client.ANSWER_STARTED) {
      return new FailureVerdict(cause, NO_ANSWER, false, kindOf(cause), blame);
    }
    return new FailureVerdict(
        cause,
        statusOf(cause, body),
        retryable(cause, method, body, tries, maxTries),
        body == Body.SHORT ? ErrorKind.CLIENT_ABORT : kindOf(cause),
        blame);
  }

  private static int statusOf(Throwable cause, Body body) {
    if (body == Body.TOO_LARGE) {
      return 413;
    }
    if (body == Body.SHORT) {
      return 400;
    }
    if (cause instanceof ClientTooSlow) {
      return 408;
    }
    return cause instanceof HttpTimeoutException ? 504 : 502; // connect timeouts included
  }

  /**
   * nginx's {@code proxy_next_upstream error timeout}: another worker while tries remain and
   * nothing reached the client; a request that is not idempotent, or whose body was already
   * streamed, only when it never reached the worker (the connection was not made).
   */
  private static boolean retryable(
      Throwable cause, String method, Body body, int tries, int maxTries) {
    if (body.clientsFault() || cause instanceof ClientTooSlow || tries >= maxTries) {
      return false;
    }
    boolean replayable = !NOT_IDEMPOTENT.contains(method) && body == Body.UNREAD;
    return notConnected(cause) || (replayable && cause instanceof IOException);
  }

  private static ErrorKind kindOf(Throwable cause) {
    if (cause instanceof ClientTooSlow) {
      return ErrorKind.CLIENT_ABORT;
    }
    if (notConnected(cause)) {
      return ErrorKind.CONNECT;
    }
    return cause instanceof HttpTimeoutException ? ErrorKind.TIMEOUT : ErrorKind.PROTOCOL;
  }

  private static boolean notConnected(Throwable cause) {
    return cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException;
  }

  /** True when the proxy answers the client itself: see {@link #text}. */
  public boolean answers() {
    return status != NO_ANSWER;
  }

  /** The one line the client reads with {@link #status}, naming the worker that failed. */
  public String text(String worker) {
    return switch (status) {
      case 413 -> "request body too large";
      case 400 -> "bad request: the body ended before its content-length";
      case 408 -> "request body timeout";
      case 504 -> "gateway timeout: worker " + worker + " did not answer in time";
      default -> "bad gateway: worker " + worker + " failed";
    };
  }
}
