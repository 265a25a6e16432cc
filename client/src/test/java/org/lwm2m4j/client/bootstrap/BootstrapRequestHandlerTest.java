package org.lwm2m4j.client.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.NotAcceptableException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/** The client's answers to each bootstrap command, and what it tells the session. */
class BootstrapRequestHandlerTest {
  private static final InetSocketAddress BS = new InetSocketAddress("127.0.0.1", 5783);
  private final ObjectTree tree = new ObjectTree();
  private final List<String> session = new ArrayList<>();
  private BootstrapRequestHandler handler;

  @BeforeEach
  void setUp() {
    ObjectModelRegistry models = ObjectModelRegistry.bundled();
    tree.addObject(models.objectModel(0).orElseThrow(), StoredInstance::new, List.of(
        new StoredInstance(0, List.of(SingleResource.of(0, Value.of("coap://bs")), SingleResource.of(1, Value.of(true)),
            SingleResource.of(2, Value.ofInteger(3)))),
        new StoredInstance(1, List.of(SingleResource.of(0, Value.of("coap://dm")), SingleResource.of(1, Value.of(false)),
            SingleResource.of(2, Value.ofInteger(3)), SingleResource.of(10, Value.ofInteger(7))))));
    tree.addObject(models.objectModel(1).orElseThrow(), StoredInstance::new, List.of(
        new StoredInstance(0, List.of(SingleResource.of(0, Value.ofInteger(7)), SingleResource.of(1, Value.ofInteger(60)),
            SingleResource.of(6, Value.of(false)), SingleResource.of(7, Value.of("U"))))));
    tree.addObject(models.objectModel(3).orElseThrow(), StoredInstance::new, List.of(
        new StoredInstance(0, List.of(SingleResource.of(0, Value.of("maker"))))));
    handler = new BootstrapRequestHandler(tree, new BootstrapRequestHandler.Session() {
      @Override
      public void commandReceived() {
        session.add("command");
      }

      @Override
      public void finished() {
        session.add("finished");
      }
    });
  }

  private CoapResponse send(CoapRequest request) {
    return handler.handle(request).join();
  }

  private static CoapRequest request(CoapMethod method, String... path) {
    return CoapRequest.to(BS, method, List.of(path));
  }

  @Test
  void discoverListsAccountsWithSsidAndUriButNotTheBootstrapAccountsOwn() {
    CoapResponse response = send(request(CoapMethod.GET).withAccept(ContentFormat.LINK.code()));
    assertThat(new String(response.payload(), StandardCharsets.UTF_8))
        .startsWith("</>;lwm2m=1.1,</0/0>,</0/1>;ssid=7;uri=\"coap://dm\",</1/0>;ssid=7,</3/0>");
  }

  @Test
  void deleteOfEverythingKeepsTheBootstrapAccountAndTheDevice() {
    assertThat(send(request(CoapMethod.DELETE)).code()).isEqualTo(ResponseCode.DELETED);
    assertThat(tree.instanceIds(0)).containsExactly(0);
    assertThat(tree.instanceIds(1)).isEmpty();
    assertThat(tree.instanceIds(3)).containsExactly(0);
    assertThat(session).containsExactly("command");
  }

  @Test
  void writeCreatesInstancesWithoutAccessChecks() {
    byte[] payload = NodeCodecs.standard().encode(ContentFormat.TLV, LwM2mObjectInstance.of(4,
        SingleResource.of(0, Value.ofInteger(9)), SingleResource.of(1, Value.ofInteger(30))), LwM2mPath.of(1, 4), tree);
    assertThat(send(request(CoapMethod.PUT, "1", "4").withPayload(ContentFormat.TLV.code(), payload)).code())
        .isEqualTo(ResponseCode.CHANGED);
    assertThat(tree.instanceIds(1)).containsExactly(0, 4);
  }

  @Test
  void writeOfAResourceOfAMissingInstanceCreatesTheInstance() {
    for (ContentFormat format : List.of(ContentFormat.TEXT, ContentFormat.TLV, ContentFormat.SENML_CBOR)) {
      LwM2mPath lifetime = LwM2mPath.of(1, 5, 1);
      tree.instance(1, 5).ifPresent(existing -> tree.bootstrapView().delete(LwM2mPath.of(1, 5)));
      byte[] payload = NodeCodecs.standard().encode(format, SingleResource.of(1, Value.ofInteger(30)), lifetime, tree);
      assertThat(send(request(CoapMethod.PUT, "1", "5", "1").withPayload(format.code(), payload)).code()).as(format.name())
          .isEqualTo(ResponseCode.CHANGED);
      assertThat(tree.single(lifetime)).as(format.name()).contains(SingleResource.of(1, Value.ofInteger(30)));
    }
    assertThat(tree.instanceIds(1)).containsExactly(0, 5);
  }

  @Test
  void writeOfAnObjectCreatesTheInstancesItLists() {
    LwM2mObject servers = new LwM2mObject(1, List.of(
        LwM2mObjectInstance.of(4, SingleResource.of(0, Value.ofInteger(9)), SingleResource.of(1, Value.ofInteger(30))),
        LwM2mObjectInstance.of(5, SingleResource.of(0, Value.ofInteger(10)), SingleResource.of(1, Value.ofInteger(40)))));
    byte[] payload = NodeCodecs.standard().encode(ContentFormat.SENML_CBOR, servers, LwM2mPath.of(1), tree);
    assertThat(send(request(CoapMethod.PUT, "1").withPayload(ContentFormat.SENML_CBOR.code(), payload)).code())
        .isEqualTo(ResponseCode.CHANGED);
    assertThat(tree.instanceIds(1)).containsExactly(0, 4, 5);
    assertThat(tree.single(LwM2mPath.of(1, 5, 1))).contains(SingleResource.of(1, Value.ofInteger(40)));
  }

  @Test
  void deleteOfTheDeviceIsABadRequestAndKeepsIt() {
    assertThatThrownBy(() -> send(request(CoapMethod.DELETE, "3", "0"))).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("/3/0");
    assertThatThrownBy(() -> send(request(CoapMethod.DELETE, "3"))).isInstanceOf(InvalidRequestException.class);
    assertThat(tree.instanceIds(3)).containsExactly(0);
  }

  @Test
  void deleteOfTheBootstrapAccountByNameIsABadRequestAndKeepsIt() {
    assertThatThrownBy(() -> send(request(CoapMethod.DELETE, "0", "0"))).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("Bootstrap-Server account");
    assertThat(send(request(CoapMethod.DELETE, "0")).code()).as("a delete of the whole object keeps it quietly")
        .isEqualTo(ResponseCode.DELETED);
    assertThat(tree.instanceIds(0)).containsExactly(0);
  }

  @Test
  void writeWithoutContentFormatOrToAResourceInstanceIsABadRequest() {
    assertThatThrownBy(() -> send(request(CoapMethod.PUT, "1", "0", "1"))).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> send(request(CoapMethod.PUT, "1", "0", "1", "0").withPayload(0, "1".getBytes(StandardCharsets.US_ASCII))))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void readIsOnlyForServerAndAccessControlObjects() {
    assertThat(send(request(CoapMethod.GET, "1").withAccept(ContentFormat.SENML_JSON.code())).code()).isEqualTo(ResponseCode.CONTENT);
    assertThatThrownBy(() -> send(request(CoapMethod.GET, "0"))).isInstanceOf(MethodNotAllowedException.class);
    assertThatThrownBy(() -> send(request(CoapMethod.GET, "3", "0"))).isInstanceOf(MethodNotAllowedException.class);
  }

  @Test
  void finishIsAcceptedOnlyWithACompleteServerAccount() {
    assertThat(send(request(CoapMethod.POST, "bs")).code()).isEqualTo(ResponseCode.CHANGED);
    assertThat(session).endsWith("finished");
    tree.bootstrapView().delete(LwM2mPath.of(1, 0));
    assertThatThrownBy(() -> send(request(CoapMethod.POST, "bs"))).isInstanceOf(NotAcceptableException.class);
  }

  @Test
  void finishRefusesAConfigurationWhoseOnlyServerUriIsNoUri() {
    // found by ClientInboundFuzzTest: a Bootstrap-Write of a Server URI that is not a URI made the Finish fail with 5.00
    tree.bootstrapView().write(LwM2mPath.of(0, 1, 0), SingleResource.of(0, Value.of("coap://127.0.0.:<9199")), true);
    assertThatThrownBy(() -> send(request(CoapMethod.POST, "bs"))).isInstanceOf(NotAcceptableException.class);
    assertThat(session).doesNotContain("finished");
  }

  @Test
  void aWriteOfAnSmsSecurityModeOtherThanNoSecIsRefusedNamingTheResource() {
    CoapRequest dtls = request(CoapMethod.PUT, "0", "1", "6").withPayload(ContentFormat.TEXT.code(), "1".getBytes(StandardCharsets.US_ASCII));
    CoapRequest securePacket = request(CoapMethod.PUT, "0", "1").withPayload(ContentFormat.SENML_JSON.code(),
        "[{\"n\":\"/0/1/6\",\"v\":2}]".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> send(dtls)).isInstanceOf(InvalidRequestException.class)
        .hasMessage("SMS Security Mode (/0/1/6) 1 (DTLS) is not supported: this client supports only 3 (NoSec)");
    assertThatThrownBy(() -> send(securePacket)).isInstanceOf(InvalidRequestException.class)
        .hasMessage("SMS Security Mode (/0/1/6) 2 (Secure Packet Structure) is not supported: this client supports only 3 (NoSec)");
    assertThat(tree.single(LwM2mPath.of(0, 1, 6))).isEmpty();

    CoapRequest noSec = request(CoapMethod.PUT, "0", "1", "6").withPayload(ContentFormat.TEXT.code(), "3".getBytes(StandardCharsets.US_ASCII));
    assertThat(send(noSec).code()).isEqualTo(ResponseCode.CHANGED);
    assertThat(tree.single(LwM2mPath.of(0, 1, 6))).contains(SingleResource.of(6, Value.ofInteger(3)));
  }
}
