package dev.fleetgate.proxy.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseParserTest {
  ResponseParser cut = new ResponseParser(false, 64 * 1024);
  Recorder sink = new Recorder();

  static final class Recorder implements ResponseParser.Sink {
    int status;
    List<String[]> headers = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    int ends;

    @Override
    public void head(int status, List<String[]> headers) {
      this.status = status;
      this.headers = headers;
    }

    @Override
    public void body(ByteBuffer piece) {
      body.append(StandardCharsets.ISO_8859_1.decode(piece));
    }

    @Override
    public void end() {
      ends++;
    }
  }

  boolean feed(String text) throws MalformedResponse {
    return cut.feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)), sink);
  }

  /** Byte by byte: the framing must not depend on how the worker's answer is split. */
  boolean feedBytewise(String text) throws MalformedResponse {
    boolean done = false;
    for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
      done = cut.feed(ByteBuffer.wrap(new byte[] {b}), sink);
    }
    return done;
  }

  static List<Arguments> framings() {
    return List.of(
        Arguments.of("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", "hello", true),
        Arguments.of(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n",
            "hello world",
            true),
        Arguments.of("HTTP/1.1 204 No Content\r\n\r\n", "", true),
        Arguments.of("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n", "", true),
        Arguments.of("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "", true),
        Arguments.of(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
            "ok",
            true),
        Arguments.of(
            "HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
            "ok",
            true),
        Arguments.of(
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok", "ok", false),
        Arguments.of("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", "ok", false),
        Arguments.of(
            "HTTP/1.0 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok", "ok", true),
        Arguments.of(
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok", "ok", true));
  }

  @ParameterizedTest
  @MethodSource("framings")
  void readsEachFramingToItsEndWhereverTheBytesSplit(String answer, String body, boolean reusable)
      throws MalformedResponse {
    assertTrue(feedBytewise(answer));
    assertEquals(body, sink.body.toString());
    assertEquals(1, sink.ends);
    assertEquals(reusable, cut.reusable());
  }

  @Test
  void leavesTheBytesAfterTheAnswerUnread() throws MalformedResponse {
    ByteBuffer in =
        ByteBuffer.wrap(
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1"
                .getBytes(StandardCharsets.ISO_8859_1));
    assertTrue(cut.feed(in, sink));
    assertEquals(8, in.remaining());
  }

  @Test
  void aBodyWithoutLengthEndsWhenTheWorkerCloses() throws MalformedResponse {
    assertFalse(feed("HTTP/1.1 200 OK\r\n\r\nstreamed until close"));
    cut.closed(sink);
    assertEquals("streamed until close", sink.body.toString());
    assertEquals(1, sink.ends);
    assertFalse(cut.reusable());
  }

  @Test
  void aHeadAnswerHasNoBodyWhateverItsLength() throws MalformedResponse {
    cut = new ResponseParser(true, 1024);
    assertTrue(feed("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"));
    assertEquals(200, sink.status);
    assertTrue(cut.reusable());
  }

  @Test
  void keepsHeaderNamesLowerCaseAndValuesTrimmed() throws MalformedResponse {
    feed("HTTP/1.1 201 Created\r\nX-Thing:  a b \r\nContent-Length: 0\r\n\r\n");
    assertEquals(201, sink.status);
    assertEquals("x-thing", sink.headers.get(0)[0]);
    assertEquals("a b", sink.headers.get(0)[1]);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "HTTP/2 200 OK\r\n\r\n",
        "HTTP/1.1 20 OK\r\n\r\n",
        "HTTP/1.1 2000 OK\r\n\r\n",
        "HTTP/1.1 099 Low\r\n\r\n",
        "ICY 200 OK\r\n\r\n",
        "HTTP/1.1 200 OK\nContent-Length: 0\n\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX: a\r\n folded\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokX\r\n"
      })
  void refusesMalformedAnswers(String answer) {
    assertThrows(MalformedResponse.class, () -> feed(answer));
  }

  @Test
  void refusesAHeadOverItsLimit() {
    cut = new ResponseParser(false, 100);
    assertThrows(
        MalformedResponse.class,
        () -> feed("HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(200) + "\r\n\r\n"));
  }

  @Test
  void aCloseBeforeTheAnswerIsDistinguishedFromOneInTheMiddle() throws MalformedResponse {
    assertTrue(cut.nothingReceived());
    MalformedResponse none = assertThrows(MalformedResponse.class, () -> cut.closed(sink));
    assertTrue(none.getMessage().contains("without answering"), none.getMessage());

    feed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel");
    assertFalse(cut.nothingReceived());
    MalformedResponse middle = assertThrows(MalformedResponse.class, () -> cut.closed(sink));
    assertTrue(middle.getMessage().contains("middle"), middle.getMessage());
  }

  @Test
  void aSwitchToTheAskedUpgradeEndsAfterTheHeadAndLeavesTheTunnelsBytes() throws MalformedResponse {
    cut = ResponseParser.forUpgrade(1024);
    ByteBuffer in =
        ByteBuffer.wrap(
            ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Accept: abc=\r\n\r\n\u0081\u0002hi")
                .getBytes(StandardCharsets.ISO_8859_1));
    assertTrue(cut.feed(in, sink));
    assertEquals(101, sink.status);
    assertEquals("websocket", sink.headers.get(0)[1]);
    assertEquals(4, in.remaining(), "a WebSocket frame that came with the head");
    assertFalse(cut.reusable());
    assertEquals(0, sink.ends);
  }

  @Test
  void anUpgradeTheWorkerDeclinesIsReadAsAnOrdinaryAnswer() throws MalformedResponse {
    cut = ResponseParser.forUpgrade(1024);
    assertTrue(
        feedBytewise(
            "HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nno\r\n0\r\n\r\n"));
    assertEquals(403, sink.status);
    assertEquals("no", sink.body.toString());
    assertEquals(1, sink.ends);
  }
}
