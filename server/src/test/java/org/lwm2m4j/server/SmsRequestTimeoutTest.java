package org.lwm2m4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.sms.SmsAddress;
import org.lwm2m4j.transport.sms.SmsNetwork;
import org.lwm2m4j.transport.twin.TwinNetwork;

/**
 * A request to a client registered by SMS waits out CoAP's retransmissions over SMS (ACK timeout
 * 30 s), not the device API's default timeout made for UDP: on virtual time, with the SMS side
 * played by a twin network with the SMS CoAP settings.
 */
class SmsRequestTimeoutTest {
  private static final String SERVER_NUMBER = "33600000001";
  private static final InetSocketAddress DEVICE = SmsAddress.of("33612345678");

  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final TwinNetwork udp = new TwinNetwork(scheduler);
  private final TwinNetwork sms = new TwinNetwork(scheduler, SmsNetwork.COAP_SETTINGS, 1);
  private LwM2mServer server;
  private CoapEndpoint device;

  @AfterEach
  void stop() {
    if (device != null) {
      device.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aReadWhoseFirstSmsIsLostIsAnsweredByTheRetransmission() throws IOException {
    server = LwM2mServer.builder().transport(udp).scheduler(scheduler).coapAddress(new InetSocketAddress("127.0.0.1", 5683))
        .sms(SERVER_NUMBER, sms).start();
    device = sms.bind(DEVICE, request -> CompletableFuture.completedFuture(new CoapResponse(ResponseCode.CONTENT,
        OptionalInt.of(ContentFormat.TEXT.code()), List.of(), "acme".getBytes(StandardCharsets.UTF_8))));
    CompletableFuture<CoapResponse> created = device.send(CoapRequest.to(SmsAddress.of(SERVER_NUMBER), CoapMethod.POST, List.of("rd"))
        .withQuery(List.of("ep=sms-dev", "lwm2m=1.1", "b=S")).withPayload(ContentFormat.LINK.code(),
            "</1/0>,</3/0>".getBytes(StandardCharsets.UTF_8)), Duration.ofMinutes(6));
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(created.join().code()).isEqualTo(ResponseCode.CREATED);
    Registration registration = server.registrations().store().byEndpoint("sms-dev").orElseThrow();

    sms.cut(DEVICE, true);
    CompletableFuture<LwM2mNode> read = server.devices().read(registration, LwM2mPath.of(3, 0, 0), RequestOptions.DEFAULTS);
    scheduler.advance(Duration.ofSeconds(1));
    sms.cut(DEVICE, false);
    scheduler.advance(Duration.ofSeconds(60));

    assertThat(read).as("answered once the CON is sent again, 30 to 45 s after the first").isCompleted();
    assertThat(read.join()).isEqualTo(SingleResource.of(0, Value.of("acme")));
  }
}
