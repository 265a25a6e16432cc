package org.lwm2m4j.server.bootstrap.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * What the Bootstrap Server does to one endpoint: Bootstrap-Delete the {@code delete} paths, then
 * Bootstrap-Write the accounts ({@link #instances()}), then Bootstrap-Finish. Immutable; checked
 * completely when made, so a stored config can always be applied.
 *
 * <pre>{@code
 * BootstrapConfig config = BootstrapConfig.of(List.of(new ServerAccountConfig(
 *     1, "coaps://lwm2m.example.com:5684", 300, "U", new SecurityConfig.Psk("dev1", key))));
 * config.instances(); // /0/0 (Security), /1/0 (Server)
 * }</pre>
 *
 * @param delete the paths to Bootstrap-Delete first, in order: {@code /}, {@code /o} or {@code /o/i}
 * @param servers the LwM2M Server accounts, Short Server IDs distinct
 * @param bootstrapServer the Bootstrap-Server account to rewrite, if any
 * @param contentFormat the content format for the writes, overriding the one the client prefers:
 *     TLV (11542, legacy 1542), SenML JSON (110), SenML CBOR (112), LwM2M JSON (11543) or LwM2M CBOR (11544)
 * @param lwm2mVersion the LwM2M version the client is known to speak ({@code "1.0"}, {@code "1.1"},
 *     {@code "1.2"}), kept in canonical {@code major.minor} form
 */
public record BootstrapConfig(List<LwM2mPath> delete, List<ServerAccountConfig> servers,
    Optional<BootstrapAccountConfig> bootstrapServer, Optional<Integer> contentFormat, Optional<String> lwm2mVersion,
    List<AclConfig> acls) {
  /** The delete list when a config names none: every Security and Server instance but the bootstrap account. */
  public static final List<LwM2mPath> DEFAULT_DELETE = List.of(LwM2mPath.of(0), LwM2mPath.of(1));

  private static final Set<ContentFormat> WRITE_FORMATS = Set.of(ContentFormat.TLV, ContentFormat.TLV_LEGACY,
      ContentFormat.SENML_JSON, ContentFormat.SENML_CBOR, ContentFormat.JSON, ContentFormat.LWM2M_CBOR);
  private static final LwM2mPath DEVICE_INSTANCE = LwM2mPath.of(3, 0);

  /** @throws InvalidRequestException naming the field whose value is invalid */
  public BootstrapConfig {
    delete = checkDelete(delete);
    servers = checkServers(servers);
    acls = List.copyOf(Objects.requireNonNull(acls, "acls"));
    Objects.requireNonNull(bootstrapServer, "bootstrapServer");
    Objects.requireNonNull(contentFormat, "contentFormat");
    Objects.requireNonNull(lwm2mVersion, "lwm2mVersion");
    contentFormat.ifPresent(BootstrapConfig::checkContentFormat);
    lwm2mVersion = lwm2mVersion.map(BootstrapConfig::canonicalVersion);
    if (servers.isEmpty() && delete.stream().anyMatch(BootstrapConfig::removesServerAccounts)) {
      throw new InvalidRequestException("servers is empty but delete removes server accounts ("
          + delete.stream().filter(BootstrapConfig::removesServerAccounts).findFirst().orElseThrow()
          + "); a bootstrapped client must keep at least one LwM2M Server account: add a server or narrow delete");
    }
  }

  /** A configuration without Access Control instances. */
  public BootstrapConfig(List<LwM2mPath> delete, List<ServerAccountConfig> servers, Optional<BootstrapAccountConfig> bootstrapServer,
      Optional<Integer> contentFormat, Optional<String> lwm2mVersion) {
    this(delete, servers, bootstrapServer, contentFormat, lwm2mVersion, List.of());
  }

  /** Deletes {@link #DEFAULT_DELETE}, then writes {@code servers}; no bootstrap account, no overrides. */
  public static BootstrapConfig of(List<ServerAccountConfig> servers) {
    return new BootstrapConfig(DEFAULT_DELETE, servers, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** This config with {@code account} as the Bootstrap-Server account to write. */
  public BootstrapConfig withBootstrapServer(BootstrapAccountConfig account) {
    return new BootstrapConfig(delete, servers, Optional.of(account), contentFormat, lwm2mVersion, acls);
  }

  /**
   * The Bootstrap-Writes to perform after the deletes, in order: the Security instances of the
   * servers ({@code /0/0} … {@code /0/n-1}), the Bootstrap-Server account's Security instance
   * ({@code /0/n}) if there is one, then the Server instances ({@code /1/0} … {@code /1/n-1}), then
   * the Access Control instances ({@code /2/0} …).
   */
  /** The session this configuration asks for: its deletes, then its writes, in its content format if it names one. */
  public org.lwm2m4j.server.bootstrap.BootstrapPlan plan() {
    java.util.Map<LwM2mPath, org.lwm2m4j.core.node.LwM2mObjectInstance> writes = new java.util.LinkedHashMap<>();
    for (BootstrapWrite write : instances()) {
      writes.put(write.instancePath(), write.instance());
    }
    return new org.lwm2m4j.server.bootstrap.BootstrapPlan(delete(), writes,
        contentFormat().flatMap(org.lwm2m4j.core.codec.ContentFormat::fromCode));
  }

  public List<BootstrapWrite> instances() {
    return instances(OptionalInt.empty());
  }

  /**
   * The Bootstrap-Writes to perform, as {@link #instances()}, for a client whose current
   * Bootstrap-Server account is Security instance {@code bootstrapAccountInstance} (learnt by
   * Bootstrap-Discover: the {@code /0/x} link without {@code ssid}). That id is never given to a
   * server account, since Bootstrap-Delete leaves it in place, and a configured bootstrap account
   * is written over it.
   *
   * @throws IllegalArgumentException if the instance id is outside 0..65534
   */
  public List<BootstrapWrite> instances(OptionalInt bootstrapAccountInstance) {
    Objects.requireNonNull(bootstrapAccountInstance, "bootstrapAccountInstance");
    bootstrapAccountInstance.ifPresent(id -> {
      if (!LwM2mPath.isValidId(id)) {
        throw new IllegalArgumentException("bootstrap account instance id " + id + " is outside 0.." + LwM2mPath.MAX_ID);
      }
    });
    List<BootstrapWrite> writes = new ArrayList<>(servers.size() * 2 + 1);
    int next = 0;
    for (ServerAccountConfig server : servers) {
      if (bootstrapAccountInstance.isPresent() && next == bootstrapAccountInstance.getAsInt()) {
        next++;
      }
      writes.add(write(AccountInstances.SECURITY_OBJECT, next, AccountInstances.security(next, server)));
      next++;
    }
    if (bootstrapServer.isPresent()) {
      int id = bootstrapAccountInstance.orElse(next);
      writes.add(write(AccountInstances.SECURITY_OBJECT, id, AccountInstances.security(id, bootstrapServer.get())));
    }
    for (int i = 0; i < servers.size(); i++) {
      writes.add(write(AccountInstances.SERVER_OBJECT, i, AccountInstances.server(i, servers.get(i))));
    }
    for (int i = 0; i < acls.size(); i++) {
      writes.add(write(2, i, acls.get(i).instance(i)));
    }
    return List.copyOf(writes);
  }

  private static BootstrapWrite write(int objectId, int instanceId, LwM2mObjectInstance instance) {
    return new BootstrapWrite(LwM2mPath.of(objectId, instanceId), instance);
  }

  private static List<LwM2mPath> checkDelete(List<LwM2mPath> delete) {
    if (delete == null) {
      throw new InvalidRequestException("delete is missing; use [] to delete nothing");
    }
    for (LwM2mPath path : delete) {
      if (path == null) {
        throw new InvalidRequestException("delete holds a null path");
      }
      if (path.depth() > 2) {
        throw new InvalidRequestException("delete " + path + ": Bootstrap-Delete targets /, /o or /o/i only");
      }
      if (path.equals(DEVICE_INSTANCE)) {
        throw new InvalidRequestException("delete /3/0: the Device instance is never deleted by a bootstrap");
      }
    }
    return List.copyOf(delete);
  }

  private static List<ServerAccountConfig> checkServers(List<ServerAccountConfig> servers) {
    if (servers == null) {
      throw new InvalidRequestException("servers is missing");
    }
    Set<Integer> ids = new HashSet<>();
    for (ServerAccountConfig server : servers) {
      if (server == null) {
        throw new InvalidRequestException("servers holds a null account");
      }
      if (!ids.add(server.shortServerId())) {
        throw new InvalidRequestException("shortServerId " + server.shortServerId()
            + " is used by two servers; each account needs its own");
      }
    }
    return List.copyOf(servers);
  }

  private static void checkContentFormat(int code) {
    Optional<ContentFormat> format = ContentFormat.fromCode(code);
    if (format.isEmpty() || !WRITE_FORMATS.contains(format.get())) {
      throw new InvalidRequestException("contentFormat " + code + " cannot carry Bootstrap-Writes; use 11542 (TLV), "
          + "110 (SenML JSON), 112 (SenML CBOR), 11543 (LwM2M JSON) or 11544 (LwM2M CBOR)");
    }
  }

  private static String canonicalVersion(String text) {
    Version version;
    try {
      version = Version.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("lwm2mVersion \"" + text + "\" is not a version such as 1.1");
    }
    if (version.major() != 1 || version.minor() > 2) {
      throw new InvalidRequestException("lwm2mVersion " + version + " is not supported; use 1.0, 1.1 or 1.2");
    }
    return version.toString();
  }

  private static boolean removesServerAccounts(LwM2mPath path) {
    return path.isRoot() || path.objectId() == AccountInstances.SECURITY_OBJECT || path.objectId() == AccountInstances.SERVER_OBJECT;
  }
}
