package dev.fleetgate.proxy;

import dev.fleetgate.proxy.compression.CompressedHeaders;
import dev.fleetgate.proxy.compression.Compression;
import dev.fleetgate.proxy.compression.CompressionPolicy;
import dev.fleetgate.proxy.headers.HopByHopHeaders;
import dev.fleetgate.proxy.headers.ProxyOwnedHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Copies a worker's response headers to the client, hop-by-hop ones and the proxy's own ({@code
 * Server}, {@code Date}) left out (R2): one policy for plain answers, whichever client read them,
 * and for the answers to upgrades. For a plain answer it is also where compression is decided
 * (R19), since that decision changes the headers: the caller's relay then follows it.
 */
public final class ResponseHeaders {
  private ResponseHeaders() {}

  /** The same for headers as the fast path's parser gives them: lower-case name, value. */
  public static void copy(List<String[]> headers, HttpServletResponse response) {
    copy(headers, response, Compression.NONE);
  }

  /**
   * Copies a plain answer's headers as the fast path's parser gives them, compressed or not as
   * {@code policy} decides for {@code request}.
   *
   * @return the decision, which the body follows
   */
  static Compression copy(
      List<String[]> headers,
      HttpServletResponse response,
      HttpServletRequest request,
      CompressionPolicy policy) {
    // Nothing is looked at, nor a lookup made, while compression is off (the default).
    Compression compression =
        policy.enabled()
            ? decide(policy, request, response.getStatus(), name -> values(headers, name))
            : Compression.NONE;
    copy(headers, response, compression);
    return compression;
  }

  /** As {@link #copy(List, HttpServletResponse, HttpServletRequest, CompressionPolicy)}. */
  static Compression copy(
      HttpHeaders headers,
      HttpServletResponse response,
      HttpServletRequest request,
      CompressionPolicy policy) {
    Compression compression =
        policy.enabled()
            ? decide(policy, request, response.getStatus(), headers::allValues)
            : Compression.NONE;
    HopByHopHeaders hopByHop = HopByHopHeaders.of(headers.allValues("connection"));
    headers
        .map()
        .forEach(
            (name, values) -> {
              if (!name.startsWith(":")
                  && !hopByHop.contains(name)
                  && !ProxyOwnedHeaders.contains(name)
                  && !replaced(compression, name)) {
                values.forEach(value -> response.addHeader(name, value));
              }
            });
    if (compression != Compression.NONE) {
      describe(compression, headers::allValues, response);
    }
    return compression;
  }

  private static void copy(
      List<String[]> headers, HttpServletResponse response, Compression compression) {
    List<String> connection = new ArrayList<>(1);
    for (String[] header : headers) {
      if (header[0].equals("connection")) {
        connection.add(header[1]);
      }
    }
    HopByHopHeaders hopByHop = HopByHopHeaders.of(connection);
    for (String[] header : headers) {
      if (!hopByHop.contains(header[0])
          && !ProxyOwnedHeaders.contains(header[0])
          && !replaced(compression, header[0])) {
        response.addHeader(header[0], header[1]);
      }
    }
    if (compression != Compression.NONE) {
      describe(compression, name -> values(headers, name), response);
    }
  }

  private static Compression decide(
      CompressionPolicy policy,
      HttpServletRequest request,
      int status,
      Function<String, List<String>> answer) {
    return policy.decide(
        request.getMethod(),
        request.getProtocol(),
        request.getHeaders("Accept-Encoding"),
        status,
        answer);
  }

  private static boolean replaced(Compression compression, String name) {
    return compression == Compression.GZIP && CompressedHeaders.replaced(name);
  }

  /** The headers that say how the body is coded and what it varies by (compression R3). */
  private static void describe(
      Compression compression,
      Function<String, List<String>> worker,
      HttpServletResponse response) {
    String vary = CompressedHeaders.vary(worker.apply("vary"));
    if (vary != null) {
      response.setHeader("Vary", vary); // replaces the worker's: one header, never twice
    }
    if (compression == Compression.GZIP) {
      response.setHeader("Content-Encoding", "gzip");
      List<String> etags = worker.apply("etag");
      String etag = etags.isEmpty() ? null : CompressedHeaders.weakEtag(etags.get(0));
      if (etag != null) {
        response.setHeader("ETag", etag);
      }
    }
  }

  /** Every value of one header, by lower-case name, in the parser's list. */
  static List<String> values(List<String[]> headers, String name) {
    List<String> values = List.of();
    for (String[] header : headers) {
      if (header[0].equals(name)) {
        if (values.isEmpty()) {
          values = new ArrayList<>(2);
        }
        values.add(header[1]);
      }
    }
    return values;
  }
}
