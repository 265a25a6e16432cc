package org.lwm2m4j.server.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.bootstrap.BootstrapMode;
import org.lwm2m4j.transport.dtls.TestCredentials;

class BootstrapConfigJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DESIGN_EXAMPLE = """
      {"delete": ["/0", "/1"],
       "servers": [{"shortServerId": 1, "uri": "coaps://127.0.0.1:5684", "lifetime": 300, "binding": "U",
                    "security": {"mode": "psk", "identity": "dev1", "key": "00112233445566778899aabbccddeeff"}}],
       "bootstrapServer": {"uri": "coaps://127.0.0.1:5784", "accountTimeout": 3600,
                           "security": {"mode": "psk", "identity": "dev1-bs", "key": "ffeeddccbbaa99887766554433221100"}}}
      """;

  @Test
  void readsTheDesignExample() {
    assertThat(parse(DESIGN_EXAMPLE)).isEqualTo(TestConfigs.designExample());
  }

  @Test
  void appliesDefaultsForDeleteLifetimeBindingAndCertificateUsage() throws Exception {
    BootstrapConfig config = parse("""
        {"servers": [{"shortServerId": 5, "uri": "coaps://h", "security": %s}]}
        """.formatted(x509Json(null)));

    assertThat(config.delete()).isEqualTo(BootstrapConfig.DEFAULT_DELETE);
    ServerAccountConfig server = config.servers().get(0);
    assertThat(server.lifetime()).isEqualTo(86400);
    assertThat(server.binding()).isEqualTo("U");
    assertThat(((SecurityConfig.X509) server.security()).certificateUsage()).isEqualTo(3);
  }

  @Test
  void roundTripsEveryFieldWithSecrets() throws Exception {
    BootstrapConfig config = TestConfigs.everything();

    ObjectNode json = BootstrapConfigJson.toJsonWithSecrets(config);

    assertThat(BootstrapConfigJson.parse(json)).isEqualTo(config);
    assertThat(BootstrapConfigJson.parse(JSON.writeValueAsBytes(json))).isEqualTo(config);
  }

  @Test
  void showsAConfigWithoutItsSecrets() throws Exception {
    BootstrapConfig config = TestConfigs.everything();

    ObjectNode json = BootstrapConfigJson.toJson(config);

    JsonNode psk = json.get("servers").get(0).get("security");
    assertThat(psk.get("identity").asText()).isEqualTo("dev1");
    assertThat(psk.has("key")).isFalse();
    JsonNode rpk = json.get("servers").get(1).get("security");
    assertThat(rpk.has("publicKey")).isTrue();
    assertThat(rpk.has("serverPublicKey")).isTrue();
    assertThat(rpk.has("privateKey")).isFalse();
    JsonNode x509 = json.get("servers").get(2).get("security");
    assertThat(x509.get("certificateUsage").asInt()).isEqualTo(1);
    assertThat(x509.has("privateKey")).isFalse();
    assertThat(json.get("bootstrapServer").get("security").has("key")).isFalse();
    assertThat(json.toString()).doesNotContain("00112233445566778899aabbccddeeff", "ffeeddccbbaa99887766554433221100");
    // Everything but the secrets is as stored.
    ObjectNode complete = BootstrapConfigJson.toJsonWithSecrets(config);
    ((ObjectNode) complete.get("servers").get(0).get("security")).remove("key");
    ((ObjectNode) complete.get("servers").get(1).get("security")).remove("privateKey");
    ((ObjectNode) complete.get("servers").get(2).get("security")).remove("privateKey");
    ((ObjectNode) complete.get("bootstrapServer").get("security")).remove("key");
    assertThat(json).isEqualTo(complete);
  }

  @Test
  void writesTheOptionalFieldsOnlyWhenSet() {
    ObjectNode json = BootstrapConfigJson.toJsonWithSecrets(BootstrapConfig.of(List.of(TestConfigs.noSecServer(1))));

    assertThat(json.toString()).isEqualTo("{\"delete\":[\"/0\",\"/1\"],\"servers\":[{\"shortServerId\":1,"
        + "\"uri\":\"coap://127.0.0.1:5683\",\"lifetime\":300,\"binding\":\"U\",\"security\":{\"mode\":\"nosec\"}}]}");
  }

  @Test
  void acceptsPemArmouredKeysAndAContentFormatName() throws Exception {
    KeyPair client = TestCredentials.newKeyPair();
    KeyPair server = TestCredentials.newKeyPair();
    String pem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(client.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    BootstrapConfig config = parse("""
        {"contentFormat": "senml-cbor", "lwm2mVersion": "1.2",
         "servers": [{"shortServerId": 1, "uri": "coaps://h", "security": {"mode": "rpk", "publicKey": %s,
            "privateKey": "%s", "serverPublicKey": "%s"}}]}
        """.formatted(JSON.writeValueAsString(pem), b64(client.getPrivate().getEncoded()), b64(server.getPublic().getEncoded())));

    assertThat(config.contentFormat()).contains(112);
    assertThat(config.lwm2mVersion()).contains("1.2");
    assertThat(((SecurityConfig.Rpk) config.servers().get(0).security()).publicKey()).isEqualTo(client.getPublic().getEncoded());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      not JSON                | {"servers": [                                                                                  | the config is not JSON:
      empty                   |                                                                                                | the config is empty
      an array                | []                                                                                             | the config must be a JSON object, not array
      trailing text           | {"servers": []} x                                                                              | the config is not JSON:
      duplicate field         | {"servers": [], "servers": []}                                                                 | the config is not JSON: Duplicate field 'servers'
      no servers              | {}                                                                                             | servers is missing
      servers not an array    | {"servers": {}}                                                                                | servers must be an array
      unknown top field       | {"servers": [], "delete": [], "sevrers": 1}                                                    | sevrers is not a known field; allowed here: delete, servers, bootstrapServer, contentFormat, lwm2mVersion
      delete not an array     | {"delete": "/0", "servers": []}                                                                | delete must be an array
      delete item a number    | {"delete": [0], "servers": []}                                                                 | delete[0] must be a path string
      delete bad path         | {"delete": ["/0", "0"], "servers": []}                                                         | delete[1]: path '0' must start with '/'
      delete a resource       | {"delete": ["/0/1/2"], "servers": []}                                                          | delete /0/1/2: Bootstrap-Delete targets /, /o or /o/i only
      server not an object    | {"servers": [1]}                                                                               | servers[0] must be a JSON object, not a number (1)
      no shortServerId        | {"servers": [{"uri": "coap://h", "security": {"mode": "nosec"}}]}                              | servers[0].shortServerId is missing
      shortServerId text      | {"servers": [{"shortServerId": "1", "uri": "coap://h", "security": {"mode": "nosec"}}]}        | servers[0].shortServerId must be a whole number, not string
      shortServerId fraction  | {"servers": [{"shortServerId": 1.5, "uri": "coap://h", "security": {"mode": "nosec"}}]}        | servers[0].shortServerId must be a whole number, not a number (1.5)
      shortServerId huge      | {"servers": [{"shortServerId": 99999999999, "uri": "coap://h", "security": {"mode": "nosec"}}]}| servers[0].shortServerId 99999999999 is out of range
      shortServerId zero      | {"servers": [{"shortServerId": 0, "uri": "coap://h", "security": {"mode": "nosec"}}]}          | servers[0].shortServerId 0 is outside 1..65534
      no uri                  | {"servers": [{"shortServerId": 1, "security": {"mode": "nosec"}}]}                             | servers[0].uri is missing
      uri against security    | {"servers": [{"shortServerId": 1, "uri": "coaps://h", "security": {"mode": "nosec"}}]}         | servers[0].uri "coaps://h" is CoAP over DTLS but security mode is nosec
      negative lifetime       | {"servers": [{"shortServerId": 1, "uri": "coap://h", "lifetime": -1, "security": {"mode": "nosec"}}]} | servers[0].lifetime -1 is outside
      bad binding             | {"servers": [{"shortServerId": 1, "uri": "coap://h", "binding": "X", "security": {"mode": "nosec"}}]} | servers[0].binding "X" must be distinct letters
      unknown server field    | {"servers": [{"shortServerId": 1, "uri": "coap://h", "lifetme": 5, "security": {"mode": "nosec"}}]} | servers[0].lifetme is not a known field
      duplicate ssid          | {"servers": [{"shortServerId": 1, "uri": "coap://h", "security": {"mode": "nosec"}}, {"shortServerId": 1, "uri": "coap://g", "security": {"mode": "nosec"}}]} | shortServerId 1 is used by two servers
      no security             | {"servers": [{"shortServerId": 1, "uri": "coap://h"}]}                                         | servers[0].security is missing
      security not an object  | {"servers": [{"shortServerId": 1, "uri": "coap://h", "security": "nosec"}]}                    | servers[0].security must be a JSON object, not string
      no mode                 | {"servers": [{"shortServerId": 1, "uri": "coap://h", "security": {}}]}                         | servers[0].security.mode is missing
      unknown mode            | {"servers": [{"shortServerId": 1, "uri": "coap://h", "security": {"mode": "tls"}}]}            | servers[0].security.mode "tls" is unknown
      field of another mode   | {"servers": [{"shortServerId": 1, "uri": "coap://h", "security": {"mode": "nosec", "key": "00"}}]} | servers[0].security.key is not a known field; allowed here: mode
      psk without key         | {"servers": [{"shortServerId": 1, "uri": "coaps://h", "security": {"mode": "psk", "identity": "d"}}]} | servers[0].security.key is missing
      psk key not hex         | {"servers": [{"shortServerId": 1, "uri": "coaps://h", "security": {"mode": "psk", "identity": "d", "key": "0g"}}]} | servers[0].security.key must be hex; character 2 is not a hex digit
      psk key odd             | {"servers": [{"shortServerId": 1, "uri": "coaps://h", "security": {"mode": "psk", "identity": "d", "key": "001"}}]} | servers[0].security.key has an odd number of hex digits (3)
      psk key empty           | {"servers": [{"shortServerId": 1, "uri": "coaps://h", "security": {"mode": "psk", "identity": "d", "key": ""}}]} | servers[0].security.key is empty
      psk empty identity      | {"servers": [{"shortServerId": 1, "uri": "coaps://h", "security": {"mode": "psk", "identity": "", "key": "00"}}]} | servers[0].security.identity is empty
      rpk key not base64      | {"servers": [{"shortServerId": 1, "uri": "coaps://h", "security": {"mode": "rpk", "publicKey": "%%%", "privateKey": "AA==", "serverPublicKey": "AA=="}}]} | servers[0].security.publicKey is not base64 of DER
      rpk key not DER         | {"servers": [{"shortServerId": 1, "uri": "coaps://h", "security": {"mode": "rpk", "publicKey": "AAEC", "privateKey": "AA==", "serverPublicKey": "AA=="}}]} | servers[0].security.publicKey: the public key is not a DER SubjectPublicKeyInfo
      x509 cert not DER       | {"servers": [{"shortServerId": 1, "uri": "coaps://h", "security": {"mode": "x509", "certificate": "AAEC", "privateKey": "AA==", "serverCertificate": "AA=="}}]} | servers[0].security.certificate is not a DER X.509 certificate
      bs not an object        | {"servers": [], "delete": [], "bootstrapServer": []}                                           | bootstrapServer must be a JSON object, not array
      bs bad timeout          | {"servers": [], "delete": [], "bootstrapServer": {"uri": "coap://b", "accountTimeout": -2, "security": {"mode": "nosec"}}} | bootstrapServer.accountTimeout -2 is outside
      bs psk no identity      | {"servers": [], "delete": [], "bootstrapServer": {"uri": "coaps://b", "security": {"mode": "psk", "key": "00"}}} | bootstrapServer.security.identity is missing
      bad content format      | {"servers": [], "delete": [], "contentFormat": 40}                                             | contentFormat 40 cannot carry Bootstrap-Writes
      unknown format name     | {"servers": [], "delete": [], "contentFormat": "xml"}                                          | contentFormat "xml" is not a content format
      bad version             | {"servers": [], "delete": [], "lwm2mVersion": 1.1}                                             | lwm2mVersion must be a string, not a number (1.1)
      no servers but deleting | {"servers": []}                                                                                | servers is empty but delete removes server accounts (/0)
      """)
  void refusesABadConfigNamingTheField(String name, String json, String message) {
    assertThatThrownBy(() -> BootstrapConfigJson.parse((json == null ? "" : json).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void aWrongCertificateUsageIsNamedWithItsPath() throws Exception {
    assertThatThrownBy(() -> parse("{\"servers\":[{\"shortServerId\":1,\"uri\":\"coaps://h\",\"security\":" + x509Json(7) + "}]}"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("servers[0].security.certificateUsage 7 is outside 0..3");
  }

  @Test
  void sessionRecordsRoundTrip() {
    BootstrapSessionRecord finished = BootstrapSessionRecord.finished(Instant.parse("2025-01-01T10:00:00Z"),
        Instant.parse("2025-01-01T10:00:02.5Z"), Optional.of("192.0.2.1:5683"), BootstrapMode.PACK);
    BootstrapSessionRecord running = new BootstrapSessionRecord(Instant.parse("2025-01-01T10:00:00Z"), Optional.empty(),
        "running", Optional.empty(), BootstrapMode.PUSH);

    assertThat(BootstrapSessionJson.toJson(finished).toString()).isEqualTo("{\"started\":\"2025-01-01T10:00:00Z\","
        + "\"finished\":\"2025-01-01T10:00:02.500Z\",\"outcome\":\"finished\",\"address\":\"192.0.2.1:5683\",\"mode\":\"pack\","
        + "\"lastSuccess\":{\"finished\":\"2025-01-01T10:00:02.500Z\",\"address\":\"192.0.2.1:5683\",\"mode\":\"pack\",\"servers\":[]}}");
    assertThat(BootstrapSessionJson.parse(BootstrapSessionJson.toJson(finished))).isEqualTo(finished);
    assertThat(BootstrapSessionJson.parse(BootstrapSessionJson.toJson(running))).isEqualTo(running);
    assertThat(BootstrapSessionRecord.failed(Instant.EPOCH, Instant.EPOCH, "timeout", Optional.empty(), BootstrapMode.REQUEST).outcome())
        .isEqualTo("failed: timeout");
  }

  @Test
  void aFailedSessionRoundTripsWithTheLastSuccessKeptApart() {
    BootstrapSessionRecord success = BootstrapSessionRecord.finished(Instant.parse("2025-01-01T10:00:00Z"),
        Instant.parse("2025-01-01T10:00:01Z"), Optional.of("192.0.2.1:5683"), BootstrapMode.REQUEST, List.of("coap://h:5683"));
    BootstrapSessionRecord failed = BootstrapSessionRecord.failed(Instant.parse("2025-01-02T10:00:00Z"),
        Instant.parse("2025-01-02T10:00:24Z"), "device did not answer", Optional.of("192.0.2.1:40000"), BootstrapMode.PUSH)
        .after(Optional.of(success));

    assertThat(BootstrapSessionJson.toJson(failed).toString()).isEqualTo("{\"started\":\"2025-01-02T10:00:00Z\","
        + "\"finished\":\"2025-01-02T10:00:24Z\",\"outcome\":\"failed: device did not answer\",\"address\":\"192.0.2.1:40000\","
        + "\"mode\":\"push\",\"lastSuccess\":{\"finished\":\"2025-01-01T10:00:01Z\",\"address\":\"192.0.2.1:5683\","
        + "\"mode\":\"request\",\"servers\":[\"coap://h:5683\"]}}");
    assertThat(BootstrapSessionJson.parse(BootstrapSessionJson.toJson(failed))).isEqualTo(failed);
  }

  @Test
  void aSessionRecordedBeforeModesWereKeptReadsAsABootstrapRequestAndAnUnknownModeIsNamed() throws Exception {
    String legacy = "{\"started\":\"2025-01-01T10:00:00Z\",\"outcome\":\"finished\"}";
    assertThat(BootstrapSessionJson.parse(BootstrapConfigJson.MAPPER.readTree(legacy)).mode()).isEqualTo(BootstrapMode.REQUEST);
    String unknown = "{\"started\":\"2025-01-01T10:00:00Z\",\"outcome\":\"finished\",\"mode\":\"smoke-signal\"}";
    assertThatThrownBy(() -> BootstrapSessionJson.parse(BootstrapConfigJson.MAPPER.readTree(unknown)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("mode").hasMessageContaining("smoke-signal");
  }

  @Test
  void aRoundTripKeepsDefaultPeriodsAndTimeouts() {
    BootstrapConfig config = BootstrapConfig.of(List.of(new ServerAccountConfig(9, "coap://h", 10, "U", new SecurityConfig.NoSec(),
        OptionalLong.of(0), OptionalLong.of(0)))).withBootstrapServer(new BootstrapAccountConfig("coap://b",
        new SecurityConfig.NoSec(), OptionalLong.of(0)));

    assertThat(BootstrapConfigJson.parse(BootstrapConfigJson.toJson(config))).isEqualTo(config);
    assertThat(new BootstrapConfig(List.of(LwM2mPath.ROOT), config.servers(), Optional.empty(), Optional.empty(), Optional.empty())
        .delete()).containsExactly(LwM2mPath.ROOT);
  }

  private static BootstrapConfig parse(String json) {
    return BootstrapConfigJson.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String x509Json(Integer usage) throws Exception {
    return "{\"mode\":\"x509\",\"certificate\":\"" + b64(TestCredentials.chain("client").get(0).getEncoded())
        + "\",\"privateKey\":\"" + b64(TestCredentials.privateKey("client").getEncoded())
        + "\",\"serverCertificate\":\"" + b64(TestCredentials.ca().getEncoded()) + "\""
        + (usage == null ? "" : ",\"certificateUsage\":" + usage) + "}";
  }

  private static String b64(byte[] der) {
    return Base64.getEncoder().encodeToString(der);
  }
}
