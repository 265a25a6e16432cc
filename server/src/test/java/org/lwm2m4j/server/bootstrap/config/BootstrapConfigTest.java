package org.lwm2m4j.server.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.transport.dtls.TestCredentials;

class BootstrapConfigTest {
  private static final SecurityConfig NOSEC = new SecurityConfig.NoSec();

  @Test
  void defaultsDeleteSecurityAndServerObjects() {
    BootstrapConfig config = BootstrapConfig.of(List.of(TestConfigs.pskServer(1)));

    assertThat(config.delete()).containsExactly(LwM2mPath.parse("/0"), LwM2mPath.parse("/1"));
    assertThat(config.bootstrapServer()).isEmpty();
    assertThat(config.contentFormat()).isEmpty();
    assertThat(config.lwm2mVersion()).isEmpty();
  }

  @Test
  void shortServerIdOutsideOneTo65534IsRefused() {
    assertThatThrownBy(() -> TestConfigs.noSecServer(0))
        .isInstanceOf(InvalidRequestException.class).hasMessage("shortServerId 0 is outside 1..65534 (0 and 65535 are reserved)");
    assertThatThrownBy(() -> TestConfigs.noSecServer(65535))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("shortServerId 65535 is outside");
    assertThat(TestConfigs.noSecServer(65534).shortServerId()).isEqualTo(65534);
  }

  @Test
  void plainCoapUriNeedsNoSecAndCoapsNeedsCredentials() {
    assertThatThrownBy(() -> new ServerAccountConfig(1, "coap://host", 300, "U", TestConfigs.psk()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("uri \"coap://host\" is plain CoAP but security mode is psk; use coaps:// or security mode nosec");
    assertThatThrownBy(() -> new ServerAccountConfig(1, "coaps://host", 300, "U", NOSEC))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("uri \"coaps://host\" is CoAP over DTLS but security mode is nosec");
    assertThatThrownBy(() -> new BootstrapAccountConfig("coap://bs", TestConfigs.psk()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("plain CoAP");
  }

  @Test
  void uriMustBeCoapOrCoapsWithAHost() {
    assertThatThrownBy(() -> new ServerAccountConfig(1, "http://host", 300, "U", NOSEC))
        .isInstanceOf(InvalidRequestException.class).hasMessage("uri \"http://host\" must start with coap:// or coaps://");
    assertThatThrownBy(() -> new ServerAccountConfig(1, "coap:///path", 300, "U", NOSEC))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("uri \"coap:///path\" has no host");
    assertThatThrownBy(() -> new ServerAccountConfig(1, "coap://bad host", 300, "U", NOSEC))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("uri \"coap://bad host\" is not a URI");
    assertThatThrownBy(() -> new ServerAccountConfig(1, "", 300, "U", NOSEC))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("uri is empty");
    assertThatThrownBy(() -> new ServerAccountConfig(1, "coap://" + "h".repeat(250), 300, "U", NOSEC))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("uri is 257 bytes");
  }

  @Test
  void negativeLifetimeOrPeriodIsRefused() {
    assertThatThrownBy(() -> new ServerAccountConfig(1, "coap://h", -1, "U", NOSEC))
        .isInstanceOf(InvalidRequestException.class).hasMessage("lifetime -1 is outside 0..4294967295 seconds");
    assertThatThrownBy(() -> new ServerAccountConfig(1, "coap://h", 60, "U", NOSEC, OptionalLong.of(-5), OptionalLong.empty()))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("defaultMinPeriod -5");
    assertThatThrownBy(() -> new ServerAccountConfig(1, "coap://h", 60, "U", NOSEC, OptionalLong.of(50), OptionalLong.of(10)))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("defaultMinPeriod 50 is above defaultMaxPeriod 10");
    assertThatThrownBy(() -> new BootstrapAccountConfig("coap://h", NOSEC, OptionalLong.of(-1)))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("accountTimeout -1");
    assertThat(new ServerAccountConfig(1, "coap://h", 0, "U", NOSEC).lifetime()).isZero();
  }

  @Test
  void bindingMustBeDistinctKnownLettersWithATransport() {
    for (String good : List.of("U", "UQ", "UQS", "T", "UTSN", "M", "H")) {
      assertThat(new ServerAccountConfig(1, "coap://h", 60, good, NOSEC).binding()).isEqualTo(good);
    }
    assertThatThrownBy(() -> new ServerAccountConfig(1, "coap://h", 60, "UU", NOSEC))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("binding \"UU\" must be distinct letters");
    assertThatThrownBy(() -> new ServerAccountConfig(1, "coap://h", 60, "u", NOSEC))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("binding \"u\" must be distinct letters");
    assertThatThrownBy(() -> new ServerAccountConfig(1, "coap://h", 60, "Q", NOSEC))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("binding \"Q\" names no transport");
    assertThatThrownBy(() -> new ServerAccountConfig(1, "coap://h", 60, "", NOSEC))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("binding is empty");
  }

  @Test
  void twoServersWithOneShortServerIdAreRefused() {
    assertThatThrownBy(() -> BootstrapConfig.of(List.of(TestConfigs.pskServer(7), TestConfigs.noSecServer(7))))
        .isInstanceOf(InvalidRequestException.class).hasMessage("shortServerId 7 is used by two servers; each account needs its own");
  }

  @Test
  void deleteTargetsRootObjectsOrInstancesButNeverTheDevice() {
    assertThatThrownBy(() -> config(List.of(LwM2mPath.parse("/1/0/1"))))
        .isInstanceOf(InvalidRequestException.class).hasMessage("delete /1/0/1: Bootstrap-Delete targets /, /o or /o/i only");
    assertThatThrownBy(() -> config(List.of(LwM2mPath.parse("/3/0"))))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("delete /3/0");
    assertThat(config(List.of(LwM2mPath.ROOT)).delete()).containsExactly(LwM2mPath.ROOT);
    assertThat(config(List.of()).delete()).isEmpty();
  }

  @Test
  void noServersAfterDeletingServerAccountsIsRefused() {
    assertThatThrownBy(() -> BootstrapConfig.of(List.of()))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("servers is empty but delete removes server accounts (/0)");
    BootstrapConfig onlyBootstrapAccount = new BootstrapConfig(List.of(LwM2mPath.parse("/5")), List.of(),
        Optional.of(TestConfigs.pskBootstrapAccount()), Optional.empty(), Optional.empty());
    assertThat(onlyBootstrapAccount.instances()).extracting(BootstrapWrite::instancePath).containsExactly(LwM2mPath.parse("/0/0"));
  }

  @Test
  void contentFormatMustCarryBootstrapWrites() {
    assertThat(withFormat(11542).contentFormat()).contains(11542);
    assertThat(withFormat(110).contentFormat()).contains(110);
    assertThatThrownBy(() -> withFormat(0))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("contentFormat 0 cannot carry Bootstrap-Writes");
    assertThatThrownBy(() -> withFormat(9999))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("contentFormat 9999");
  }

  @Test
  void lwm2mVersionIsKeptCanonicalAndLimitedToOnePointX() {
    assertThat(withVersion("1.1.1").lwm2mVersion()).contains("1.1");
    assertThat(withVersion("1").lwm2mVersion()).contains("1.0");
    assertThatThrownBy(() -> withVersion("2.0"))
        .isInstanceOf(InvalidRequestException.class).hasMessage("lwm2mVersion 2.0 is not supported; use 1.0, 1.1 or 1.2");
    assertThatThrownBy(() -> withVersion("one"))
        .isInstanceOf(InvalidRequestException.class).hasMessage("lwm2mVersion \"one\" is not a version such as 1.1");
  }

  @Test
  void pskServerBecomesASecurityAndAServerInstance() {
    List<BootstrapWrite> writes = BootstrapConfig.of(List.of(TestConfigs.pskServer(101))).instances();

    assertThat(writes).extracting(BootstrapWrite::instancePath)
        .containsExactly(LwM2mPath.parse("/0/0"), LwM2mPath.parse("/1/0"));
    assertThat(writes.get(0).instance()).isEqualTo(LwM2mObjectInstance.of(0,
        SingleResource.of(0, Value.of("coaps://127.0.0.1:5684")),
        SingleResource.of(1, Value.of(false)),
        SingleResource.of(2, Value.ofInteger(0)),
        SingleResource.of(3, Value.of("dev1".getBytes(StandardCharsets.UTF_8))),
        SingleResource.of(4, Value.of(new byte[0])),
        SingleResource.of(5, Value.of(TestConfigs.PSK_KEY)),
        SingleResource.of(10, Value.ofInteger(101))));
    assertThat(writes.get(1).instance()).isEqualTo(LwM2mObjectInstance.of(0,
        SingleResource.of(0, Value.ofInteger(101)),
        SingleResource.of(1, Value.ofInteger(300)),
        SingleResource.of(6, Value.of(false)),
        SingleResource.of(7, Value.of("U"))));
  }

  @Test
  void noSecServerWritesModeThreeWithEmptyKeysAndItsDefaultPeriods() {
    ServerAccountConfig server = new ServerAccountConfig(3, "coap://10.0.0.1:5683", 60, "UQ", NOSEC,
        OptionalLong.of(1), OptionalLong.of(30));
    List<BootstrapWrite> writes = BootstrapConfig.of(List.of(server)).instances();

    LwM2mObjectInstance security = writes.get(0).instance();
    assertThat(security.resource(2)).contains(SingleResource.of(2, Value.ofInteger(3)));
    assertThat(security.resource(3)).contains(SingleResource.of(3, Value.of(new byte[0])));
    assertThat(security.resource(5)).contains(SingleResource.of(5, Value.of(new byte[0])));
    assertThat(writes.get(1).instance()).isEqualTo(LwM2mObjectInstance.of(0,
        SingleResource.of(0, Value.ofInteger(3)),
        SingleResource.of(1, Value.ofInteger(60)),
        SingleResource.of(2, Value.ofInteger(1)),
        SingleResource.of(3, Value.ofInteger(30)),
        SingleResource.of(6, Value.of(false)),
        SingleResource.of(7, Value.of("UQ"))));
  }

  @Test
  void x509ServerWritesCertificatesPrivateKeyAndCertificateUsage() throws Exception {
    SecurityConfig.X509 x509 = TestConfigs.x509(2);
    List<BootstrapWrite> writes = BootstrapConfig.of(List.of(new ServerAccountConfig(1, "coaps://h", 60, "U", x509))).instances();

    LwM2mObjectInstance security = writes.get(0).instance();
    assertThat(security.resource(2)).contains(SingleResource.of(2, Value.ofInteger(2)));
    assertThat(security.resource(3)).contains(SingleResource.of(3, Value.of(TestCredentials.chain("client").get(0).getEncoded())));
    assertThat(security.resource(4)).contains(SingleResource.of(4, Value.of(TestCredentials.ca().getEncoded())));
    assertThat(security.resource(5)).contains(SingleResource.of(5, Value.of(TestCredentials.privateKey("client").getEncoded())));
    assertThat(security.resource(15)).contains(SingleResource.of(15, Value.ofUnsigned(2)));
    assertThat(security.resource(10)).contains(SingleResource.of(10, Value.ofInteger(1)));
  }

  @Test
  void bootstrapAccountIsWrittenAfterTheServerSecurityInstancesWithoutShortServerId() {
    BootstrapConfig config = BootstrapConfig.of(List.of(TestConfigs.pskServer(1), TestConfigs.noSecServer(2)))
        .withBootstrapServer(TestConfigs.pskBootstrapAccount());

    List<BootstrapWrite> writes = config.instances();

    assertThat(writes).extracting(BootstrapWrite::instancePath).containsExactly(
        LwM2mPath.parse("/0/0"), LwM2mPath.parse("/0/1"), LwM2mPath.parse("/0/2"), LwM2mPath.parse("/1/0"), LwM2mPath.parse("/1/1"));
    assertThat(writes.get(2).instance()).isEqualTo(LwM2mObjectInstance.of(2,
        SingleResource.of(0, Value.of("coaps://127.0.0.1:5784")),
        SingleResource.of(1, Value.of(true)),
        SingleResource.of(2, Value.ofInteger(0)),
        SingleResource.of(3, Value.of("dev1-bs".getBytes(StandardCharsets.UTF_8))),
        SingleResource.of(4, Value.of(new byte[0])),
        SingleResource.of(5, Value.of(TestConfigs.BS_PSK_KEY)),
        SingleResource.of(12, Value.ofInteger(3600))));
    assertThat(writes.get(4).instance().resource(0)).contains(SingleResource.of(0, Value.ofInteger(2)));
  }

  @Test
  void theClientsCurrentBootstrapInstanceIsSkippedForServersAndReusedForTheBootstrapAccount() {
    BootstrapConfig config = BootstrapConfig.of(List.of(TestConfigs.pskServer(1), TestConfigs.noSecServer(2)));

    assertThat(config.instances(OptionalInt.of(0))).extracting(BootstrapWrite::instancePath).containsExactly(
        LwM2mPath.parse("/0/1"), LwM2mPath.parse("/0/2"), LwM2mPath.parse("/1/0"), LwM2mPath.parse("/1/1"));
    assertThat(config.withBootstrapServer(TestConfigs.pskBootstrapAccount()).instances(OptionalInt.of(1)))
        .extracting(BootstrapWrite::instancePath).containsExactly(
            LwM2mPath.parse("/0/0"), LwM2mPath.parse("/0/2"), LwM2mPath.parse("/0/1"), LwM2mPath.parse("/1/0"), LwM2mPath.parse("/1/1"));
  }

  @Test
  void aWriteMustTargetItsOwnInstance() {
    assertThatThrownBy(() -> new BootstrapWrite(LwM2mPath.parse("/0/1"), LwM2mObjectInstance.of(0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BootstrapWrite(LwM2mPath.parse("/0"), LwM2mObjectInstance.of(0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static BootstrapConfig config(List<LwM2mPath> delete) {
    return new BootstrapConfig(delete, List.of(TestConfigs.pskServer(1)), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static BootstrapConfig withFormat(int code) {
    return new BootstrapConfig(BootstrapConfig.DEFAULT_DELETE, List.of(TestConfigs.pskServer(1)), Optional.empty(),
        Optional.of(code), Optional.empty());
  }

  private static BootstrapConfig withVersion(String version) {
    return new BootstrapConfig(BootstrapConfig.DEFAULT_DELETE, List.of(TestConfigs.pskServer(1)), Optional.empty(),
        Optional.empty(), Optional.of(version));
  }
}
