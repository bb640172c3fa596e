package dev.fleetgate.proxy.accesslog;

import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import dev.fleetgate.supervisor.entity.WorkerName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line made from the template of {@code fleetgate.proxy.access-log-format} (R1): its {@code
 * {field}}s replaced, any text between kept; a value that does not exist is {@code -}. The template
 * is split once, when the configuration is read, not on every request.
 */
final class TextFormat implements LineFormat {
  private static final Pattern TOKEN = Pattern.compile("\\{([a-z_]+)}");

  /** The template's fields; {@code bytes} is {@code bytes_out}, its name before there were two. */
  enum Field {
    TIME,
    REQUEST_ID,
    CLIENT,
    METHOD,
    PATH,
    STATUS,
    BYTES,
    BYTES_IN,
    BYTES_OUT,
    WORKER,
    UPSTREAM_MS,
    TOTAL_MS,
    RETRIES,
    PROTOCOL,
    TLS;

    final String token = name().toLowerCase(Locale.ROOT);

    static Field of(String token) {
      for (Field field : values()) {
        if (field.token.equals(token)) {
          return field;
        }
      }
      return null;
    }
  }

  /** The template's pieces in order: a {@link String} to copy or a {@link Field} to fill. */
  private final Object[] pieces;

  private TextFormat(Object[] pieces) {
    this.pieces = pieces;
  }

  /**
   * @param key the setting, for the error
   * @throws InvalidConfigurationException for a field that does not exist
   */
  static TextFormat parse(String key, String template) {
    List<Object> pieces = new ArrayList<>();
    Matcher m = TOKEN.matcher(template);
    int at = 0;
    while (m.find()) {
      Field field = Field.of(m.group(1));
      if (field == null) {
        throw new InvalidConfigurationException(
            key,
            template,
            "unknown field {"
                + m.group(1)
                + "}, use "
                + Arrays.stream(Field.values()).map(f -> "{" + f.token + "}").toList()
                + " or json");
      }
      if (m.start() > at) {
        pieces.add(template.substring(at, m.start()));
      }
      pieces.add(field);
      at = m.end();
    }
    if (at < template.length()) {
      pieces.add(template.substring(at));
    }
    return new TextFormat(pieces.toArray());
  }

  @Override
  public String line(AccessLog.Entry e) {
    StringBuilder line = new StringBuilder(160);
    for (Object piece : pieces) {
      if (piece instanceof Field field) {
        append(line, field, e);
      } else {
        line.append((String) piece);
      }
    }
    return line.toString();
  }

  private static void append(StringBuilder line, Field field, AccessLog.Entry e) {
    switch (field) {
      case TIME -> line.append(e.time());
      case REQUEST_ID -> orDash(line, e.requestId());
      case CLIENT -> line.append(e.client());
      case METHOD -> line.append(e.method());
      case PATH -> line.append(e.path());
      case STATUS -> line.append(e.status());
      case BYTES, BYTES_OUT -> line.append(e.bytesOut());
      case BYTES_IN -> line.append(e.bytesIn());
      case WORKER -> orDash(line, e.worker() < 0 ? null : WorkerName.of(e.app(), e.worker()));
      case UPSTREAM_MS -> orDash(line, e.upstreamMillis());
      case TOTAL_MS -> line.append(e.totalMillis());
      case RETRIES -> line.append(e.retries());
      case PROTOCOL -> orDash(line, e.protocol());
      case TLS -> orDash(line, e.tls());
    }
  }

  private static void orDash(StringBuilder line, String value) {
    line.append(value == null ? "-" : value);
  }

  private static void orDash(StringBuilder line, long value) {
    if (value < 0) {
      line.append('-');
    } else {
      line.append(value);
    }
  }
}
