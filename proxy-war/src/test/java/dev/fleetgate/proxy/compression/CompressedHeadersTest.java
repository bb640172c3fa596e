package dev.fleetgate.proxy.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R3: the headers of an answer that is, or could be, compressed. */
class CompressedHeadersTest {

  @ParameterizedTest(name = "Vary {0} becomes {1}")
  @CsvSource(
      delimiter = ';',
      nullValues = "null",
      quoteCharacter = '`',
      value = {
        "-;                               Accept-Encoding",
        "Origin;                          `Origin, Accept-Encoding`",
        "`Origin, Cookie`;                `Origin, Cookie, Accept-Encoding`",
        "Origin | Cookie;                 `Origin, Cookie, Accept-Encoding`",
        "` Origin ,, `;                   `Origin, Accept-Encoding`",
        "accept-encoding;                 null",
        "`Origin, Accept-Encoding`;       null",
        "Origin | ACCEPT-ENCODING;        null",
        "*;                               null",
        "`Origin, *`;                     null",
      })
  void r3_mergesAcceptEncodingIntoTheWorkersVaryOnceOnly(String worker, String expected) {
    List<String> values = worker.equals("-") ? List.of() : List.of(worker.split(" \\| "));

    assertEquals(expected, CompressedHeaders.vary(values));
  }

  @ParameterizedTest(name = "ETag {0} becomes {1}")
  @CsvSource(
      delimiter = ';',
      nullValues = "null",
      quoteCharacter = '`',
      value = {
        "`\"abc\"`;      `W/\"abc\"`",
        "`W/\"abc\"`;    `W/\"abc\"`",
        "` \"x-1\" `;    `W/\"x-1\"`",
        "abc;            null",
        "`\"\"`;         `W/\"\"`",
      })
  void r3_weakensTheWorkersEtagAndDropsOneThatIsNone(String etag, String expected) {
    assertEquals(expected, CompressedHeaders.weakEtag(etag));
  }

  @Test
  void r3_replacesWhatDescribesTheBodyAsTheWorkerSentIt() {
    for (String name : List.of("Content-Length", "content-encoding", "Accept-Ranges", "ETag")) {
      assertTrue(CompressedHeaders.replaced(name), name);
    }
    for (String name : List.of("Content-Type", "Vary", "Cache-Control", "Last-Modified")) {
      assertFalse(CompressedHeaders.replaced(name), name);
    }
  }

  @Test
  void r3_aVaryOfNothingButBlanksGetsAcceptEncodingAlone() {
    assertEquals("Accept-Encoding", CompressedHeaders.vary(List.of(" ")));
    assertNull(CompressedHeaders.vary(List.of("Accept-Encoding")));
  }
}
