package dev.fleetgate.proxy.headers;

import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request id rule (R4), as nginx's {@code $request_id}: a client's id is kept only when a
 * trusted proxy sent it ({@link TrustedProxies}, the same trust as for {@code X-Forwarded-For}) and
 * it is sane; every other request gets a new one of 32 lowercase hex digits (128 random bits).
 */
public final class RequestIds {
  /** The longest id kept from a trusted proxy. */
  public static final int MAX_LENGTH = 200;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /**
   * Headers the proxy sets or regenerates itself: a request id under one of these names clashes.
   */
  private static final Set<String> TAKEN =
      Set.of("forwarded", "content-type", "content-encoding", "date", "server");

  private final String header;

  private RequestIds(String header) {
    this.header = header;
  }

  /**
   * @param enabled {@code fleetgate.proxy.request-id}
   * @param headerKey the key that names the header, for the error
   * @param header its value: an HTTP field name the proxy does not set otherwise
   */
  public static RequestIds parse(boolean enabled, String headerKey, String header) {
    String name = header.trim();
    if (!HttpTokens.isToken(name)) {
      throw new InvalidConfigurationException(headerKey, header, "not an HTTP header name");
    }
    if (!RequestHeaders.copied(name, HopByHopHeaders.of(List.of()))
        || TAKEN.contains(name.toLowerCase(Locale.ROOT))) {
      throw new InvalidConfigurationException(
          headerKey, header, "a header the proxy sets itself; use e.g. X-Request-Id");
    }
    return new RequestIds(enabled ? name : null);
  }

  /** Whether requests get ids at all ({@code fleetgate.proxy.request-id}). */
  public boolean enabled() {
    return header != null;
  }

  /** The header that carries the id both ways; null when off. */
  public String header() {
    return header;
  }

  /**
   * The id of one request.
   *
   * @param incoming the client's value of {@link #header()}, or null
   * @param trusted whether the peer is a trusted proxy
   */
  public static String choose(String incoming, boolean trusted) {
    return trusted && sane(incoming) ? incoming : generate();
  }

  /**
   * 1 to {@value #MAX_LENGTH} characters, each a letter, a digit or one of {@code -_.:+/=@}: what
   * tracing systems use (hex, UUIDs, base64), and nothing that could break a log line or a header
   * (no space, quote, comma, backslash or control character).
   */
  public static boolean sane(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok =
          c >= 'a' && c <= 'z'
              || c >= 'A' && c <= 'Z'
              || c >= '0' && c <= '9'
              || "-_.:+/=@".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * A new id: 128 random bits as 32 lowercase hex digits, like nginx's {@code $request_id}.
   *
   * <p>Why not {@code SecureRandom}: the id labels a request for correlation; it is no secret (the
   * client gets it in the answer) and grants nothing, so being predictable costs nothing, and what
   * matters is that two requests never share one. {@link ThreadLocalRandom} gives that without a
   * lock or a shared seed on the hot path: each thread has its own 64-bit state, seeded apart, so
   * ids repeat neither within a thread (its period is 2^64) nor, in practice, across threads.
   * {@code SecureRandom} would serialise request threads on its one instance. (nginx takes
   * OpenSSL's {@code RAND_bytes} when built with it, else its own {@code ngx_random()}.) Anything
   * that must not be guessed, a token or a session id, needs {@code SecureRandom} instead.
   */
  public static String generate() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] id = new char[32];
    hex(random.nextLong(), id, 0);
    hex(random.nextLong(), id, 16);
    return new String(id);
  }

  private static void hex(long bits, char[] into, int at) {
    for (int i = 15; i >= 0; i--) {
      into[at + i] = HEX[(int) bits & 0xf];
      bits >>>= 4;
    }
  }
}
