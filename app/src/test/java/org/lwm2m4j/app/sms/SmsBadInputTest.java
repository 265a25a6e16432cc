package org.lwm2m4j.app.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lwm2m4j.app.sms.SmsDeployment.SERVER_NUMBER;
import static org.lwm2m4j.app.sms.SmsDeployment.WAIT;
import static org.lwm2m4j.app.sms.SmsDeployment.json;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.transport.sms.SmsDrop;
import org.lwm2m4j.transport.sms.smsc.SmsRecord;
import org.lwm2m4j.transport.sms.smsc.SmscSettings;

/**
 * Bad SMS at the server's number, sent by a raw ESME (jSMPP) from a number no client registered
 * with: user data that is not CoAP, a concatenation whose second part never comes, and a CoAP
 * response nobody asked for. None is answered, each is counted, and the registered SMS client is
 * still read as before.
 */
class SmsBadInputTest {
  private static final String DEVICE_NUMBER = "33612345670";
  private static final String STRANGER = "33699999999";
  private static final byte DATA_CODING_8_BIT = 0x04;
  private static final byte UDHI = 0x40;

  private final SMPPSession stranger = new SMPPSession();
  private final List<DeliverSm> receivedByStranger = new CopyOnWriteArrayList<>();
  private SmsDeployment deployment;

  @AfterEach
  void stop() {
    stranger.unbindAndClose();
    if (deployment != null) {
      deployment.close();
    }
  }

  private void bindStranger() throws Exception {
    stranger.setMessageReceiverListener(new MessageReceiverListener() {
      @Override
      public void onAcceptDeliverSm(DeliverSm deliverSm) {
        receivedByStranger.add(deliverSm);
      }

      @Override
      public void onAcceptAlertNotification(AlertNotification alertNotification) {}

      @Override
      public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("no data_sm here", 0x03);
      }
    });
    stranger.connectAndBind("127.0.0.1", deployment.smsc().port(), new BindParameter(BindType.BIND_TRX, "stranger", "", "",
        TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, STRANGER));
  }

  private void submit(byte[] userData, byte esmClass) throws Exception {
    stranger.submitShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, STRANGER, TypeOfNumber.INTERNATIONAL,
        NumberingPlanIndicator.ISDN, SERVER_NUMBER, new ESMClass(esmClass), (byte) 0, (byte) 0, null, null, new RegisteredDelivery(0),
        (byte) 0, new RawDataCoding(DATA_CODING_8_BIT), (byte) 0, userData);
  }

  private long dropped(SmsDrop cause) {
    return deployment.serverSms().counters().dropped().get(cause);
  }

  @Test
  void garbageTruncatedAndUnaskedSmsAreDroppedUnansweredAndTheClientIsStillRead() throws Exception {
    deployment = SmsDeployment.start(SmscSettings.DEFAULTS);
    deployment.smsOnlyClient(SmsDeployment.client("sms-dev"), DEVICE_NUMBER);
    deployment.awaitRegistered("sms-dev");
    bindStranger();

    // 'n' = 0x6E: CoAP version 1, but a token length of 14, which CoAP does not allow
    submit("not CoAP at all".getBytes(StandardCharsets.US_ASCII), (byte) 0);
    await("the garbage dropped").atMost(WAIT).until(() -> dropped(SmsDrop.NOT_COAP) == 1);

    // part 1 of 2 (UDH: IE 0x00, length 3, reference 7, 2 parts, part 1) of a CoAP GET /3/0; part 2 never comes
    byte[] firstPart = {0x05, 0x00, 0x03, 0x07, 0x02, 0x01, 0x40, 0x01, 0x12, 0x34, (byte) 0xB1, '3'};
    submit(firstPart, UDHI);
    await("the truncated concatenation expiring").atMost(WAIT).until(() -> dropped(SmsDrop.TRUNCATED_CONCATENATION) == 1);

    // a piggybacked 2.05 (ACK, token 0xCAFEBABE) to a request the server never sent
    long received = deployment.serverSms().counters().received();
    submit(new byte[] {0x64, 0x45, 0x56, 0x78, (byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, (byte) 0xFF, 'x'}, (byte) 0);
    await("the unasked answer received").atMost(WAIT).until(() -> deployment.serverSms().counters().received() == received + 1);

    HttpResponse<String> read = deployment.get("/api/v1/clients/sms-dev/data/3/0/0");
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(json(read.body()).get(0).path("vs").asText()).isEqualTo("lwm2m4j");

    assertThat(deployment.log()).as("nothing sent to the stranger").extracting(SmsRecord::to).doesNotContain(STRANGER);
    assertThat(receivedByStranger).isEmpty();
    // the SMSC records an SMS once its deliver_sm is answered, which may be after the server took it
    List<SmsRecord> fromStranger = await("the SMSC's records of the three").atMost(WAIT)
        .until(() -> deployment.log().stream().filter(sms -> sms.from().equals(STRANGER)).toList(), sms -> sms.size() >= 3);
    assertThat(fromStranger).hasSize(3).allSatisfy(sms -> assertThat(sms.fate()).isEqualTo(SmsRecord.Fate.DELIVERED));
  }
}
