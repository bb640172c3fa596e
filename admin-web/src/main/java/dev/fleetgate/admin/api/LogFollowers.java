package dev.fleetgate.admin.api;

import dev.fleetgate.supervisor.boundary.OperationFailedException;
import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.entity.LogEntry;
import dev.fleetgate.supervisor.entity.WorkerName;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open {@code ?follow=true} log streams (R4): each is read every {@value #POLL_MILLIS} ms on
 * the container's scheduled executor and sent its new lines as server-sent events; no thread waits
 * for a line. A stream ends when its client goes (a send fails; a comment every {@value
 * #KEEP_ALIVE_MILLIS} ms of silence finds out), when its worker is gone ({@code gone} event), or
 * when the application stops.
 */
@ApplicationScoped
public class LogFollowers {

  private static final Logger LOG = Logger.getLogger(LogFollowers.class.getName());

  static final long POLL_MILLIS = 250;
  static final long KEEP_ALIVE_MILLIS = 15_000;

  @Resource ManagedScheduledExecutorService scheduler;
  @EJB Supervisor supervisor;

  private final Set<Follower> followers = ConcurrentHashMap.newKeySet();

  /**
   * Sends {@code first}, then each line a worker of {@code scope} writes.
   *
   * @param cursor where {@code first} left the reader
   */
  void follow(
      LogCursor cursor, LogScope scope, List<LogCursor.Line> first, SseEventSink sink, Sse sse) {
    Follower follower = new Follower(cursor, scope, first, sink, sse);
    followers.add(follower);
    follower.polling =
        scheduler.scheduleWithFixedDelay(follower::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Reads the supervisor as {@link LogCursor} needs: an unknown worker, or app, is {@code
   * NoSuchElementException}.
   */
  static List<LogEntry> read(Supervisor supervisor, WorkerName worker, long number) {
    try {
      return supervisor.logAfter(worker.app(), worker.id(), number);
    } catch (EJBException e) {
      if (e.getCause() instanceof NoSuchElementException gone) {
        throw gone;
      }
      throw e;
    } catch (OperationFailedException e) {
      if (e.kind() == OperationFailedException.Kind.NO_SUCH_WORKER) {
        throw new NoSuchElementException(e.getMessage());
      }
      throw e;
    }
  }

  @PreDestroy
  void endAll() {
    followers.forEach(Follower::end);
  }

  /** One open stream; {@link #poll} runs on one scheduler thread at a time. */
  private final class Follower {
    private final LogCursor cursor;
    private final LogScope scope;
    private final SseEventSink sink;
    private final Sse sse;
    private List<LogCursor.Line> pending;
    private long lastSent = System.nanoTime();
    volatile ScheduledFuture<?> polling;

    Follower(
        LogCursor cursor, LogScope scope, List<LogCursor.Line> first, SseEventSink sink, Sse sse) {
      this.cursor = cursor;
      this.scope = scope;
      this.pending = first;
      this.sink = sink;
      this.sse = sse;
    }

    void poll() {
      try {
        if (sink.isClosed()) {
          end();
          return;
        }
        List<LogCursor.Line> lines = pending != null ? pending : newLines();
        pending = null;
        if (lines == null) {
          send(
              sse.newEventBuilder()
                  .name("gone")
                  .data(LogJson.gone(scope.single().orElseThrow()).toString())
                  .build());
          end();
          return;
        }
        for (LogCursor.Line line : lines) {
          send(
              sse.newEventBuilder()
                  .name("line")
                  .id(Long.toString(line.entry().number()))
                  .data(LogJson.line(line).toString())
                  .build());
        }
        if (lines.isEmpty()
            && System.nanoTime() - lastSent > TimeUnit.MILLISECONDS.toNanos(KEEP_ALIVE_MILLIS)) {
          send(sse.newEventBuilder().comment("keep-alive").build());
        }
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Log stream ended", e);
        end();
      }
    }

    /** The new lines, or null when the followed worker is gone. */
    private List<LogCursor.Line> newLines() {
      List<WorkerName> workers = scope.workers(supervisor);
      LogCursor.Reader reader = (worker, number) -> read(supervisor, worker, number);
      if (scope.single().isEmpty()) {
        return cursor.next(workers, reader);
      }
      if (workers.isEmpty()) {
        return null; // asked first: an unknown id would be an EJB system exception, and logged
      }
      try {
        return cursor.next(scope.single().get(), reader);
      } catch (NoSuchElementException gone) {
        return null;
      }
    }

    private void send(OutboundSseEvent event) {
      lastSent = System.nanoTime();
      sink.send(event)
          .whenComplete(
              (ignored, failure) -> {
                if (failure != null) {
                  end();
                }
              });
    }

    void end() {
      followers.remove(this);
      ScheduledFuture<?> task = polling;
      if (task != null) {
        task.cancel(false);
      }
      try {
        sink.close();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Closing a log stream", e);
      }
    }
  }
}
