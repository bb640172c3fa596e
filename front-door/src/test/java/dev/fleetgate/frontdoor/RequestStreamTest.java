package dev.fleetgate.frontdoor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestStreamTest {
  RequestStream cut = new RequestStream(1024);

  Refusal feed(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    return cut.feed(bytes, 0, bytes.length);
  }

  /** Feeds one byte at a time: framing must not depend on where reads split the stream. */
  Refusal feedBytewise(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < bytes.length; i++) {
      Refusal refusal = cut.feed(bytes, i, i + 1);
      if (refusal != null) {
        return refusal;
      }
    }
    return null;
  }

  @Test
  void passesPlainRequestsOneAfterAnother() {
    assertNull(feed("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n"));
    assertEquals(2, cut.headsCompleted());
    assertFalse(cut.inHead());
  }

  @Test
  void followsAContentLengthBodyToTheNextHead() {
    assertNull(feed("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhel"));
    assertTrue(cut.inBody());
    assertNull(feed("loGET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    assertEquals(2, cut.headsCompleted());
  }

  @Test
  void followsChunksAndTrailersToTheNextHeadSplitAnywhere() {
    assertNull(
        feedBytewise(
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n"
                + "GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    assertEquals(2, cut.headsCompleted());
    assertFalse(cut.inBody());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Content-Length: 5\r\nTransfer-Encoding: chunked",
        "Transfer-Encoding: chunked\r\nContent-Length: 5",
        "Content-Length: 5\r\nTransfer-Encoding: Chunked",
        "Content-Length: 5\r\ntransfer-encoding:\tchunked"
      })
  void refusesContentLengthWithTransferEncodingInAnyOrder(String headers) {
    Refusal refusal = feed("POST / HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n\r\n");
    assertEquals(400, refusal.status());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Transfer-Encoding: gzip, chunked|501",
        "Transfer-Encoding: xchunked|501",
        "Transfer-Encoding: chunked{CRLF}Transfer-Encoding: chunked|501",
        "'Transfer-Encoding : chunked'|400",
        "' Transfer-Encoding: chunked'|400",
        "Content-Length: 5, 5|400",
        "Content-Length: +5|400",
        "Content-Length: 5{CRLF}Content-Length: 6|400",
        "X-A: a{NUL}b|400",
        "Host: y|400"
      })
  void refusesMalformedOrUnknownFraming(String headers, int status) {
    String lines = headers.replace("{CRLF}", "\r\n").replace("{NUL}", "\u0000");
    Refusal refusal = feed("POST / HTTP/1.1\r\nHost: x\r\n" + lines + "\r\n\r\n");
    assertNotNull(refusal, headers);
    assertEquals(status, refusal.status(), refusal.reason());
  }

  @Test
  void acceptsTwoEqualContentLengths() {
    assertNull(
        feed("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "5\nhello\r\n0\r\n\r\n",
        "5\r\nhello\n0\r\n\r\n",
        "5\r\nhello\r\n0\n\r\n",
        "5\r\nhello\r\n0\r\n\n",
        "5\r\nhelloX\r\n0\r\n\r\n",
        "5\rhello\r\n",
        "5 \r\nhello\r\n",
        "-5\r\n",
        "1000000000000000\r\n",
        "\r\n"
      })
  void refusesChunkFramingThatIsNotStrict(String chunks) {
    Refusal refusal =
        feed("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks);
    assertEquals(400, refusal.status());
  }

  @Test
  void marksChunkExtensionsToBeLeftOut() {
    String head = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    String chunks = "5;a=b\r\nhello\r\n6 ; q=\"x;y\"\r\n world\r\n0;end\r\n\r\n";
    byte[] bytes = (head + chunks).getBytes(StandardCharsets.ISO_8859_1);

    assertNull(cut.feed(bytes, 0, bytes.length));

    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    int from = 0;
    for (int k = 0; k < cut.cutCount(); k++) {
      kept.write(bytes, from, cut.cuts()[2 * k] - from);
      from = cut.cuts()[2 * k + 1];
    }
    kept.write(bytes, from, bytes.length - from);
    assertEquals(
        head + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
        kept.toString(StandardCharsets.ISO_8859_1));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GET / HTTP/2.0|505",
        "GET / HTTP/0.9|505",
        "'GET / HTTP/1.1 '|400",
        "GET  / HTTP/1.1|400",
        "GET /|400",
        "G(T / HTTP/1.1|400",
        "GET /a%2fb HTTP/1.1|400",
        "GET /a/../b HTTP/1.1|400"
      })
  void refusesRequestLinesOtherThanHttp1(String requestLine, int status) {
    Refusal refusal = feed(requestLine + "\r\nHost: x\r\n\r\n");
    assertEquals(status, refusal.status(), refusal.reason());
  }

  @Test
  void refusesAnHttp11RequestWithoutHost() {
    assertEquals(400, feed("GET / HTTP/1.1\r\n\r\n").status());
    assertNull(new RequestStream(0).feed("GET / HTTP/1.0\r\n\r\n".getBytes(), 0, 18));
  }

  @Test
  void refusesExpectContinueOverTheBodyLimitOnly() {
    assertNull(
        feed("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1024\r\nExpect: 100-continue\r\n\r\n"));
    cut = new RequestStream(1024);
    assertEquals(
        413,
        feed("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1025\r\nExpect: 100-continue\r\n\r\n")
            .status());
  }

  @Test
  void refusesAHeadOverItsLimit() {
    String big = "X-Big: " + "a".repeat(RequestStream.MAX_LINE) + "\r\n";
    assertEquals(431, feed("GET / HTTP/1.1\r\nHost: x\r\n" + big + "\r\n").status());
  }

  @Test
  void tellsWhenAHeadIsUnderwayAndWhenItAskedForAnUpgrade() {
    assertNull(feed("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"));
    assertTrue(cut.inHead());
    assertNull(feed("Connection: keep-alive, Upgrade\r\n\r\n"));
    assertFalse(cut.inHead());
    assertTrue(cut.takeUpgradeAsked());
    assertFalse(cut.takeUpgradeAsked());
  }
}
