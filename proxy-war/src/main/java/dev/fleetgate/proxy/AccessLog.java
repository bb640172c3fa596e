package dev.fleetgate.proxy;

import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import java.util.List;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line per proxied request on the {@code fleetgate.access} logger (R9), in the format of {@code
 * fleetgate.proxy.access-log-format}: {@code {client} {method} {path} {status} {bytes} {worker}
 * {upstream_ms} {total_ms}} in any order with any text between. Off by default: like nginx's
 * access_log it costs a write per request.
 */
final class AccessLog {
  private static final Logger LOG = Logger.getLogger("fleetgate.access");
  private static final Pattern TOKEN = Pattern.compile("\\{([a-z_]+)}");
  private static final List<String> FIELDS =
      List.of("client", "method", "path", "status", "bytes", "worker", "upstream_ms", "total_ms");

  /** The values of one request, in {@link #FIELDS} order. */
  record Entry(
      String client,
      String method,
      String path,
      int status,
      long bytes,
      int worker,
      long upstreamMillis,
      long totalMillis) {

    /** The entry of a proxied request: its client, method and path with the query. */
    static Entry of(
        jakarta.servlet.http.HttpServletRequest request,
        int status,
        long bytes,
        int worker,
        long upstreamMillis,
        long totalMillis) {
      String query = request.getQueryString();
      return new Entry(
          request.getRemoteAddr(),
          request.getMethod(),
          request.getRequestURI() + (query == null ? "" : "?" + query),
          status,
          bytes,
          worker,
          upstreamMillis,
          totalMillis);
    }
  }

  private final boolean enabled;
  private final String format;

  AccessLog(boolean enabled, String key, String format) {
    Matcher m = TOKEN.matcher(format);
    while (m.find()) {
      if (!FIELDS.contains(m.group(1))) {
        throw new InvalidConfigurationException(
            key, format, "unknown field {" + m.group(1) + "}, use " + FIELDS);
      }
    }
    this.enabled = enabled;
    this.format = format;
  }

  boolean enabled() {
    return enabled;
  }

  void log(Entry e) {
    if (enabled) {
      LOG.info(format(e));
    }
  }

  String format(Entry e) {
    Matcher m = TOKEN.matcher(format);
    StringBuilder line = new StringBuilder();
    while (m.find()) {
      String value =
          switch (m.group(1)) {
            case "client" -> e.client();
            case "method" -> e.method();
            case "path" -> e.path();
            case "status" -> Integer.toString(e.status());
            case "bytes" -> Long.toString(e.bytes());
            case "worker" -> e.worker() < 0 ? "-" : Integer.toString(e.worker());
            case "upstream_ms" -> e.upstreamMillis() < 0 ? "-" : Long.toString(e.upstreamMillis());
            default -> Long.toString(e.totalMillis());
          };
      m.appendReplacement(line, Matcher.quoteReplacement(value));
    }
    m.appendTail(line);
    return line.toString();
  }
}
