package org.lwm2m4j.transport.sms.smsc;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;
import org.lwm2m4j.transport.sms.SmsAddress;

/**
 * The SMSC's side of {@code submit_sm}: answers it at once with a new message id and routes the SMS
 * only once that answer is on its way, so an ESME never sees a {@code deliver_sm} of its own SMS
 * before the id. The other operations are answered with an error: the simulator does not do them.
 * Runs on jSMPP's threads; thread-safe.
 */
final class SubmitReceiver implements ServerMessageReceiverListener, ServerResponseDeliveryListener {
  private final EsmeDirectory directory;
  private final SmsRouter router;
  private final SmscLog log;
  private final Clock clock;
  private final AtomicLong nextId = new AtomicLong(1);
  /** Answered or being answered, not yet routed; by message id. */
  private final Map<String, SmsRouter.Plan> answering = new ConcurrentHashMap<>();

  SubmitReceiver(EsmeDirectory directory, SmsRouter router, SmscLog log, Clock clock) {
    this.directory = directory;
    this.router = router;
    this.log = log;
    this.clock = clock;
  }

  @Override
  public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession source) throws ProcessRequestException {
    String messageId = Long.toString(nextId.getAndIncrement());
    Optional<String> from = Smsc.msisdn(submit.getSourceAddr());
    from.ifPresent(msisdn -> learn(source, msisdn));
    String sender = from.or(() -> directory.msisdn(source)).orElse(nonNull(submit.getSourceAddr()));
    byte[] userData = submit.getShortMessage() == null ? new byte[0] : submit.getShortMessage();
    Optional<String> to = Smsc.msisdn(submit.getDestAddress());
    ShortMessage sms = ShortMessage.submitted(messageId, sender, to.orElse(nonNull(submit.getDestAddress())), userData,
        submit.getDataCoding(), submit.getEsmClass(), submit.getRegisteredDelivery(), clock.instant());
    if (to.isEmpty()) {
      log.add(sms.record(clock.instant(), SmsRecord.Fate.UNKNOWN_DESTINATION));
      throw new ProcessRequestException("destination_addr '" + submit.getDestAddress() + "' is not an MSISDN",
          SMPPConstant.STAT_ESME_RINVDSTADR);
    }
    answering.put(messageId, router.plan(sms));
    try {
      return new SubmitSmResult(new MessageId(messageId), new OptionalParameter[0]);
    } catch (PDUStringException e) {
      answering.remove(messageId);
      throw new ProcessRequestException("message id " + messageId + ": " + e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR);
    }
  }

  private void learn(SMPPServerSession source, String msisdn) {
    if (directory.learn(source, msisdn) && source.getSessionState().isReceivable()) {
      router.bound(msisdn);
    }
  }

  @Override
  public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
    routeAnswered(result);
  }

  @Override
  public void onSubmitSmRespError(SubmitSmResult result, Exception cause, SMPPServerSession source) {
    // accepted all the same: like a real SMSC, the SMS goes on though its sender never heard the id
    routeAnswered(result);
  }

  private void routeAnswered(SubmitSmResult result) {
    SmsRouter.Plan plan = answering.remove(result.getMessageId());
    if (plan != null) {
      router.route(plan);
    }
  }

  @Override
  public void onSubmitMultiRespSent(SubmitMultiResult result, SMPPServerSession source) {
    // submit_multi is refused
  }

  @Override
  public void onSubmitMultiRespError(SubmitMultiResult result, Exception cause, SMPPServerSession source) {
    // submit_multi is refused
  }

  @Override
  public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source) throws ProcessRequestException {
    throw unsupported("submit_multi");
  }

  @Override
  public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
    throw unsupported("query_sm");
  }

  @Override
  public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
    throw unsupported("replace_sm");
  }

  @Override
  public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
    throw unsupported("cancel_sm");
  }

  @Override
  public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source) throws ProcessRequestException {
    throw unsupported("broadcast_sm");
  }

  @Override
  public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
    throw unsupported("cancel_broadcast_sm");
  }

  @Override
  public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source)
      throws ProcessRequestException {
    throw unsupported("query_broadcast_sm");
  }

  @Override
  public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
    throw unsupported("data_sm");
  }

  private static ProcessRequestException unsupported(String operation) {
    return new ProcessRequestException("the SMSC simulator does not do " + operation + "; use submit_sm", SMPPConstant.STAT_ESME_RINVCMDID);
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }
}
