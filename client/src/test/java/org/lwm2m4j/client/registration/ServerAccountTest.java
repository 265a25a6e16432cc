package org.lwm2m4j.client.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.transport.sms.SmsAddress;

class ServerAccountTest {
  private static ObjectTree treeWith(String... serverUris) {
    ObjectModelRegistry models = ObjectModelRegistry.bundled();
    ObjectTree tree = new ObjectTree();
    List<StoredInstance> security = new java.util.ArrayList<>();
    List<StoredInstance> server = new java.util.ArrayList<>();
    for (int i = 0; i < serverUris.length; i++) {
      security.add(new StoredInstance(i, List.of(SingleResource.of(0, Value.of(serverUris[i])), SingleResource.of(1, Value.of(false)),
          SingleResource.of(2, Value.ofInteger(3)), SingleResource.of(10, Value.ofInteger(i + 1)))));
      server.add(new StoredInstance(i, List.of(SingleResource.of(0, Value.ofInteger(i + 1)), SingleResource.of(1, Value.ofInteger(60)),
          SingleResource.of(6, Value.of(false)), SingleResource.of(7, Value.of("U")))));
    }
    tree.addObject(models.objectModel(0).orElseThrow(), StoredInstance::new, security);
    tree.addObject(models.objectModel(1).orElseThrow(), StoredInstance::new, server);
    return tree;
  }

  @Test
  void accountsPairSecurityAndServerInstancesBySsid() {
    assertThat(ServerAccount.readFrom(treeWith("coap://127.0.0.1:5683", "coap://dm")))
        .extracting(ServerAccount::shortServerId).containsExactly(1, 2);
  }

  @Test
  void anAccountWhoseServerUriIsNoCoapUriWithAHostIsLeftOut() {
    // found by ClientInboundFuzzTest: such a URI, written by a Bootstrap-Server, threw IllegalArgumentException here
    assertThat(ServerAccount.readFrom(treeWith("coap://127.0.0.:<9199", "coap://127.0.0.1:5683", "coap:no-host",
        "http://127.0.0.1:80", "coap://[::1]:5683")))
        .extracting(ServerAccount::shortServerId).containsExactly(2, 5);
  }

  @Test
  void anSmsServerUriNamesTheNumberAndMakesTheBindingSmsOnly() {
    ObjectTree tree = treeWith("sms://+33600000999");
    tree.bootstrapView().delete(LwM2mPath.of(1, 0));
    tree.bootstrapView().write(LwM2mPath.of(1, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.ofInteger(1)),
        SingleResource.of(1, Value.ofInteger(60))), true);

    ServerAccount account = ServerAccount.readFrom(tree).get(0);

    assertThat(account.binding()).isEqualTo("S");
    assertThat(account.smsNumber()).contains("33600000999");
    assertThat(account.overSms()).isTrue();
    assertThat(account.address()).isEqualTo(SmsAddress.of("33600000999"));
  }

  @Test
  void withUqsTheServerIsReachedOverUdpAndMayWakeTheClientBySms() {
    ObjectTree tree = treeWith("coap://127.0.0.1:5683");
    tree.bootstrapView().write(LwM2mPath.of(0, 0, 9), SingleResource.of(9, Value.of("33600000999")), true);
    tree.bootstrapView().write(LwM2mPath.of(1, 0, 7), SingleResource.of(7, Value.of("UQS")), true);

    ServerAccount account = ServerAccount.readFrom(tree).get(0);

    assertThat(account.overSms()).isFalse();
    assertThat(account.reachableBySms()).isTrue();
    assertThat(account.queueModeBinding()).isTrue();
    assertThat(account.address()).isEqualTo(new InetSocketAddress("127.0.0.1", 5683));
    assertThat(account.isAt(SmsAddress.of("33600000999"))).isTrue();
    assertThat(account.isAt(SmsAddress.of("33600000998"))).isFalse();

    tree.bootstrapView().write(LwM2mPath.of(1, 0, 22), SingleResource.of(22, Value.of("S")), true);
    assertThat(ServerAccount.readFrom(tree).get(0).overSms()).as("Preferred Transport S").isTrue();
  }

  @Test
  void anAccountWithAnSmsSecurityModeOtherThanNoSecIsLeftOut() {
    ObjectTree tree = treeWith("coap://127.0.0.1:5683", "coap://127.0.0.1:5693", "coap://127.0.0.1:5703");
    tree.bootstrapView().write(LwM2mPath.of(0, 0, 6), SingleResource.of(6, Value.ofInteger(1)), true);
    tree.bootstrapView().write(LwM2mPath.of(0, 1, 6), SingleResource.of(6, Value.ofInteger(3)), true);
    tree.bootstrapView().write(LwM2mPath.of(0, 2, 6), SingleResource.of(6, Value.ofInteger(2)), true);

    assertThat(ServerAccount.readFrom(tree)).extracting(ServerAccount::shortServerId).containsExactly(2);
  }
}
