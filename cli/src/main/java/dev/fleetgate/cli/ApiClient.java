package dev.fleetgate.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The server's API under {@code /admin/api}, over the JDK's HTTP client. What every command has in
 * common is here: the token, the timeouts, and the failures that end any command the same way — an
 * unreachable server ({@link Exit#UNREACHABLE}), a refused token or an API that is off ({@link
 * Exit#UNAUTHORIZED}).
 */
final class ApiClient {

  /** What the server answered: its status and body. */
  record Answer(int status, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The {@code message} of the API's {@code {"ok": …, "message": …}}, else the status. */
    String message() {
      try {
        if (Json.object(body).get("message") instanceof String message) {
          return message;
        }
      } catch (IllegalArgumentException notJson) {
        // not the API's answer: say the status
      }
      return "HTTP " + status + " (is this Fleetgate's address?)";
    }
  }

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Reading status or logs; operations have none: the server bounds each by its own timeouts. */
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final URI server;
  private final Optional<String> token;

  ApiClient(URI server, Optional<String> token) {
    this.server = server;
    this.token = token;
    // Redirects are never followed: the token must not travel to another address. HTTP/1.1: the
    // JDK's default (HTTP/2) asks an http:// server to upgrade to h2c, and Payara's Grizzly then
    // withholds a POST's body from the server (DEVELOPERS.md, "Traps").
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  Answer get(String path) throws CliFailure {
    return checked(send(request(path).timeout(READ_TIMEOUT).GET().build()));
  }

  Answer post(String path, String json) throws CliFailure {
    return checked(
        send(
            request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build()));
  }

  /**
   * The lines of a server-sent event stream, as they arrive. The caller closes the stream.
   *
   * @throws CliFailure for any answer but 200 (with its message)
   */
  Stream<String> events(String path) throws CliFailure {
    HttpResponse<Stream<String>> response;
    try {
      response =
          http.send(
              request(path).header("Accept", "text/event-stream").GET().build(),
              HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(Exit.UNREACHABLE, "interrupted");
    }
    if (response.statusCode() == 200) {
      return response.body();
    }
    String body;
    try (Stream<String> lines = response.body()) {
      body = String.join("\n", lines.toList());
    }
    Answer answer = checked(new Answer(response.statusCode(), body));
    throw new CliFailure(Exit.FAILED, answer.message());
  }

  URI server() {
    return server;
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server + "/admin/api/" + path))
            .header("Accept", "application/json");
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return request;
  }

  private Answer send(HttpRequest request) throws CliFailure {
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(Exit.UNREACHABLE, "interrupted");
    }
  }

  /** Ends the command for an answer that no command can use: 401, 403. */
  private Answer checked(Answer answer) throws CliFailure {
    if (answer.status() == 401) {
      throw new CliFailure(
          Exit.UNAUTHORIZED,
          token.isEmpty()
              ? "no API token: set FLEETGATE_API_TOKEN, pass --token, or set "
                  + Invocation.TOKEN_KEY
                  + " in conf/fleetgate.properties"
              : "unauthorized: " + answer.message());
    }
    if (answer.status() == 403) {
      throw new CliFailure(Exit.UNAUTHORIZED, "forbidden: " + answer.message());
    }
    return answer;
  }

  CliFailure unreachable(IOException e) {
    String why =
        e instanceof java.net.ConnectException && e.getMessage() == null
            ? "connection refused"
            : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new CliFailure(
        Exit.UNREACHABLE,
        "cannot reach Fleetgate at "
            + server
            + " ("
            + why
            + "); is it running? (set FLEETGATE_URL or --url)");
  }

  /** The JSON body of {@code POST scale}. */
  static String scaleBody(int count) {
    return "{\"count\":" + count + "}";
  }

  /** Query parameters, none of which needs escaping (numbers and true). */
  static String query(Map<String, String> parameters) {
    StringBuilder query = new StringBuilder();
    parameters.forEach(
        (name, value) ->
            query.append(query.length() == 0 ? '?' : '&').append(name).append('=').append(value));
    return query.toString();
  }
}
