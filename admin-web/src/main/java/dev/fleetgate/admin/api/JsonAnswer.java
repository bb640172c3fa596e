package dev.fleetgate.admin.api;

import jakarta.json.Json;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.core.Response;

/**
 * The API's answers (R5): a JSON document, or {@code {"ok": false, "message": "..."}} with the
 * status that says why; operations answer {@code {"ok": true, "message": "..."}}. Never cached.
 */
final class JsonAnswer {

  /** JSON is UTF-8 (RFC 8259); said explicitly so that no layer guesses otherwise. */
  static final String JSON = "application/json;charset=UTF-8";

  private JsonAnswer() {}

  static Response document(JsonStructure json) {
    return Response.ok(json.toString(), JSON).header("Cache-Control", "no-store").build();
  }

  static Response message(int status, String message) {
    return Response.status(status)
        .type(JSON)
        .header("Cache-Control", "no-store")
        .entity(messageBody(status < 400, message))
        .build();
  }

  /** The body of a message answer, also written by the servlet filter {@link ApiAccess}. */
  static String messageBody(boolean ok, String message) {
    return Json.createObjectBuilder().add("ok", ok).add("message", message).build().toString();
  }
}
