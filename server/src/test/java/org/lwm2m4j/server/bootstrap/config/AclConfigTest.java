package org.lwm2m4j.server.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

/** Access Control instances in bootstrap configurations: JSON, validation, and the /2 writes they make. */
class AclConfigTest {
  private static final String CONFIG = """
      {"servers":[{"shortServerId":1,"uri":"coap://a:5683","security":{"mode":"nosec"}},
                  {"shortServerId":2,"uri":"coap://b:5683","security":{"mode":"nosec"}}],
       "acls":[{"objectId":3,"instanceId":0,"acl":{"1":15,"2":1},"owner":1},
               {"objectId":3303,"acl":{"2":16},"owner":65535}]}""";

  @Test
  void aclsBecomeAccessControlInstancesAfterTheAccounts() {
    BootstrapConfig config = BootstrapConfigJson.parse(CONFIG.getBytes(StandardCharsets.UTF_8));
    assertThat(config.acls()).hasSize(2);
    assertThat(config.instances()).extracting(BootstrapWrite::instancePath)
        .containsExactly(LwM2mPath.of(0, 0), LwM2mPath.of(0, 1), LwM2mPath.of(1, 0), LwM2mPath.of(1, 1),
            LwM2mPath.of(2, 0), LwM2mPath.of(2, 1));
    LwM2mObjectInstance device = config.instances().get(4).instance();
    assertThat(device.resources()).containsExactly(SingleResource.of(0, Value.ofInteger(3)), SingleResource.of(1, Value.ofInteger(0)),
        MultipleResource.of(2, ResourceType.INTEGER, LwM2mResourceInstance.of(1, Value.ofInteger(15)),
            LwM2mResourceInstance.of(2, Value.ofInteger(1))),
        SingleResource.of(3, Value.ofInteger(1)));
    assertThat(config.acls().get(1).instanceId()).as("object-level entry by default").isEqualTo(65535);
  }

  @Test
  void aclsSurviveTheJsonRoundTrip() {
    BootstrapConfig config = BootstrapConfigJson.parse(CONFIG.getBytes(StandardCharsets.UTF_8));
    assertThat(BootstrapConfigJson.parse(BootstrapConfigJson.toJsonWithSecrets(config))).isEqualTo(config);
  }

  @Test
  void invalidEntriesAreRefusedWithTheField() {
    assertThatThrownBy(() -> new AclConfig(3, 0, Map.of(1, 32), 1)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("0..31");
    assertThatThrownBy(() -> new AclConfig(0, 0, Map.of(), 1)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> BootstrapConfigJson.parse(("{\"servers\":[{\"shortServerId\":1,\"uri\":\"coap://a\",\"security\":"
        + "{\"mode\":\"nosec\"}}],\"acls\":[{\"objectId\":3,\"acl\":{\"x\":1},\"owner\":1}]}").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("acls[0].acl");
  }
}
