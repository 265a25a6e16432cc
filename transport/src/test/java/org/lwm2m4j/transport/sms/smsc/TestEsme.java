package org.lwm2m4j.transport.sms.smsc;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import java.time.Duration;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;

/** An ESME for the tests: a jSMPP {@link SMPPSession} bound to an {@link Smsc} on 127.0.0.1, keeping every deliver_sm it gets. */
final class TestEsme implements AutoCloseable {
  static final byte DATA_CODING_8_BIT = 0x04;
  static final byte NO_UDH = 0;
  static final byte UDHI = 0x40;

  private final SMPPSession session = new SMPPSession();
  private final String msisdn;
  private final List<DeliverSm> received = new CopyOnWriteArrayList<>();
  private final List<Long> arrivals = new CopyOnWriteArrayList<>();
  private volatile boolean refusing;

  private TestEsme(String msisdn) {
    this.msisdn = msisdn;
    session.setMessageReceiverListener(new MessageReceiverListener() {
      @Override
      public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
        if (refusing) {
          throw new ProcessRequestException("refused by the test", 0x08);
        }
        arrivals.add(System.nanoTime());
        received.add(deliverSm);
      }

      @Override
      public void onAcceptAlertNotification(AlertNotification alertNotification) {}

      @Override
      public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("no data_sm in these tests", 0x03);
      }
    });
  }

  /** A transceiver bound for {@code msisdn}. */
  static TestEsme transceiver(Smsc smsc, String msisdn) throws IOException {
    return bind(smsc, BindType.BIND_TRX, msisdn, "esme", "secret", msisdn);
  }

  /** An ESME bound as {@code type} with {@code addressRange}, sending {@code msisdn} as its source address. */
  static TestEsme bind(Smsc smsc, BindType type, String msisdn, String systemId, String password, String addressRange)
      throws IOException {
    TestEsme esme = new TestEsme(msisdn);
    esme.session.connectAndBind("127.0.0.1", smsc.port(), new BindParameter(type, systemId, password, "", TypeOfNumber.INTERNATIONAL,
        NumberingPlanIndicator.ISDN, addressRange));
    return esme;
  }

  /** Submits 8-bit {@code userData} to {@code to}: the message id the SMSC answered with. */
  String submit(String to, byte[] userData) throws Exception {
    return submit(to, userData, NO_UDH, 0);
  }

  /** Submits {@code userData} with {@code esmClass} and {@code registered_delivery}: the message id. */
  String submit(String to, byte[] userData, byte esmClass, int registeredDelivery) throws Exception {
    return session.submitShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, msisdn, TypeOfNumber.INTERNATIONAL,
        NumberingPlanIndicator.ISDN, to, new ESMClass(esmClass), (byte) 0, (byte) 0, null, null, new RegisteredDelivery(registeredDelivery),
        (byte) 0, new RawDataCoding(DATA_CODING_8_BIT), (byte) 0, userData).getMessageId();
  }

  /** Every deliver_sm so far. */
  List<DeliverSm> received() {
    return List.copyOf(received);
  }

  /** Waits (at most 10 s) until {@code count} deliver_sm have come; returns them all. */
  List<DeliverSm> awaitReceived(int count) {
    Awaitility.await(msisdn + " receiving " + count + " SMS").atMost(Duration.ofSeconds(10)).until(() -> received.size() >= count);
    return received();
  }

  /** {@link System#nanoTime()} when each deliver_sm came. */
  List<Long> arrivals() {
    return List.copyOf(arrivals);
  }

  /** From now on, answers every deliver_sm with ESME_RSYSERR. */
  void refuseDeliveries() {
    refusing = true;
  }

  /** Drops the connection without unbinding, as a crashed ESME would. */
  void drop() {
    session.close();
  }

  boolean isBound() {
    return session.getSessionState().isBound();
  }

  @Override
  public void close() {
    if (session.getSessionState().isBound()) {
      session.unbindAndClose();
    } else {
      session.close();
    }
  }
}
