package dev.fleetgate.proxy.accesslog;

/** How an {@link AccessLog.Entry} becomes one line: the text template or JSON (R1, R2). */
interface LineFormat {
  String line(AccessLog.Entry entry);
}
