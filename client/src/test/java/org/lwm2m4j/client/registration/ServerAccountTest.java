package org.lwm2m4j.client.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.value.Value;

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
}
