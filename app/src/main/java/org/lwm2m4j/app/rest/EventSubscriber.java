package org.lwm2m4j.app.rest;

import io.javalin.http.sse.SseClient;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected event-stream client. Events are queued and written by the subscriber's own thread
 * (started when there is something to write, gone when idle), so a slow or stalled HTTP client
 * never holds up the server's event threads or other subscribers; one that falls {@value #BACKLOG}
 * events behind is disconnected. Closing is idempotent.
 */
public final class EventSubscriber implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventSubscriber.class);
  private static final int BACKLOG = 4096;

  private final SseClient client;
  private final ThreadPoolExecutor writer;
  private final AtomicBoolean closed = new AtomicBoolean();

  public EventSubscriber(SseClient client) {
    this.client = client;
    this.writer = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new ArrayBlockingQueue<>(BACKLOG), runnable -> {
      Thread thread = new Thread(runnable, "lwm2m-rest-events");
      thread.setDaemon(true);
      return thread;
    });
    writer.allowCoreThreadTimeOut(true);
  }

  /** Queues one event; {@code data} is a single line of JSON. */
  public void send(String event, String data) {
    write(() -> client.sendEvent(event, data));
  }

  /** Queues an SSE comment line ({@code : text}), which clients ignore; keeps idle connections open. */
  public void comment(String text) {
    write(() -> client.sendComment(text));
  }

  private void write(Runnable write) {
    if (closed.get()) {
      return;
    }
    try {
      writer.execute(() -> {
        if (!client.terminated()) {
          write.run();
        }
      });
    } catch (RejectedExecutionException e) {
      if (!closed.get()) {
        LOG.info("event stream client {} is {} events behind; disconnecting it", client.ctx().ip(), BACKLOG);
        close();
      }
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      writer.shutdownNow();
      if (!client.terminated()) {
        client.close();
      }
    }
  }

  /**
   * Makes {@code path} answer 406 with the curl line to use when a request does not accept
   * exactly {@code text/event-stream}: Javalin streams only to those and would answer others with
   * an empty 200, which looks like a dead stream. Checked once the router matched the stream, after
   * an {@link ApiToken} added before it: a caller without the token learns nothing from a 406.
   */
  public static void requireEventStreamAccept(io.javalin.Javalin app, String path) {
    app.beforeMatched(path, ctx -> {
      if (!"text/event-stream".equals(ctx.header("Accept"))) {
        ctx.status(406).contentType("application/json")
            .result("{\"error\":\"the event stream needs the header Accept: text/event-stream "
                + "(curl -N -H 'Accept: text/event-stream' URL)\"}");
        ctx.skipRemainingHandlers();
      }
    });
  }
}
