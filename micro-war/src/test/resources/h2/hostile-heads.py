"""Hostile HTTP/2 requests for TlsIT, written frame by frame with the h2 library (its own checks
turned off, so the heads go out as an attacker writes them). Usage: hostile-heads.py PORT NAME...
Prints one JSON object per request: its name, the :status answered (null if none), whether the
stream or connection was reset, and the answer's body."""
import json
import socket
import ssl
import sys
import time

import h2.config
import h2.connection
import h2.events

PORT = int(sys.argv[1])
AUTHORITY = b"127.0.0.1:%d" % PORT
SMUGGLED = b"GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"


def head(path=b"/headers", method=b"GET", extra=()):
    return [(b":method", method), (b":scheme", b"https"), (b":authority", AUTHORITY),
            (b":path", path)] + list(extra)


CASES = {
    # written into the worker's connection as is, these would start a second request or header
    "space-in-path": (head(path=b"/headers HTTP/1.1\r\nx-injected: 1\r\n\r\nGET /x"), None),
    "space-only-in-path": (head(path=b"/headers x"), None),
    "cr-in-path": (head(path=b"/headers\rx-injected: 1"), None),
    # what the front door refuses in HTTP/1.1 text: routed by prefix, resolved elsewhere
    "dot-segment-in-path": (head(path=b"/app/../headers"), None),
    "encoded-slash-in-path": (head(path=b"/app/..%2fheaders"), None),
    "space-in-method": (head(method=b"GET /x HTTP/1.1\r\nx-injected: 1\r\n\r\nGET"), None),
    "colon-in-name": (head(extra=[(b"x-injected:1\r\nx-a", b"1")]), None),
    "name-with-colon": (head(extra=[(b"x-a:b", b"1")]), None),
    "name-with-space": (head(extra=[(b"x-a b", b"1")]), None),
    "crlf-in-value": (head(extra=[(b"x-a", b"1\r\nx-injected: 1")]), None),
    "nul-in-value": (head(extra=[(b"x-a", b"1\x00x")]), None),
    "space-in-authority": ([(b":method", b"GET"), (b":scheme", b"https"), (b":authority", b"a b"),
                            (b":path", b"/headers")], None),
    # body framing: the proxy frames the worker's body itself, and must never trust a wrong length
    "body-longer-than-content-length": (
        head(path=b"/echo", method=b"POST", extra=[(b"content-length", b"5")]), b"abcde" + SMUGGLED),
    "body-shorter-than-content-length": (
        head(path=b"/echo", method=b"POST", extra=[(b"content-length", b"50")]), b"abcde"),
    "two-content-lengths": (
        head(path=b"/echo", method=b"POST",
             extra=[(b"content-length", b"5"), (b"content-length", b"6")]), b"abcdef"),
    "transfer-encoding-and-content-length": (
        head(path=b"/echo", method=b"POST",
             extra=[(b"transfer-encoding", b"chunked"), (b"content-length", b"5")]), b"abcde"),
    "connection-specific-header": (head(extra=[(b"connection", b"close, x-secret")]), None),
    # a well-formed request, to show the connection and the worker still serve
    "well-formed": (head(), None),
}


def send(name):
    headers, body = CASES[name]
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.set_alpn_protocols(["h2"])
    sock = context.wrap_socket(socket.create_connection(("127.0.0.1", PORT), timeout=5),
                               server_hostname="localhost")
    if sock.selected_alpn_protocol() != "h2":
        raise SystemExit("ALPN did not choose h2: %s" % sock.selected_alpn_protocol())
    config = h2.config.H2Configuration(
        client_side=True, header_encoding=None, validate_outbound_headers=False,
        normalize_outbound_headers=False, validate_inbound_headers=False)
    conn = h2.connection.H2Connection(config=config)
    conn.initiate_connection()
    stream = conn.get_next_available_stream_id()
    conn.send_headers(stream, headers, end_stream=body is None)
    if body is not None:
        conn.send_data(stream, body, end_stream=True)
    sock.sendall(conn.data_to_send())
    status, data, reset, ended = None, b"", False, False
    deadline = time.time() + 10
    while not ended and not reset and time.time() < deadline:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            break
        if not chunk:
            reset = True
            break
        for event in conn.receive_data(chunk):
            if isinstance(event, h2.events.ResponseReceived):
                status = int(dict(event.headers)[b":status"])
            elif isinstance(event, h2.events.DataReceived):
                data += event.data
                conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
            elif isinstance(event, h2.events.StreamEnded):
                ended = True
            elif isinstance(event, (h2.events.StreamReset, h2.events.ConnectionTerminated)):
                reset = True
        sock.sendall(conn.data_to_send())
    sock.close()
    return {"case": name, "status": status, "reset": reset,
            "body": data.decode("latin-1")}


for case in sys.argv[2:]:
    print(json.dumps(send(case)), flush=True)
