package dev.fleetgate.sample;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.PrintStream;

/**
 * R15: one line per request after it is handled, {@code GET /path 200 12ms}. Installed only when
 * {@code SAMPLE_WORKER_ACCESS_LOG=true}, so benchmarks pay nothing for it.
 */
final class AccessLog extends Filter {

  private final PrintStream out;

  AccessLog(PrintStream out) {
    this.out = out;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    long start = System.nanoTime();
    try {
      chain.doFilter(exchange);
    } finally {
      long millis = (System.nanoTime() - start) / 1_000_000;
      out.println(
          exchange.getRequestMethod()
              + ' '
              + exchange.getRequestURI().getRawPath()
              + ' '
              + exchange.getResponseCode()
              + ' '
              + millis
              + "ms");
    }
  }

  @Override
  public String description() {
    return "prints one line per request";
  }
}
