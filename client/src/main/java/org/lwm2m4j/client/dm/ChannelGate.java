package org.lwm2m4j.client.dm;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.core.codec.PrintableText;
import org.lwm2m4j.core.error.ForbiddenException;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.sms.SmsAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which requests the client's channels let in ({@link InboundChannels}). By SMS: a number that is
 * no server's SMS number ({@code /0/x/9}) is ignored — no answer, one DEBUG line (Transport, SMS
 * security: SMS from other numbers are ignored silently); a server reached over IP may only send
 * the SMS trigger, an Execute of {@code /1/x/8}, and anything else is refused with 4.03 and not
 * performed. Over IP: while a queue-mode client sleeps, requests go unanswered, as they would to a
 * device with its radio off.
 */
final class ChannelGate implements Filter<InboundRequest, InboundRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelGate.class);

  private final InboundChannels channels;

  ChannelGate(InboundChannels channels) {
    this.channels = channels;
  }

  @Override
  public CompletableFuture<CoapResponse> filter(InboundRequest request, Service<InboundRequest> next) {
    CoapRequest coap = request.coap();
    Optional<String> msisdn = SmsAddress.msisdn(coap.peer());
    if (msisdn.isEmpty()) {
      if (!channels.admitOverIp(coap.peer())) {
        LOG.debug("{} {} from {} unanswered: asleep (queue mode) until the next Update", coap.method(),
            PrintableText.escape(coap.pathText()), coap.peer());
        return unanswered();
      }
      return next.handle(request);
    }
    Optional<SmsScope> scope = channels.smsScope(msisdn.get());
    if (scope.isEmpty()) {
      LOG.debug("SMS from {} ignored: it is no server's SMS number (/0/x/9)", msisdn.get());
      return unanswered();
    }
    if (scope.get() == SmsScope.TRIGGER_ONLY && !isUpdateTrigger(request)) {
      throw new ForbiddenException("SMS is only for the Registration Update Trigger (Execute /1/x/8) here: send "
          + coap.method() + " " + PrintableText.escape(coap.pathText()) + " over UDP");
    }
    return next.handle(request);
  }

  /** An Execute of {@code /1/x/8}: POST to three segments {@code 1}, an instance, {@code 8}. */
  private static boolean isUpdateTrigger(InboundRequest request) {
    List<String> path = request.coap().path();
    return request.coap().method() == CoapMethod.POST && request.relation().isEmpty() && request.coap().observe().isEmpty()
        && path.size() == 3 && path.get(0).equals("1") && path.get(2).equals("8") && !path.get(1).isEmpty()
        && path.get(1).chars().allMatch(Character::isDigit);
  }

  /** No answer at all: the future never completes, and nothing but the caller holds it. */
  private static CompletableFuture<CoapResponse> unanswered() {
    return new CompletableFuture<>();
  }
}
