package dev.fleetgate.proxy.headers;

/** RFC 9110 §5.6.2 tokens: what a method or a field name may be made of. */
public final class HttpTokens {
  private HttpTokens() {}

  /** One {@code tchar}. */
  public static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /** A whole token: one {@code tchar} or more. */
  public static boolean isToken(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!isTokenChar(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
