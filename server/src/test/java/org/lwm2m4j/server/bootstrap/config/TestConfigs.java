package org.lwm2m4j.server.bootstrap.config;

import java.security.KeyPair;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.transport.dtls.TestCredentials;

/** Configs and credentials the bootstrap config tests share. */
final class TestConfigs {
  static final byte[] PSK_KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
  static final byte[] BS_PSK_KEY = HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100");

  private TestConfigs() {}

  static SecurityConfig.Psk psk() {
    return new SecurityConfig.Psk("dev1", PSK_KEY);
  }

  static ServerAccountConfig pskServer(int shortServerId) {
    return new ServerAccountConfig(shortServerId, "coaps://127.0.0.1:5684", 300, "U", psk());
  }

  static ServerAccountConfig noSecServer(int shortServerId) {
    return new ServerAccountConfig(shortServerId, "coap://127.0.0.1:5683", 300, "U", new SecurityConfig.NoSec());
  }

  static BootstrapAccountConfig pskBootstrapAccount() {
    return new BootstrapAccountConfig("coaps://127.0.0.1:5784", new SecurityConfig.Psk("dev1-bs", BS_PSK_KEY),
        OptionalLong.of(3600));
  }

  /** The DESIGN.md example: one PSK server and a PSK bootstrap account. */
  static BootstrapConfig designExample() {
    return BootstrapConfig.of(List.of(pskServer(1))).withBootstrapServer(pskBootstrapAccount());
  }

  /** Every optional part set, every security mode used. */
  static BootstrapConfig everything() throws Exception {
    ServerAccountConfig withPeriods = new ServerAccountConfig(2, "coaps://dm2.example.com", 86400, "UQ", rpk(),
        OptionalLong.of(5), OptionalLong.of(600));
    ServerAccountConfig x509Server = new ServerAccountConfig(3, "coaps://dm3.example.com:5684", 0, "T", x509(1));
    return new BootstrapConfig(List.of(LwM2mPath.ROOT), List.of(pskServer(1), withPeriods, x509Server, noSecServer(4)),
        Optional.of(pskBootstrapAccount()), Optional.of(112), Optional.of("1.1"));
  }

  static SecurityConfig.Rpk rpk() throws Exception {
    KeyPair client = TestCredentials.newKeyPair();
    KeyPair server = TestCredentials.newKeyPair();
    return new SecurityConfig.Rpk(client.getPublic().getEncoded(), client.getPrivate().getEncoded(), server.getPublic().getEncoded());
  }

  static SecurityConfig.X509 x509(int certificateUsage) throws Exception {
    return new SecurityConfig.X509(TestCredentials.chain("client").get(0).getEncoded(),
        TestCredentials.privateKey("client").getEncoded(), TestCredentials.ca().getEncoded(), certificateUsage);
  }
}
