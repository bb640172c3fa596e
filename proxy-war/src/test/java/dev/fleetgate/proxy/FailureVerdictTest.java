package dev.fleetgate.proxy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.fleetgate.proxy.FailureVerdict.Body;
import dev.fleetgate.proxy.FailureVerdict.Client;
import dev.fleetgate.proxy.upstream.MalformedResponse;
import dev.fleetgate.supervisor.traffic.ErrorKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * R4–R7, R11, R12: what each failure of a worker attempt means, as one table (Jetty's {@code
 * ProxyServletFailureTest}, without a server): the client's answer, a retry on another worker
 * (nginx's {@code proxy_next_upstream error timeout}, {@value #MAX_TRIES} tries), the traffic
 * figures' error kind, and whether the worker's passive health is blamed.
 */
class FailureVerdictTest {
  static final int MAX_TRIES = 3;

  /** The failures a worker attempt meets, by the name the table gives them. */
  static Throwable cause(String name) {
    return switch (name) {
      case "refused" -> new ConnectException("Connection refused");
      case "connect-timeout" -> new HttpConnectTimeoutException("connect timed out");
      case "no-headers-in-time" -> new HttpTimeoutException("no response headers within 60 s");
      case "reset" -> new IOException("Connection reset");
      case "malformed" -> new MalformedResponse("bad status line");
      case "body-limit" -> new IOException("request body larger than max-body-size");
      case "client-too-slow" -> new ClientTooSlow("client sent no body bytes for 60 s");
      case "cancelled" -> new CancellationException();
      case "wrapped-refused" -> new CompletionException(new ConnectException("refused"));
      case "bug" -> new IllegalStateException("a bug of ours");
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** Given the cause, method, body, client and tries so far; then status, retry, kind, blame. */
  @ParameterizedTest(name = "{0} {1} body={2} client={3} try {4} → {5} retry={6} {7} blame={8}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # cause            | method | body      | client         | tries | status | retry | kind         | blame
          # connect refused: the worker never saw the request, so even a POST goes elsewhere
          refused            | GET    | UNREAD    | WAITING        | 1     | 502    | true  | CONNECT      | true
          refused            | POST   | STREAMED  | WAITING        | 1     | 502    | true  | CONNECT      | true
          wrapped-refused    | POST   | UNREAD    | WAITING        | 2     | 502    | true  | CONNECT      | true
          refused            | GET    | UNREAD    | WAITING        | 3     | 502    | false | CONNECT      | true
          # connect timeout: 504, and also retried for a POST
          connect-timeout    | GET    | UNREAD    | WAITING        | 1     | 504    | true  | CONNECT      | true
          connect-timeout    | POST   | STREAMED  | WAITING        | 1     | 504    | true  | CONNECT      | true
          # no response headers in time: 504, retried only for an idempotent request no worker saw
          no-headers-in-time | GET    | UNREAD    | WAITING        | 1     | 504    | true  | TIMEOUT      | true
          no-headers-in-time | POST   | UNREAD    | WAITING        | 1     | 504    | false | TIMEOUT      | true
          no-headers-in-time | PUT    | STREAMED  | WAITING        | 1     | 504    | false | TIMEOUT      | true
          no-headers-in-time | GET    | UNREAD    | WAITING        | 3     | 504    | false | TIMEOUT      | true
          # reset mid-request: 502, retried only for an idempotent request with its body unread
          reset              | GET    | UNREAD    | WAITING        | 1     | 502    | true  | PROTOCOL     | true
          reset              | PUT    | UNREAD    | WAITING        | 2     | 502    | true  | PROTOCOL     | true
          reset              | PUT    | STREAMED  | WAITING        | 1     | 502    | false | PROTOCOL     | true
          reset              | POST   | UNREAD    | WAITING        | 1     | 502    | false | PROTOCOL     | true
          reset              | PATCH  | UNREAD    | WAITING        | 1     | 502    | false | PROTOCOL     | true
          reset              | LOCK   | UNREAD    | WAITING        | 1     | 502    | false | PROTOCOL     | true
          reset              | GET    | UNREAD    | WAITING        | 3     | 502    | false | PROTOCOL     | true
          malformed          | GET    | UNREAD    | WAITING        | 1     | 502    | true  | PROTOCOL     | true
          malformed          | POST   | STREAMED  | WAITING        | 1     | 502    | false | PROTOCOL     | true
          # not an I/O failure: never retried
          bug                | GET    | UNREAD    | WAITING        | 1     | 502    | false | PROTOCOL     | true
          # the client's fault: its body over the limit, or too slow to send it
          body-limit         | PUT    | TOO_LARGE | WAITING        | 1     | 413    | false | PROTOCOL     | false
          refused            | POST   | TOO_LARGE | WAITING        | 1     | 413    | false | CONNECT      | false
          client-too-slow    | POST   | STREAMED  | WAITING        | 1     | 408    | false | CLIENT_ABORT | false
          # an HTTP/2 body that ended short of its content-length: a malformed request
          reset              | PUT    | SHORT     | WAITING        | 1     | 400    | false | CLIENT_ABORT | false
          reset              | GET    | SHORT     | WAITING        | 1     | 400    | false | CLIENT_ABORT | false
          # part of the answer already reached the client: no answer of ours, no retry
          reset              | GET    | UNREAD    | ANSWER_STARTED | 1     | 0      | false | PROTOCOL     | true
          no-headers-in-time | GET    | UNREAD    | ANSWER_STARTED | 1     | 0      | false | TIMEOUT      | true
          # the client left, or broke off its body: nobody to answer, not the worker's fault
          reset              | GET    | UNREAD    | GONE           | 1     | 0      | false | CLIENT_ABORT | false
          reset              | POST   | STREAMED  | GONE           | 1     | 0      | false | CLIENT_ABORT | false
          cancelled          | GET    | UNREAD    | WAITING        | 1     | 0      | false | CLIENT_ABORT | false
          """)
  void decidesTheAnswerTheRetryTheKindAndTheBlame(
      String cause,
      String method,
      Body body,
      Client client,
      int tries,
      int status,
      boolean retry,
      ErrorKind kind,
      boolean blame) {
    FailureVerdict cut = FailureVerdict.of(cause(cause), method, body, client, tries, MAX_TRIES);

    assertAll(
        () -> assertEquals(status, cut.status(), "status"),
        () -> assertEquals(retry, cut.retry(), "retry"),
        () -> assertEquals(kind, cut.kind(), "kind"),
        () -> assertEquals(blame, cut.blame(), "blame"));
  }

  @Test
  void r4_tellsTheClientWhichWorkerFailedAndHow() {
    assertEquals(
        "bad gateway: worker api/2 failed", verdict(new ConnectException("refused")).text("api/2"));
    assertEquals(
        "gateway timeout: worker api/2 did not answer in time",
        verdict(new HttpTimeoutException("slow")).text("api/2"));
    assertEquals(
        "request body too large",
        FailureVerdict.of(new IOException(), "PUT", Body.TOO_LARGE, Client.WAITING, 1, MAX_TRIES)
            .text("api/2"));
    assertEquals("request body timeout", verdict(new ClientTooSlow("slow")).text("api/2"));
    assertEquals(
        "bad request: the body ended before its content-length",
        FailureVerdict.of(new IOException(), "PUT", Body.SHORT, Client.WAITING, 1, MAX_TRIES)
            .text("api/2"));
  }

  @Test
  void r4_unwrapsTheJdkClientsCompletionException() {
    ConnectException refused = new ConnectException("refused");

    assertSame(refused, verdict(new CompletionException(refused)).cause());
  }

  static FailureVerdict verdict(Throwable cause) {
    return FailureVerdict.of(cause, "GET", Body.UNREAD, Client.WAITING, 1, MAX_TRIES);
  }
}
