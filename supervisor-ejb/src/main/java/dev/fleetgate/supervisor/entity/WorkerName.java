package dev.fleetgate.supervisor.entity;

import java.util.regex.Pattern;

/**
 * A worker's name across apps: {@code api/0} is worker 0 of the app {@code api}. The workers of the
 * app named {@value #DEFAULT_APP} (the one that {@code fleetgate.workers.*} configures) keep their
 * bare ids, {@code 0}, {@code 1}, as before apps existed; {@code default/0} names them too.
 *
 * @param app the app's name
 * @param id the worker's id within its app
 */
public record WorkerName(String app, int id) {
  /** The app that {@code fleetgate.workers.*} configures, and the only one without any apps set. */
  public static final String DEFAULT_APP = "default";

  private static final Pattern APP = Pattern.compile("[a-z][a-z0-9-]{0,30}");

  /** {@code api/0}, or {@code 0} for the default app. */
  public static String of(String app, int id) {
    return DEFAULT_APP.equals(app) ? Integer.toString(id) : app + "/" + id;
  }

  /** True for a name an app may have: a lower-case letter, then letters, digits or dashes. */
  public static boolean isAppName(String name) {
    return name != null && APP.matcher(name).matches();
  }

  /**
   * Reads {@code api/0} or a bare {@code 0}, which names a worker of {@code defaultApp}.
   *
   * @throws IllegalArgumentException naming the text when it is neither
   */
  public static WorkerName parse(String text, String defaultApp) {
    int slash = text.indexOf('/');
    String app = slash < 0 ? defaultApp : text.substring(0, slash);
    String number = slash < 0 ? text : text.substring(slash + 1);
    if (!isAppName(app) || !number.matches("\\d{1,9}")) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a worker: use its number (0) or app/number (api/0)");
    }
    return new WorkerName(app, Integer.parseInt(number));
  }

  @Override
  public String toString() {
    return of(app, id);
  }
}
