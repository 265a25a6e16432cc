package org.lwm2m4j.app.smsc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
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
import org.junit.jupiter.api.Test;
import org.lwm2m4j.app.Main;

/** {@code lwm2m smsc} running in this JVM: it says where it listens, routes SMS between two ESMEs, and stops when interrupted. */
class SmscCommandTest {
  private static final Pattern LISTENING = Pattern.compile("SMSC listening on 127\\.0\\.0\\.1:(\\d+) \\(SMPP 3\\.4\\)");

  @Test
  void listensRoutesAndStopsWhenInterrupted() throws Exception {
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> status = new CompletableFuture<>();
    Thread command = new Thread(() -> status.complete(Main.run(new String[] {"smsc", "--port", "0", "--system-id", "lwm2m", "--password", "pw"},
        new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))), "lwm2m-smsc-command");
    command.setDaemon(true);
    command.start();
    Awaitility.await("the listening line").atMost(Duration.ofSeconds(20)).until(() -> LISTENING.matcher(err.toString()).find());
    Matcher line = LISTENING.matcher(err.toString());
    assertThat(line.find()).isTrue();
    int port = Integer.parseInt(line.group(1));
    List<DeliverSm> atBob = new CopyOnWriteArrayList<>();
    SMPPSession alice = esme(port, "33611111111", new CopyOnWriteArrayList<>());
    SMPPSession bob = esme(port, "33622222222", atBob);
    try {
      alice.submitShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "33611111111", TypeOfNumber.INTERNATIONAL,
          NumberingPlanIndicator.ISDN, "33622222222", new ESMClass(), (byte) 0, (byte) 0, null, null, new RegisteredDelivery(0), (byte) 0,
          new RawDataCoding((byte) 0x04), (byte) 0, new byte[] {0x40, 0x01, 0x00, 0x01});

      Awaitility.await("bob's SMS").atMost(Duration.ofSeconds(10)).until(() -> !atBob.isEmpty());
      assertThat(atBob.get(0).getShortMessage()).containsExactly(0x40, 0x01, 0x00, 0x01);
    } finally {
      alice.unbindAndClose();
      bob.unbindAndClose();
    }

    command.interrupt();
    status.handle((code, failure) -> code).get(20, TimeUnit.SECONDS);
    command.join(Duration.ofSeconds(20).toMillis());
    assertThat(command.isAlive()).isFalse();
  }

  private static SMPPSession esme(int port, String msisdn, List<DeliverSm> received) throws Exception {
    SMPPSession session = new SMPPSession();
    session.setMessageReceiverListener(new MessageReceiverListener() {
      @Override
      public void onAcceptDeliverSm(DeliverSm deliverSm) {
        received.add(deliverSm);
      }

      @Override
      public void onAcceptAlertNotification(AlertNotification alertNotification) {}

      @Override
      public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("no data_sm here", 0x03);
      }
    });
    session.connectAndBind("127.0.0.1", port, new BindParameter(BindType.BIND_TRX, "lwm2m", "pw", "", TypeOfNumber.INTERNATIONAL,
        NumberingPlanIndicator.ISDN, msisdn));
    return session;
  }

  @Test
  void aPortInUseIsOneLineAndExitStatus1() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      StringWriter err = new StringWriter();

      int status = Main.run(new String[] {"smsc", "--port", Integer.toString(taken.getLocalPort())}, new PrintWriter(new StringWriter(), true),
          new PrintWriter(err, true));

      assertThat(status).isEqualTo(1);
      assertThat(err.toString().strip()).startsWith("lwm2m smsc: cannot listen on tcp 127.0.0.1:" + taken.getLocalPort() + ": ")
          .doesNotContain("\n");
    }
  }
}
