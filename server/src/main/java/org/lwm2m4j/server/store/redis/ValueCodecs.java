package org.lwm2m4j.server.store.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfig;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfigJson;
import org.lwm2m4j.server.bootstrap.config.BootstrapSessionJson;
import org.lwm2m4j.server.bootstrap.config.BootstrapSessionRecord;
import org.lwm2m4j.server.firmware.FirmwareJobStatus;
import org.lwm2m4j.server.firmware.FirmwareMethod;
import org.lwm2m4j.server.firmware.FirmwarePhase;
import org.lwm2m4j.server.observation.Observation;
import org.lwm2m4j.server.observation.Token;
import org.lwm2m4j.server.security.CredentialOrigin;
import org.lwm2m4j.server.security.PskSecurity;
import org.lwm2m4j.server.security.PublicKeys;
import org.lwm2m4j.server.security.RpkSecurity;
import org.lwm2m4j.server.security.SecurityInfo;
import org.lwm2m4j.server.security.X509Security;

/**
 * The values of the keys other than registrations: tab-separated text, the field that may hold
 * anything last; bootstrap configs and sessions as the JSON the SQLite store keeps.
 */
final class ValueCodecs {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private ValueCodecs() {}

  /** An observation as the value of its token's field in the endpoint's observation hash. */
  static String observation(Observation o) {
    List<String> paths = new ArrayList<>(o.paths().size());
    for (LwM2mPath path : o.paths()) {
      paths.add(path.toString());
    }
    return String.join(",", paths) + "\t" + (o.composite() ? "1" : "0") + "\t"
        + (o.contentFormat().isPresent() ? Integer.toString(o.contentFormat().getAsInt()) : "") + "\t"
        + o.createdAt().toEpochMilli() + "\t" + o.registrationId();
  }

  static Observation observation(String tokenHex, String value) {
    String[] v = value.split("\t", 5);
    List<LwM2mPath> paths = new ArrayList<>();
    for (String path : v[0].split(",")) {
      paths.add(LwM2mPath.parse(path));
    }
    OptionalInt format = v[2].isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(v[2]));
    return new Observation(Token.fromHex(tokenHex), v[4], paths, v[1].equals("1"), format, Instant.ofEpochMilli(Long.parseLong(v[3])));
  }

  static String credentials(SecurityInfo info, CredentialOrigin origin) {
    String head = info.mode() + "\t" + origin.name() + "\t";
    if (info instanceof PskSecurity psk) {
      return head + HEX.formatHex(psk.key()) + "\t" + psk.identity();
    }
    if (info instanceof RpkSecurity rpk) {
      return head + HEX.formatHex(rpk.publicKey().getEncoded());
    }
    return head;
  }

  static SecurityInfo credentials(String endpoint, String value) {
    String[] v = value.split("\t", 4);
    return switch (v[0]) {
      case "psk" -> new PskSecurity(endpoint, v[3], HEX.parseHex(v[2]));
      case "rpk" -> new RpkSecurity(endpoint, PublicKeys.decode(HEX.parseHex(v[2])));
      case "x509" -> new X509Security(endpoint);
      default -> throw new IllegalStateException("the credentials of '" + endpoint + "' in Redis have an unknown mode " + v[0]);
    };
  }

  static CredentialOrigin origin(String value) {
    return CredentialOrigin.valueOf(value.split("\t", 3)[1]);
  }

  static String firmwareJob(FirmwareJobStatus job) {
    return job.imageId() + "\t" + job.method().name() + "\t" + job.phase().name() + "\t" + optionalInt(job.state()) + "\t"
        + optionalInt(job.result()) + "\t" + job.startedAt().toEpochMilli() + "\t" + job.updatedAt().toEpochMilli() + "\t"
        + RegistrationCodec.optional(job.error());
  }

  static FirmwareJobStatus firmwareJob(String endpoint, String value) {
    String[] v = value.split("\t", 8);
    return new FirmwareJobStatus(endpoint, v[0], FirmwareMethod.valueOf(v[1]), FirmwarePhase.valueOf(v[2]), parseOptionalInt(v[3]),
        parseOptionalInt(v[4]), RegistrationCodec.parseOptional(v[7]), Instant.ofEpochMilli(Long.parseLong(v[5])),
        Instant.ofEpochMilli(Long.parseLong(v[6])));
  }

  static String bootstrapConfig(BootstrapConfig config) {
    return BootstrapConfigJson.toJsonWithSecrets(config).toString();
  }

  static BootstrapConfig bootstrapConfig(String value) {
    return BootstrapConfigJson.parse(value.getBytes(StandardCharsets.UTF_8));
  }

  static String bootstrapSession(BootstrapSessionRecord record) {
    return BootstrapSessionJson.toJson(record).toString();
  }

  static BootstrapSessionRecord bootstrapSession(String value) {
    try {
      return BootstrapSessionJson.parse(JSON.readTree(value));
    } catch (IOException e) {
      throw new UncheckedIOException("an unreadable bootstrap session in Redis: " + e.getMessage(), e);
    }
  }

  private static String optionalInt(OptionalInt value) {
    return value.isPresent() ? Integer.toString(value.getAsInt()) : "";
  }

  private static OptionalInt parseOptionalInt(String text) {
    return text.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(text));
  }
}
