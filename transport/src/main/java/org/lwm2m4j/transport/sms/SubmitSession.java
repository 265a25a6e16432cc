package org.lwm2m4j.transport.sms;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUStringException;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.SubmitSmResp;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.PendingResponse;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.jsmpp.util.DefaultComposer;

/**
 * jSMPP's client session with a {@code submit_sm} that does not wait: jSMPP's own {@code
 * submitShortMessage} blocks the calling thread until the {@code submit_sm_resp}, which would hold a
 * scheduler thread per SMS in flight. Here the PDU is written at once and the response, which
 * jSMPP's reader thread looks up by sequence number, completes a future instead.
 *
 * <p>Addresses go out as TON international, NPI ISDN: the SMSC routes on the digits. The user data
 * is 8-bit ({@code data_coding} 0x04), with esm_class UDHI (0x40) when it starts with a header.
 */
final class SubmitSession extends SMPPSession implements SubmitWindow.Submitter {
  /** SMPP 3.4 esm_class bit: the user data starts with a user data header. */
  static final byte ESM_CLASS_UDHI = 0x40;
  /** SMPP 3.4 data_coding: 8-bit binary. */
  static final byte DATA_CODING_8BIT = 0x04;

  private final Map<Integer, CompletableFuture<String>> submits = new ConcurrentHashMap<>();

  /**
   * A session whose TCP connect gives up after {@code connectTimeout} (jSMPP's own waits as long as
   * the OS) and that reads PDUs with a bounded length ({@link BoundedPduReader}).
   */
  SubmitSession(Duration connectTimeout) {
    super(new SynchronizedPDUSender(new DefaultPDUSender(new DefaultComposer())), new BoundedPduReader(), (host, port) -> {
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        return new SocketConnection(socket);
      } catch (IOException e) {
        socket.close();
        throw e;
      }
    });
  }

  /**
   * Writes one {@code submit_sm} from {@code source} to {@code destination}.
   *
   * @return completes with the SMSC's message id on {@code submit_sm_resp} with status 0, fails with an
   *     {@link IOException} on another status, a {@code generic_nack} or when the session closes; the
   *     caller bounds the wait
   */
  @Override
  public CompletableFuture<String> submit(String source, String destination, SmsPart part, boolean receipt) {
    CompletableFuture<String> answered = new CompletableFuture<>();
    int sequence;
    try {
      ensureTransmittable("submit_sm");
      sequence = sequence().nextValue();
      submits.put(sequence, answered);
      pduSender().sendSubmitSm(connection().getOutputStream(), sequence, "", TypeOfNumber.INTERNATIONAL,
          NumberingPlanIndicator.ISDN, source, TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination,
          new ESMClass(part.udhi() ? ESM_CLASS_UDHI : 0), (byte) 0, (byte) 1, null, null,
          new RegisteredDelivery(receipt ? SMSCDeliveryReceipt.SUCCESS_FAILURE : SMSCDeliveryReceipt.DEFAULT),
          (byte) 0, DataCodings.newInstance(DATA_CODING_8BIT), (byte) 0, part.userData());
    } catch (IOException | PDUStringException | RuntimeException e) {
      answered.completeExceptionally(e instanceof IOException ? e : new IOException("cannot submit an SMS to "
          + destination + ": " + e.getMessage(), e));
      return answered;
    }
    int sent = sequence;
    answered.whenComplete((id, failure) -> submits.remove(sent, answered));
    return answered;
  }

  /** How many {@code submit_sm} await their response. */
  int inFlight() {
    return submits.size();
  }

  /** Fails every {@code submit_sm} still waiting: the session is gone, so their responses will never come. */
  void failInFlight(String why) {
    for (CompletableFuture<String> waiting : List.copyOf(submits.values())) {
      waiting.completeExceptionally(new IOException(why));
    }
  }

  @Override
  protected PendingResponse<Command> removePendingResponse(int sequenceNumber) {
    CompletableFuture<String> answered = submits.remove(sequenceNumber);
    if (answered == null) {
      return super.removePendingResponse(sequenceNumber);
    }
    return new Answer(answered);
  }

  /** Turns jSMPP's notice of a response into the completion of a future. */
  private static final class Answer extends PendingResponse<Command> {
    private final CompletableFuture<String> answered;

    Answer(CompletableFuture<String> answered) {
      super(0);
      this.answered = answered;
    }

    @Override
    public void done(Command response) {
      if (response.getCommandStatus() == 0) {
        String id = response instanceof SubmitSmResp resp ? resp.getMessageId() : "";
        answered.complete(id == null ? "" : id);
      } else {
        answered.completeExceptionally(new IOException("the SMSC refused an SMS with command_status "
            + response.getCommandStatusAsHex()));
      }
    }

    @Override
    public void doneWithInvalidResponse(InvalidResponseException e) {
      answered.completeExceptionally(new IOException("the SMSC answered an SMS with " + e.getMessage(), e));
    }
  }
}
