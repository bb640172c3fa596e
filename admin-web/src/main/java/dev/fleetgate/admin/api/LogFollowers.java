package dev.fleetgate.admin.api;

import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.entity.LogEntry;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
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
import java.util.OptionalInt;
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
   * Sends {@code first}, then each line the worker (or, without one, any worker) writes.
   *
   * @param cursor where {@code first} left the reader
   */
  void follow(
      LogCursor cursor, OptionalInt workerId, List<LogEntry> first, SseEventSink sink, Sse sse) {
    Follower follower = new Follower(cursor, workerId, first, sink, sse);
    followers.add(follower);
    follower.polling =
        scheduler.scheduleWithFixedDelay(follower::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** The ids of the workers there are now. */
  static List<Integer> workerIds(Supervisor supervisor) {
    return supervisor.snapshot().workers().stream().map(WorkerSnapshot::id).toList();
  }

  /**
   * Reads the supervisor as {@link LogCursor} needs: an unknown worker is {@code
   * NoSuchElementException}.
   */
  static List<LogEntry> read(Supervisor supervisor, int workerId, long number) {
    try {
      return supervisor.logAfter(workerId, number);
    } catch (EJBException e) {
      if (e.getCause() instanceof NoSuchElementException gone) {
        throw gone;
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
    private final OptionalInt workerId;
    private final SseEventSink sink;
    private final Sse sse;
    private List<LogEntry> pending;
    private long lastSent = System.nanoTime();
    volatile ScheduledFuture<?> polling;

    Follower(
        LogCursor cursor, OptionalInt workerId, List<LogEntry> first, SseEventSink sink, Sse sse) {
      this.cursor = cursor;
      this.workerId = workerId;
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
        List<LogEntry> lines = pending != null ? pending : newLines();
        pending = null;
        if (lines == null) {
          send(
              sse.newEventBuilder()
                  .name("gone")
                  .data(LogJson.gone(workerId.getAsInt()).toString())
                  .build());
          end();
          return;
        }
        for (LogEntry line : lines) {
          send(
              sse.newEventBuilder()
                  .name("line")
                  .id(Long.toString(line.number()))
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
    private List<LogEntry> newLines() {
      List<Integer> ids = workerIds(supervisor);
      if (workerId.isEmpty()) {
        return cursor.next(ids, (id, number) -> read(supervisor, id, number));
      }
      if (!ids.contains(workerId.getAsInt())) {
        return null; // asked first: an unknown id would be an EJB system exception, and logged
      }
      try {
        return cursor.next(workerId.getAsInt(), (id, number) -> read(supervisor, id, number));
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
