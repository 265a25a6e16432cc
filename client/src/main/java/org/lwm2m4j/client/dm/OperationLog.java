package org.lwm2m4j.client.dm;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.sms.SmsAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per DM operation the client answers, on the logger {@value #LOGGER}: which server
 * asked, from where, the operation, its path (a composite's targets), the answer and the
 * milliseconds it took, e.g. {@code server 1 at 127.0.0.1:5683 READ /3/0 -> 2.05 Content 0 ms}.
 * Errors are logged with the code {@link FailureToResponse} turns them into, and passed on as they
 * are. Costs nothing when the logger is off.
 */
final class OperationLog implements Filter<DmRequest, DmRequest> {
  /** The logger name, to turn these lines on or off on their own. */
  static final String LOGGER = "org.lwm2m4j.client.operations";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  @Override
  public CompletableFuture<CoapResponse> filter(DmRequest request, Service<DmRequest> next) {
    if (!LOG.isInfoEnabled()) {
      return next.handle(request);
    }
    // how long answering took on this machine: wall-clock time, not the scheduler's
    long start = System.nanoTime();
    CompletableFuture<CoapResponse> answer;
    try {
      answer = next.handle(request);
    } catch (RuntimeException e) {
      log(request, null, e, start);
      throw e;
    }
    return answer.whenComplete((response, failure) -> log(request, response, failure, start));
  }

  private static void log(DmRequest request, CoapResponse response, Throwable failure, long start) {
    ResponseCode code = failure == null ? response.code() : codeOf(failure);
    InetSocketAddress peer = request.coap().peer();
    String where = SmsAddress.isSms(peer) ? SmsAddress.describe(peer) : peer.getHostString() + ":" + peer.getPort();
    LOG.info("server {} at {} {} {} -> {} {} {} ms", request.ssid(), where,
        request.operation().name().replace('_', '-'), target(request), code, code.phrase(), (System.nanoTime() - start) / 1_000_000);
  }

  private static String target(DmRequest request) {
    Collection<LwM2mPath> paths = !request.targets().isEmpty() ? request.targets() : request.values().keySet();
    return paths.isEmpty() ? request.path().toString() : paths.stream().map(LwM2mPath::toString).collect(Collectors.joining(","));
  }

  /** The code {@link FailureToResponse} answers {@code failure} with. */
  private static ResponseCode codeOf(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof LwM2mException lwm2m ? lwm2m.code() : ResponseCode.INTERNAL_SERVER_ERROR;
  }
}
