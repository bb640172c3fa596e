package dev.fleetgate.proxy.accesslog;

import dev.fleetgate.supervisor.routing.Upstream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The access log of one configuration (R1): a line per proxied request, as text or JSON, to the
 * server log or to a file of its own. Opened when the proxy starts or its configuration is
 * reloaded, closed when the next configuration takes over (R4).
 */
public final class AccessLog {
  /** The server log's logger for access lines: their destination when no file is configured. */
  private static final Logger LOG = Logger.getLogger("fleetgate.access");

  private static final Logger OPENED = Logger.getLogger(AccessLog.class.getName());

  /** The values of one request. */
  public record Entry(
      long epochMillis,
      String requestId,
      String client,
      String method,
      String path,
      int status,
      long bytesIn,
      long bytesOut,
      String app,
      int worker,
      long upstreamMillis,
      long totalMillis,
      int retries,
      String protocol,
      String tls) {

    private static final DateTimeFormatter ISO_MILLIS =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The servlet's name for the negotiated cipher suite of a TLS connection. */
    static final String CIPHER_SUITE = "jakarta.servlet.request.cipher_suite";

    /**
     * The entry of a proxied request, at the time it ends: its client, method, path with the query,
     * protocol and TLS version taken from the request.
     *
     * @param requestId the request's id, or null when request ids are off
     * @param bytesIn request body bytes read from the client
     * @param bytesOut response body bytes relayed from the worker (0 for the proxy's own answers)
     * @param worker the last worker tried, or null for none
     * @param upstreamMillis that worker's time to its response head, or -1 when none came
     * @param retries tries after the first
     */
    public static Entry of(
        HttpServletRequest request,
        String requestId,
        int status,
        long bytesIn,
        long bytesOut,
        Upstream worker,
        long upstreamMillis,
        long totalMillis,
        int retries) {
      String query = request.getQueryString();
      boolean secure = request.isSecure();
      return new Entry(
          System.currentTimeMillis(),
          requestId,
          request.getRemoteAddr(),
          request.getMethod(),
          request.getRequestURI() + (query == null ? "" : "?" + query),
          status,
          bytesIn,
          bytesOut,
          worker == null ? null : worker.app(),
          worker == null ? -1 : worker.workerId(),
          upstreamMillis,
          totalMillis,
          retries,
          request.getProtocol(),
          // Asked only of a TLS connection: the container may look its session up for it.
          secure ? TlsVersion.of(true, (String) request.getAttribute(CIPHER_SUITE)) : null);
    }

    /** When the request ended, ISO-8601 in UTC with milliseconds: 2026-12-02T09:15:04.120Z. */
    public String time() {
      return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }
  }

  private final boolean enabled;
  private final LineFormat format;
  private final AccessLogFile file;
  private volatile AccessLog successor;

  private AccessLog(boolean enabled, LineFormat format, AccessLogFile file) {
    this.enabled = enabled;
    this.format = format;
    this.file = file;
  }

  /**
   * The access log {@code settings} ask for. A file the previous configuration already writes with
   * the same path and rotation is taken over as it is, not opened again: a second handler on it
   * would write beside it ({@link java.util.logging.FileHandler} avoids a locked file).
   *
   * @param previous the log of the configuration this one replaces, or null
   * @throws UncheckedIOException when the file cannot be opened
   */
  public static AccessLog open(AccessLogSettings settings, AccessLog previous) {
    if (!settings.enabled()) {
      return new AccessLog(false, null, null);
    }
    LineFormat format = settings.json() ? new JsonFormat() : settings.text();
    if (settings.file().isEmpty()) {
      return new AccessLog(true, format, null);
    }
    AccessLogFile reused = previous == null ? null : previous.file;
    if (reused != null && reused.writes(settings) && reused.retain()) {
      return new AccessLog(true, format, reused);
    }
    try {
      AccessLogFile file = AccessLogFile.open(settings);
      OPENED.log(
          Level.INFO,
          "Access log: {0} lines to {1}, rotated past {2} bytes, {3} files kept",
          new Object[] {
            settings.json() ? "JSON" : "text",
            file.current(),
            Long.toString(settings.maxSize()),
            Integer.toString(settings.maxFiles())
          });
      return new AccessLog(true, format, file);
    } catch (IOException e) {
      throw new UncheckedIOException("The access log file cannot be opened: " + e, e);
    }
  }

  /** Whether requests are logged: callers skip building an {@link Entry} when not. */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Writes the request's line on the calling thread, so no line waits in memory to be lost on
   * shutdown. A request that ends after its configuration was replaced is logged as the next
   * configuration says; after the last one, to the server log.
   */
  public void log(Entry e) {
    if (!enabled) {
      return;
    }
    String line = format.line(e);
    if (file == null) {
      // As a parameter, never as the message: a formatter would read a JSON line's braces as one.
      LOG.log(Level.INFO, "{0}", line);
    } else if (!file.write(line)) {
      AccessLog next = successor;
      if (next != null) {
        next.log(e);
      } else {
        LOG.log(Level.INFO, "{0}", line);
      }
    }
  }

  /**
   * Closes this configuration's file, unless {@code next} took it over (R4).
   *
   * @param next the log that replaces this one, or null when the proxy stops
   */
  public void close(AccessLog next) {
    successor = next; // before the file closes: a line that finds it closed goes there
    if (file != null) {
      file.release();
    }
  }
}
