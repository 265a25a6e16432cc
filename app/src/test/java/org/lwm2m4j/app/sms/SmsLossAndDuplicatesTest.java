package org.lwm2m4j.app.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.transport.sms.smsc.SmsRecord;
import org.lwm2m4j.transport.sms.smsc.SmscSettings;

/**
 * An SMSC that loses and duplicates SMS (10 % each, a fixed seed): CoAP's retransmission and
 * deduplication over SMS still carry every Execute through the REST API exactly once.
 */
class SmsLossAndDuplicatesTest {
  private static final String DEVICE_NUMBER = "33612345679";
  private static final int EXECUTES = 20;

  private SmsDeployment deployment;

  @AfterEach
  void stop() {
    if (deployment != null) {
      deployment.close();
    }
  }

  @Test
  void everyExecuteIsAnsweredAndRunOnceDespiteLostAndDuplicatedSms() throws Exception {
    deployment = SmsDeployment.start(SmscSettings.DEFAULTS.withLoss(0.1).withDuplicates(0.1).withSeed(16));
    CountingTemperature temperature = new CountingTemperature();
    deployment.smsOnlyClient(SmsDeployment.client("lossy").object(CountingTemperature.OBJECT, List.of(temperature)), DEVICE_NUMBER);
    deployment.awaitRegistered("lossy");

    for (int i = 1; i <= EXECUTES; i++) {
      HttpResponse<String> executed = deployment.post("/api/v1/clients/lossy/execute/3303/0/5605", "");
      assertThat(executed.statusCode()).as("execute " + i + ": " + executed.body()).isEqualTo(204);
      assertThat(temperature.executions()).as("executions after the answer to execute " + i).isEqualTo(i);
    }

    assertThat(temperature.executions()).isEqualTo(EXECUTES);
    assertThat(deployment.log()).as("the SMSC did lose and duplicate SMS").extracting(SmsRecord::fate)
        .contains(SmsRecord.Fate.LOST, SmsRecord.Fate.DUPLICATED);
  }
}
