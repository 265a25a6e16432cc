package org.lwm2m4j.server.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.schedule.SystemScheduler;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapSettings;

/** The registration interface over real UDP on 127.0.0.1, driven by a plain CoAP client. */
class RegistrationHandlerTest {
  private final SystemScheduler scheduler = SystemScheduler.create("registration-handler-test", 1);
  private final RegistrationService service =
      new RegistrationService(new InMemoryRegistrationStore(), scheduler, Duration.ofSeconds(1));
  private final CoapEndpoint endpoint;
  private final CoapClient client = new CoapClient();

  RegistrationHandlerTest() throws Exception {
    endpoint = CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0), new RegistrationHandler(service),
        CoapSettings.DEFAULTS);
  }

  @AfterEach
  void stop() {
    client.shutdown();
    endpoint.close();
    service.close();
    scheduler.close();
  }

  private CoapResponse send(Request request, String pathAndQuery, String payload) throws Exception {
    request.setURI("coap://127.0.0.1:" + endpoint.address().getPort() + pathAndQuery);
    if (payload != null) {
      request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
      request.setPayload(payload);
    }
    return client.advanced(request);
  }

  @Test
  void registerUpdateAndDeregister() throws Exception {
    CoapResponse registered = send(Request.newPost(), "/rd?ep=dev1&lt=60&lwm2m=1.1&b=U",
        "</>;rt=\"oma.lwm2m\";ct=110,</1/0>,</3/0>");
    assertThat(registered.getCode()).isEqualTo(CoAP.ResponseCode.CREATED);
    assertThat(registered.getOptions().getLocationPath()).hasSize(2).first().isEqualTo("rd");
    String id = registered.getOptions().getLocationPath().get(1);
    Registration registration = service.store().byEndpoint("dev1").orElseThrow();
    assertThat(registration.id()).isEqualTo(id);
    assertThat(registration.address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(registration.objectLinks().instances()).hasSize(2);

    assertThat(send(Request.newPost(), "/rd/" + id + "?lt=120", null).getCode()).isEqualTo(CoAP.ResponseCode.CHANGED);
    assertThat(service.store().byId(id).orElseThrow().lifetimeSeconds()).isEqualTo(120);

    assertThat(send(Request.newDelete(), "/rd/" + id, null).getCode()).isEqualTo(CoAP.ResponseCode.DELETED);
    assertThat(service.store().size()).isZero();
    assertThat(send(Request.newPost(), "/rd/" + id, null).getCode()).isEqualTo(CoAP.ResponseCode.NOT_FOUND);
  }

  @Test
  void aDeregisterRepeatedAfterItsDuplicateRecordIsGoneIsStillDeleted() throws Exception {
    CoapResponse registered = send(Request.newPost(), "/rd?ep=dev3&lt=60", "</1/0>,</3/0>");
    String id = registered.getOptions().getLocationPath().get(1);
    assertThat(send(Request.newDelete(), "/rd/" + id, null).getCode()).isEqualTo(CoAP.ResponseCode.DELETED);
    // a new message id: the transport's deduplication does not know it, as when its entry was dropped
    assertThat(send(Request.newDelete(), "/rd/" + id, null).getCode()).isEqualTo(CoAP.ResponseCode.DELETED);
    assertThat(send(Request.newDelete(), "/rd/neverKnown", null).getCode()).isEqualTo(CoAP.ResponseCode.NOT_FOUND);
  }

  @Test
  void badRequestsGetTheSpecCodesAndTheServerKeepsServing() throws Exception {
    assertThat(send(Request.newPost(), "/rd?ep=dev2&lt=abc", "</1/0>").getCode()).isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
    assertThat(send(Request.newPost(), "/rd?ep=dev2&lwm2m=2.0", "</1/0>").getCode()).isEqualTo(CoAP.ResponseCode.PRECONDITION_FAILED);
    assertThat(send(Request.newPost(), "/rd?ep=dev2", "<1/0").getCode()).isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
    assertThat(send(Request.newPost(), "/rd?ep=dev2", null).getCode()).isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
    assertThat(send(Request.newGet(), "/rd", null).getCode()).isEqualTo(CoAP.ResponseCode.METHOD_NOT_ALLOWED);
    assertThat(send(Request.newPost(), "/bs?ep=dev2", null).getCode()).isEqualTo(CoAP.ResponseCode.NOT_FOUND);
    assertThat(send(Request.newDelete(), "/rd/unknown", null).getCode()).isEqualTo(CoAP.ResponseCode.NOT_FOUND);
    Request wrongFormat = Request.newPost();
    wrongFormat.setURI("coap://127.0.0.1:" + endpoint.address().getPort() + "/rd?ep=dev2");
    wrongFormat.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
    wrongFormat.setPayload("</1/0>");
    assertThat(client.advanced(wrongFormat).getCode()).isEqualTo(CoAP.ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
    assertThat(send(Request.newPost(), "/rd?ep=dev2&lt=60", "</1/0>,</3/0>").getCode()).isEqualTo(CoAP.ResponseCode.CREATED);
    assertThat(service.store().byEndpoint("dev2")).isPresent();
  }
}
