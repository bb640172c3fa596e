package dev.fleetgate.admin.api;

import dev.fleetgate.supervisor.entity.WorkerName;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * What the API reads from a request, checked (R5): a bad value is an {@link ApiRefusal} that names
 * it — 404 for a worker id or an app name that cannot exist, 400 for the rest.
 */
final class Parameters {

  /** Lines answered when {@code lines} is not given. */
  static final int DEFAULT_LINES = 100;

  /** More than any worker keeps ({@code fleetgate.workers.log-lines}) is pointless but harmless. */
  static final int MAX_LINES = 100_000;

  private Parameters() {}

  /**
   * A worker id from a URL: digits only; anything else names no worker.
   *
   * @throws ApiRefusal 404 naming the text
   */
  static int workerId(String text) {
    if (text == null || text.isEmpty() || text.length() > 9 || !digits(text)) {
      throw new ApiRefusal(404, "no worker " + text);
    }
    return Integer.parseInt(text);
  }

  /**
   * An app's name from a URL, as {@link WorkerName#isAppName} allows; whether the app exists is the
   * supervisor's to say.
   *
   * @throws ApiRefusal 404 naming the text
   */
  static String app(String text) {
    if (!WorkerName.isAppName(text)) {
      throw new ApiRefusal(404, "no app named '" + text + "'");
    }
    return text;
  }

  /** {@code ?lines=N}: 0 to {@value #MAX_LINES}, {@value #DEFAULT_LINES} when absent. */
  static int lines(String text) {
    if (text == null || text.isEmpty()) {
      return DEFAULT_LINES;
    }
    if (text.length() > 6 || !digits(text) || Integer.parseInt(text) > MAX_LINES) {
      throw new ApiRefusal(
          400, "lines must be a whole number from 0 to " + MAX_LINES + ", not '" + text + "'");
    }
    return Integer.parseInt(text);
  }

  /** {@code ?follow=true}; absent, empty or {@code false} is false. */
  static boolean follow(String text) {
    if (text == null || text.isEmpty() || text.equals("false")) {
      return false;
    }
    if (text.equals("true")) {
      return true;
    }
    throw new ApiRefusal(400, "follow must be true or false, not '" + text + "'");
  }

  /**
   * The body of {@code POST /admin/api/scale}: {@code {"count": 3}}. Its range is the supervisor's
   * to check (0 to 256), which names the value too.
   */
  static int scaleCount(String body) {
    JsonObject request;
    try {
      request = Json.createReader(new StringReader(body == null ? "" : body)).readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new ApiRefusal(400, "Send a JSON object such as {\"count\": 3}.");
    }
    JsonValue count = request.get("count");
    if (count instanceof JsonNumber number && number.isIntegral()) {
      try {
        return number.intValueExact();
      } catch (ArithmeticException e) {
        // falls through to the refusal below, which names the value
      }
    }
    throw new ApiRefusal(
        400,
        count == null
            ? "count is missing: send {\"count\": 3}"
            : "count must be a whole number of workers, not " + count);
  }

  private static boolean digits(String text) {
    return text.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
