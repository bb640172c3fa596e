package dev.fleetgate.frontdoor;

import java.nio.charset.StandardCharsets;

/**
 * Why the front door will not pass a request on: the status it answers and a short text. The answer
 * is complete in itself ({@code Connection: close}, a length, plain text) because the container
 * never sees the request it answers.
 */
record Refusal(int status, String reason) {
  static final Refusal HEAD_TOO_LARGE =
      new Refusal(431, "request header fields too large: the request head is over its limit");
  static final Refusal HEAD_TIMEOUT =
      new Refusal(408, "request timeout: the request head did not arrive in time");

  static Refusal badRequest(String why) {
    return new Refusal(400, "bad request: " + why);
  }

  /** The whole HTTP/1.1 answer, closing the connection. Names no server, class or version. */
  byte[] response() {
    String body = reason + "\n";
    String head =
        "HTTP/1.1 "
            + status
            + ' '
            + statusText()
            + "\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length
            + "\r\nConnection: close\r\n\r\n";
    return (head + body).getBytes(StandardCharsets.UTF_8);
  }

  private String statusText() {
    return switch (status) {
      case 400 -> "Bad Request";
      case 408 -> "Request Timeout";
      case 413 -> "Content Too Large";
      case 431 -> "Request Header Fields Too Large";
      case 501 -> "Not Implemented";
      case 505 -> "HTTP Version Not Supported";
      default -> "Error";
    };
  }
}
