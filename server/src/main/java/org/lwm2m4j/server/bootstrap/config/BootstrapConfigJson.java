package org.lwm2m4j.server.bootstrap.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.path.InvalidPathException;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * Bootstrap configs as JSON, the form of {@code PUT /api/v1/bootstrap/configs/{ep}} and of the
 * files of {@link FileBootstrapConfigStore}:
 *
 * <pre>{@code
 * {"delete": ["/0", "/1"],
 *  "servers": [{"shortServerId": 1, "uri": "coaps://127.0.0.1:5684", "lifetime": 300, "binding": "U",
 *               "defaultMinPeriod": 1, "defaultMaxPeriod": 60,
 *               "security": {"mode": "psk", "identity": "dev1", "key": "00112233445566778899aabbccddeeff"}}],
 *  "bootstrapServer": {"uri": "coaps://127.0.0.1:5784", "accountTimeout": 0,
 *                      "security": {"mode": "psk", "identity": "dev1-bs", "key": "…"}},
 *  "contentFormat": 112,
 *  "lwm2mVersion": "1.1"}
 * }</pre>
 *
 * Security is {@code {"mode":"nosec"}}, {@code {"mode":"psk","identity":…,"key":"<hex>"}}, {@code
 * {"mode":"rpk","publicKey":…,"privateKey":…,"serverPublicKey":…}} (base64 DER SubjectPublicKeyInfo
 * and PKCS#8) or {@code {"mode":"x509","certificate":…,"privateKey":…,"serverCertificate":…,
 * "certificateUsage":3}} (base64 DER; PEM armour is tolerated). Defaults: {@code delete} {@code
 * ["/0","/1"]}, {@code lifetime} 86400, {@code binding} {@code "U"}, {@code certificateUsage} 3;
 * {@code contentFormat} may also be a short name such as {@code "senml-cbor"}. Unknown fields are
 * refused, so a misspelt one is not silently ignored.
 *
 * <p>{@link #toJson} leaves the client's secrets out entirely (the PSK {@code key} and the
 * {@code privateKey}; no mask either, so nobody mistakes a placeholder for a value): such JSON
 * shows a config but cannot be stored back as it is. {@link #toJsonWithSecrets} is the complete
 * form, for storage. Stateless and thread-safe.
 */
public final class BootstrapConfigJson {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final String EXAMPLE = "{\"servers\":[{\"shortServerId\":1,\"uri\":\"coap://127.0.0.1:5683\","
      + "\"security\":{\"mode\":\"nosec\"}}]}";
  private static final String SERVER_EXAMPLE = "{\"shortServerId\":1,\"uri\":\"coaps://host:5684\",\"lifetime\":300,"
      + "\"binding\":\"U\",\"security\":{\"mode\":\"psk\",\"identity\":\"dev1\",\"key\":\"00112233445566778899aabbccddeeff\"}}";
  private static final String PSK_EXAMPLE = "{\"mode\":\"psk\",\"identity\":\"dev1\",\"key\":\"00112233445566778899aabbccddeeff\"}";

  private static final String DELETE = "delete";
  private static final String SERVERS = "servers";
  private static final String BOOTSTRAP_SERVER = "bootstrapServer";
  private static final String CONTENT_FORMAT = "contentFormat";
  private static final String LWM2M_VERSION = "lwm2mVersion";
  private static final String SHORT_SERVER_ID = "shortServerId";
  private static final String URI = "uri";
  private static final String LIFETIME = "lifetime";
  private static final String BINDING = "binding";
  private static final String DEFAULT_MIN_PERIOD = "defaultMinPeriod";
  private static final String DEFAULT_MAX_PERIOD = "defaultMaxPeriod";
  private static final String SECURITY = "security";
  private static final String ACCOUNT_TIMEOUT = "accountTimeout";
  private static final String MODE = "mode";
  private static final String IDENTITY = "identity";
  private static final String KEY = "key";
  private static final String PUBLIC_KEY = "publicKey";
  private static final String PRIVATE_KEY = "privateKey";
  private static final String SERVER_PUBLIC_KEY = "serverPublicKey";
  private static final String CERTIFICATE = "certificate";
  private static final String SERVER_CERTIFICATE = "serverCertificate";
  private static final String CERTIFICATE_USAGE = "certificateUsage";

  private BootstrapConfigJson() {}

  /**
   * The config in {@code json} (UTF-8).
   *
   * @throws InvalidRequestException naming the field if the text is not JSON, a field is missing,
   *     of the wrong type or unknown, or a value is invalid; never any other exception
   */
  public static BootstrapConfig parse(byte[] json) {
    return parse(tree(json));
  }

  /**
   * The config {@code json} describes.
   *
   * @throws InvalidRequestException naming the field, as {@link #parse(byte[])}
   */
  public static BootstrapConfig parse(JsonNode json) {
    JsonFields fields = JsonFields.of(json, "");
    fields.only(List.of(DELETE, SERVERS, BOOTSTRAP_SERVER, CONTENT_FORMAT, LWM2M_VERSION, "acls"));
    List<LwM2mPath> delete = fields.optional(DELETE).map(BootstrapConfigJson::delete).orElse(BootstrapConfig.DEFAULT_DELETE);
    List<ServerAccountConfig> servers = servers(fields.required(SERVERS, "[" + SERVER_EXAMPLE + "]"));
    Optional<BootstrapAccountConfig> bootstrapServer = fields.optional(BOOTSTRAP_SERVER).map(BootstrapConfigJson::bootstrapServer);
    Optional<Integer> contentFormat = fields.optional(CONTENT_FORMAT).map(value -> contentFormat(fields, value));
    Optional<String> version = fields.optionalText(LWM2M_VERSION);
    List<AclConfig> acls = fields.optional("acls").map(BootstrapConfigJson::acls).orElse(List.of());
    return build(fields, () -> new BootstrapConfig(delete, servers, bootstrapServer, contentFormat, version, acls));
  }

  /** {@code [{"objectId":3,"instanceId":0,"acl":{"1":15,"0":1},"owner":1}]}. */
  private static List<AclConfig> acls(JsonNode json) {
    if (!json.isArray()) {
      throw new InvalidRequestException("acls must be an array like [{\"objectId\":3,\"instanceId\":0,\"acl\":{\"1\":15},\"owner\":1}]");
    }
    List<AclConfig> acls = new java.util.ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      JsonNode item = json.get(i);
      String where = "acls[" + i + "]";
      if (!item.isObject() || !item.path("objectId").canConvertToInt() || !item.path("owner").canConvertToInt()
          || !item.path("acl").isObject()) {
        throw new InvalidRequestException(where + " needs objectId, instanceId (default 65535), acl {ssid: rights} and owner");
      }
      java.util.Map<Integer, Integer> rights = new java.util.TreeMap<>();
      java.util.Iterator<java.util.Map.Entry<String, JsonNode>> entries = item.get("acl").fields();
      while (entries.hasNext()) {
        java.util.Map.Entry<String, JsonNode> entry = entries.next();
        try {
          rights.put(Integer.parseInt(entry.getKey()), entry.getValue().intValue());
        } catch (NumberFormatException e) {
          throw new InvalidRequestException(where + ".acl: '" + entry.getKey() + "' is not a Short Server ID");
        }
        if (!entry.getValue().canConvertToInt()) {
          throw new InvalidRequestException(where + ".acl." + entry.getKey() + " must be a number 0..31");
        }
      }
      acls.add(new AclConfig(item.get("objectId").intValue(), item.path("instanceId").asInt(65535), rights, item.get("owner").intValue()));
    }
    return acls;
  }

  /** {@code config} as JSON without the client's secrets (see the class comment), for showing. */
  public static ObjectNode toJson(BootstrapConfig config) {
    return write(config, false);
  }

  /** {@code config} as JSON with every secret, which {@link #parse} reads back to an equal config: for storage only. */
  public static ObjectNode toJsonWithSecrets(BootstrapConfig config) {
    return write(config, true);
  }

  /**
   * {@code json} as a tree.
   *
   * @throws InvalidRequestException if it is empty or not a single JSON value
   */
  static JsonNode tree(byte[] json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException("the config is not JSON: " + e.getOriginalMessage() + "; expected e.g. " + EXAMPLE);
    } catch (IOException e) {
      throw new InvalidRequestException("the config is unreadable: " + e.getMessage());
    }
    if (node == null || node.isMissingNode()) {
      throw new InvalidRequestException("the config is empty; expected e.g. " + EXAMPLE);
    }
    return node;
  }

  private static List<LwM2mPath> delete(JsonNode json) {
    if (!json.isArray()) {
      throw new InvalidRequestException(DELETE + " must be an array of paths such as [\"/0\", \"/1\"], not " + JsonFields.kind(json));
    }
    List<LwM2mPath> paths = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      JsonNode item = json.get(i);
      String at = DELETE + "[" + i + "]";
      if (!item.isTextual()) {
        throw new InvalidRequestException(at + " must be a path string such as \"/0\", not " + JsonFields.kind(item));
      }
      try {
        paths.add(LwM2mPath.parse(item.textValue()));
      } catch (InvalidPathException e) {
        throw new InvalidRequestException(at + ": " + e.getMessage());
      }
    }
    return paths;
  }

  private static List<ServerAccountConfig> servers(JsonNode json) {
    if (!json.isArray()) {
      throw new InvalidRequestException(SERVERS + " must be an array of accounts such as [" + SERVER_EXAMPLE + "], not "
          + JsonFields.kind(json));
    }
    List<ServerAccountConfig> servers = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      servers.add(server(JsonFields.of(json.get(i), SERVERS + "[" + i + "]")));
    }
    return servers;
  }

  private static ServerAccountConfig server(JsonFields fields) {
    fields.only(List.of(SHORT_SERVER_ID, URI, LIFETIME, BINDING, DEFAULT_MIN_PERIOD, DEFAULT_MAX_PERIOD, SECURITY));
    int shortServerId = fields.smallInteger(SHORT_SERVER_ID, "1");
    String uri = fields.text(URI, "\"coaps://host:5684\"");
    long lifetime = fields.optionalInteger(LIFETIME).orElse(ServerAccountConfig.DEFAULT_LIFETIME);
    String binding = fields.optionalText(BINDING).orElse(ServerAccountConfig.DEFAULT_BINDING);
    OptionalLong minPeriod = fields.optionalInteger(DEFAULT_MIN_PERIOD);
    OptionalLong maxPeriod = fields.optionalInteger(DEFAULT_MAX_PERIOD);
    SecurityConfig security = security(fields, SECURITY);
    return build(fields, () -> new ServerAccountConfig(shortServerId, uri, lifetime, binding, security, minPeriod, maxPeriod));
  }

  private static BootstrapAccountConfig bootstrapServer(JsonNode json) {
    JsonFields fields = JsonFields.of(json, BOOTSTRAP_SERVER);
    fields.only(List.of(URI, SECURITY, ACCOUNT_TIMEOUT));
    String uri = fields.text(URI, "\"coaps://host:5784\"");
    OptionalLong timeout = fields.optionalInteger(ACCOUNT_TIMEOUT);
    SecurityConfig security = security(fields, SECURITY);
    return build(fields, () -> new BootstrapAccountConfig(uri, security, timeout));
  }

  private static SecurityConfig security(JsonFields parent, String field) {
    JsonFields fields = JsonFields.of(parent.required(field, PSK_EXAMPLE), parent.at(field));
    String mode = fields.text(MODE, "\"psk\"");
    switch (mode) {
      case "nosec":
        fields.only(List.of(MODE));
        return new SecurityConfig.NoSec();
      case "psk": {
        fields.only(List.of(MODE, IDENTITY, KEY));
        String identity = fields.text(IDENTITY, "\"dev1\"");
        byte[] key = fields.hex(KEY, "\"00112233445566778899aabbccddeeff\"");
        return build(fields, () -> new SecurityConfig.Psk(identity, key));
      }
      case "rpk": {
        fields.only(List.of(MODE, PUBLIC_KEY, PRIVATE_KEY, SERVER_PUBLIC_KEY));
        byte[] publicKey = fields.base64(PUBLIC_KEY, "\"<base64 DER SubjectPublicKeyInfo>\"");
        byte[] privateKey = fields.base64(PRIVATE_KEY, "\"<base64 DER PKCS#8>\"");
        byte[] serverPublicKey = fields.base64(SERVER_PUBLIC_KEY, "\"<base64 DER SubjectPublicKeyInfo>\"");
        return build(fields, () -> new SecurityConfig.Rpk(publicKey, privateKey, serverPublicKey));
      }
      case "x509": {
        fields.only(List.of(MODE, CERTIFICATE, PRIVATE_KEY, SERVER_CERTIFICATE, CERTIFICATE_USAGE));
        byte[] certificate = fields.base64(CERTIFICATE, "\"<base64 DER certificate>\"");
        byte[] privateKey = fields.base64(PRIVATE_KEY, "\"<base64 DER PKCS#8>\"");
        byte[] serverCertificate = fields.base64(SERVER_CERTIFICATE, "\"<base64 DER certificate>\"");
        OptionalLong usage = fields.optionalInteger(CERTIFICATE_USAGE);
        int certificateUsage = usage.isPresent()
            ? fields.toInt(usage.getAsLong(), CERTIFICATE_USAGE) : SecurityConfig.X509.DOMAIN_ISSUED_CERTIFICATE;
        return build(fields, () -> new SecurityConfig.X509(certificate, privateKey, serverCertificate, certificateUsage));
      }
      default:
        throw new InvalidRequestException(fields.at(MODE) + " \"" + mode + "\" is unknown; use \"nosec\", \"psk\", \"rpk\" or \"x509\"");
    }
  }

  private static int contentFormat(JsonFields fields, JsonNode value) {
    if (value.isTextual()) {
      return ContentFormat.fromShortName(value.textValue()).map(ContentFormat::code)
          .orElseThrow(() -> new InvalidRequestException(CONTENT_FORMAT + " \"" + value.textValue()
              + "\" is not a content format; use e.g. \"tlv\", \"senml-json\", \"senml-cbor\" or 11542"));
    }
    return fields.smallInteger(CONTENT_FORMAT, "112");
  }

  /** Makes a value whose checks name fields relative to {@code fields}, placing the message at its path. */
  private static <T> T build(JsonFields fields, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (InvalidRequestException e) {
      throw new InvalidRequestException(fields.prefix() + e.getMessage(), e);
    }
  }

  private static ObjectNode write(BootstrapConfig config, boolean secrets) {
    ObjectNode json = MAPPER.createObjectNode();
    ArrayNode delete = json.putArray(DELETE);
    config.delete().forEach(path -> delete.add(path.toString()));
    ArrayNode servers = json.putArray(SERVERS);
    for (ServerAccountConfig server : config.servers()) {
      ObjectNode item = servers.addObject()
          .put(SHORT_SERVER_ID, server.shortServerId())
          .put(URI, server.uri())
          .put(LIFETIME, server.lifetime())
          .put(BINDING, server.binding());
      server.defaultMinPeriod().ifPresent(seconds -> item.put(DEFAULT_MIN_PERIOD, seconds));
      server.defaultMaxPeriod().ifPresent(seconds -> item.put(DEFAULT_MAX_PERIOD, seconds));
      item.set(SECURITY, security(server.security(), secrets));
    }
    config.bootstrapServer().ifPresent(account -> {
      ObjectNode item = json.putObject(BOOTSTRAP_SERVER).put(URI, account.uri());
      account.accountTimeout().ifPresent(seconds -> item.put(ACCOUNT_TIMEOUT, seconds));
      item.set(SECURITY, security(account.security(), secrets));
    });
    config.contentFormat().ifPresent(code -> json.put(CONTENT_FORMAT, code));
    config.lwm2mVersion().ifPresent(version -> json.put(LWM2M_VERSION, version));
    if (!config.acls().isEmpty()) {
      ArrayNode acls = json.putArray("acls");
      for (AclConfig acl : config.acls()) {
        ObjectNode item = acls.addObject().put("objectId", acl.objectId()).put("instanceId", acl.instanceId()).put("owner", acl.owner());
        ObjectNode rights = item.putObject("acl");
        acl.rights().forEach((ssid, mask) -> rights.put(Integer.toString(ssid), mask));
      }
    }
    return json;
  }

  private static ObjectNode security(SecurityConfig security, boolean secrets) {
    ObjectNode json = MAPPER.createObjectNode().put(MODE, security.modeName());
    Base64.Encoder base64 = Base64.getEncoder();
    if (security instanceof SecurityConfig.Psk psk) {
      json.put(IDENTITY, psk.identity());
      if (secrets) {
        json.put(KEY, HexFormat.of().formatHex(psk.key()));
      }
    } else if (security instanceof SecurityConfig.Rpk rpk) {
      json.put(PUBLIC_KEY, base64.encodeToString(rpk.publicKey()));
      if (secrets) {
        json.put(PRIVATE_KEY, base64.encodeToString(rpk.privateKey()));
      }
      json.put(SERVER_PUBLIC_KEY, base64.encodeToString(rpk.serverPublicKey()));
    } else if (security instanceof SecurityConfig.X509 x509) {
      json.put(CERTIFICATE, base64.encodeToString(x509.certificate()));
      if (secrets) {
        json.put(PRIVATE_KEY, base64.encodeToString(x509.privateKey()));
      }
      json.put(SERVER_CERTIFICATE, base64.encodeToString(x509.serverCertificate()));
      json.put(CERTIFICATE_USAGE, x509.certificateUsage());
    }
    return json;
  }
}
