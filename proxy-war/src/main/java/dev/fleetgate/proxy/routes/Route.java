package dev.fleetgate.proxy.routes;

/**
 * Where one matched request goes: the app's pool, and what the worker is sent as the path.
 *
 * @param <T> what an app is to the caller (the proxy's pool; a name in tests)
 * @param target the app's pool
 * @param app the app's name
 * @param prefix the path prefix that matched, without a trailing slash ({@code ""} for any path)
 * @param strip whether {@code prefix} is removed before forwarding
 */
public record Route<T>(T target, String app, String prefix, boolean strip) {

  /** The path the worker gets for {@code path}: itself, or without the prefix (never empty). */
  public String workerPath(String path) {
    if (!strip || prefix.isEmpty()) {
      return path;
    }
    return path.length() == prefix.length() ? "/" : path.substring(prefix.length());
  }

  /** {@code X-Forwarded-Prefix}: the prefix removed from the path, or null when none was. */
  public String removedPrefix() {
    return strip && !prefix.isEmpty() ? prefix : null;
  }

  /** Whether {@code path} lies under {@link #prefix}: equal to it or below it at a {@code /}. */
  boolean covers(String path) {
    return prefix.isEmpty()
        || (path.startsWith(prefix)
            && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/'));
  }
}
