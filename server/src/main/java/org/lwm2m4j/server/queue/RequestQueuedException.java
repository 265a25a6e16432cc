package org.lwm2m4j.server.queue;

/**
 * Not a failure: the client sleeps (queue mode), so the request was queued and will be sent when
 * it wakes. {@link #request()} carries its id and eventual result. The REST API answers 202.
 */
public final class RequestQueuedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient QueuedRequest request;

  public RequestQueuedException(QueuedRequest request) {
    super(request.endpoint() + " sleeps (queue mode): " + request.operation() + " queued as " + request.id());
    this.request = request;
  }

  public QueuedRequest request() {
    return request;
  }
}
