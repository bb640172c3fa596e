package dev.fleetgate.proxy.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fleetgate.proxy.ProxySettingsTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R1, R2: which answers the proxy compresses, with the shipped settings and gzip on. */
class CompressionPolicyTest {
  final CompressionPolicy cut = shipped(Map.of("fleetgate.proxy.gzip", "true"));

  static CompressionPolicy shipped(Map<String, String> overrides) {
    return CompressionPolicy.read(ProxySettingsTest.shipped(overrides));
  }

  /**
   * The worker's headers written as {@code name: value && name: value}; "-" for none.
   *
   * @return lookup by lower-case name, as both paths give it
   */
  static Function<String, List<String>> answer(String headers) {
    Map<String, List<String>> byName = new HashMap<>();
    if (!headers.equals("-")) {
      for (String header : headers.split(" && ")) {
        int colon = header.indexOf(':');
        byName
            .computeIfAbsent(
                header.substring(0, colon).trim().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
            .add(header.substring(colon + 1).trim());
      }
    }
    return name -> byName.getOrDefault(name, List.of());
  }

  /** A request's Accept-Encoding headers, {@code " | "} between two; "-" for none. */
  static Enumeration<String> acceptEncoding(String values) {
    return Collections.enumeration(values.equals("-") ? List.of() : List.of(values.split(" \\| ")));
  }

  Compression decide(String method, String acceptEncoding, int status, String headers) {
    return cut.decide(method, "HTTP/1.1", acceptEncoding(acceptEncoding), status, answer(headers));
  }

  @ParameterizedTest(name = "{0}: {1} {3}, Accept-Encoding {2}, worker sent {4}")
  @CsvSource(
      delimiter = ';',
      quoteCharacter = '`',
      value = {
        // R2 the client's Accept-Encoding, weights and all
        "GZIP; GET; gzip;                      200; content-type: application/json",
        "GZIP; GET; gzip, deflate, br, zstd;   200; content-type: application/json",
        "GZIP; GET; GZIP;                      200; content-type: application/json",
        "GZIP; GET; x-gzip;                    200; content-type: application/json",
        "GZIP; GET; `br;q=1.0, gzip;q=0.8`;    200; content-type: application/json",
        "GZIP; GET; `gzip;q=0.001`;            200; content-type: application/json",
        "GZIP; GET; `gzip; Q=1`;               200; content-type: application/json",
        "GZIP; GET; `gzip;level=1;q=0.5`;      200; content-type: application/json",
        "GZIP; GET; *;                         200; content-type: application/json",
        "GZIP; GET; `deflate, *;q=0.1`;        200; content-type: application/json",
        "GZIP; GET; deflate | gzip;            200; content-type: application/json",
        "VARY; GET; `gzip;q=0`;                200; content-type: application/json",
        "VARY; GET; `gzip;q=0.000`;            200; content-type: application/json",
        "VARY; GET; `gzip;q=0, *`;             200; content-type: application/json",
        "VARY; GET; `*;q=0`;                   200; content-type: application/json",
        "VARY; GET; `gzip;q=abc`;              200; content-type: application/json",
        "VARY; GET; `gzip;q=1.5`;              200; content-type: application/json",
        "VARY; GET; `gzip;q=0.0001`;           200; content-type: application/json",
        "VARY; GET; identity;                  200; content-type: application/json",
        "VARY; GET; deflate, br;               200; content-type: application/json",
        "VARY; GET; gzipped;                   200; content-type: application/json",
        "VARY; GET; `    `;                    200; content-type: application/json",
        "VARY; GET; -;                         200; content-type: application/json",
        // R1 the type, without parameters, any case; server-sent events never
        "GZIP; GET; gzip; 200; `content-type: Application/JSON; charset=UTF-8`",
        "GZIP; GET; gzip; 200; `content-type: text/html;charset=utf-8`",
        "GZIP; GET; gzip; 200; content-type: image/svg+xml",
        "NONE; GET; gzip; 200; content-type: image/png",
        "NONE; GET; gzip; 200; content-type: application/octet-stream",
        "NONE; GET; gzip; 200; content-type: text/event-stream",
        "NONE; GET; gzip; 200; -",
        // R1 the length: only a known one below the minimum is left alone
        "GZIP; GET; gzip; 200; content-type: text/plain && content-length: 1024",
        "GZIP; GET; gzip; 200; content-type: text/plain && content-length: 5000000",
        "NONE; GET; gzip; 200; content-type: text/plain && content-length: 1023",
        "NONE; GET; gzip; 200; content-type: text/plain && content-length: 0",
        // R1 a part of a body keeps the worker's offsets
        "NONE; GET; gzip; 206; content-type: text/plain && content-range: bytes 0-99/5000",
        "NONE; GET; gzip; 206; content-type: text/plain",
        "NONE; GET; gzip; 200; content-type: text/plain && content-range: bytes 0-99/5000",
        // R1 a body the worker coded itself
        "NONE; GET; gzip; 200; content-type: text/plain && content-encoding: gzip",
        "NONE; GET; gzip; 200; content-type: text/plain && content-encoding: br",
        "NONE; GET; gzip; 200; `content-type: text/plain && content-encoding: identity, gzip`",
        "GZIP; GET; gzip; 200; content-type: text/plain && content-encoding: identity",
        "GZIP; GET; gzip; 200; content-type: text/plain && content-encoding: Identity",
        // R1 no-transform, in any Cache-Control header
        "NONE; GET; gzip; 200; `content-type: text/plain && cache-control: public, no-transform`",
        "NONE; GET; gzip; 200; content-type: text/plain && cache-control: max-age=60 && cache-control: No-Transform",
        "GZIP; GET; gzip; 200; `content-type: text/plain && cache-control: no-cache, max-age=0`",
        // R1 no body to compress
        "NONE; HEAD; gzip; 200; content-type: text/plain",
        "NONE; GET;  gzip; 204; content-type: text/plain",
        "NONE; GET;  gzip; 205; content-type: text/plain",
        "NONE; GET;  gzip; 304; content-type: text/plain",
        "NONE; GET;  gzip; 103; content-type: text/plain",
        // R1 any other status with a body
        "GZIP; GET;  gzip; 404; content-type: application/json",
        "GZIP; GET;  gzip; 500; content-type: text/html",
        "GZIP; GET;  gzip; 301; content-type: text/html",
        "GZIP; POST; gzip; 201; content-type: application/json",
      })
  void r1_r2_decidesFromTheRequestAndTheWorkersHead(
      Compression expected, String method, String acceptEncoding, int status, String headers) {
    assertEquals(expected, decide(method, acceptEncoding, status, headers));
  }

  @Test
  void r1_anHttp10ClientGetsTheBodyAsItIsThoughItVaries() {
    assertEquals(
        Compression.VARY,
        cut.decide(
            "GET",
            "HTTP/1.0",
            acceptEncoding("gzip"),
            200,
            answer("content-type: application/json")));
  }

  @Test
  void r1_nothingIsCompressedOrVariedWhenGzipIsOffTheDefault() {
    CompressionPolicy off = shipped(Map.of());

    assertEquals(
        Compression.NONE,
        off.decide(
            "GET", "HTTP/1.1", acceptEncoding("gzip"), 200, answer("content-type: text/html")));
  }

  @ParameterizedTest(name = "{0} with gzip-types=*")
  @CsvSource(
      delimiter = ';',
      value = {
        "GZIP; content-type: application/octet-stream",
        "GZIP; content-type: image/png",
        "GZIP; -",
        "NONE; content-type: text/event-stream"
      })
  void r1_aStarListsEveryTypeButServerSentEvents(Compression expected, String headers) {
    CompressionPolicy any =
        shipped(Map.of("fleetgate.proxy.gzip", "true", "fleetgate.proxy.gzip-types", "*"));

    assertEquals(
        expected, any.decide("GET", "HTTP/1.1", acceptEncoding("gzip"), 200, answer(headers)));
  }

  @Test
  void r1_serverSentEventsAreNeverCompressedEvenWhenListed() {
    CompressionPolicy listed =
        shipped(
            Map.of(
                "fleetgate.proxy.gzip",
                "true",
                "fleetgate.proxy.gzip-types",
                "text/event-stream, text/plain"));

    assertEquals(
        Compression.NONE,
        listed.decide(
            "GET",
            "HTTP/1.1",
            acceptEncoding("gzip"),
            200,
            answer("content-type: text/event-stream; charset=utf-8")));
  }

  @Test
  void r1_theMinimumLengthIsConfigurable() {
    CompressionPolicy every =
        shipped(Map.of("fleetgate.proxy.gzip", "true", "fleetgate.proxy.gzip-min-length", "0"));

    assertEquals(
        Compression.GZIP,
        every.decide(
            "GET",
            "HTTP/1.1",
            acceptEncoding("gzip"),
            200,
            answer("content-type: text/plain && content-length: 1")));
  }

  @ParameterizedTest(name = "q={0} is {1}/1000")
  @CsvSource({"1,1000", "1.,1000", "1.000,1000", "0,0", "0.5,500", "0.05,50", "0.123,123"})
  void r2_readsQvaluesInThousandths(String text, int thousandths) {
    assertEquals(thousandths, AcceptEncoding.qvalue(text));
  }
}
