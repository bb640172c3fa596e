package dev.fleetgate.sample;

import java.util.List;

/**
 * Writes one flat JSON object by hand (R17): the worker's answers are small and fixed in shape, so
 * a builder over a {@link StringBuilder} does, with no library to load at start.
 */
final class Json {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder out = new StringBuilder(160).append('{');

  static Json object() {
    return new Json();
  }

  Json add(String name, String value) {
    name(name);
    if (value == null) {
      out.append("null");
    } else {
      quote(value);
    }
    return this;
  }

  Json add(String name, long value) {
    name(name);
    out.append(value);
    return this;
  }

  Json add(String name, List<String> values) {
    name(name);
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      quote(values.get(i));
    }
    out.append(']');
    return this;
  }

  /** Closes the object and returns its text; the builder is not used afterwards. */
  String end() {
    return out.append('}').toString();
  }

  private void name(String name) {
    if (out.length() > 1) {
      out.append(',');
    }
    quote(name);
    out.append(':');
  }

  private void quote(String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
