package org.lwm2m4j.server.bootstrap.config;

import java.util.ArrayList;
import java.util.List;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.value.Value;

/** The Security (0) and Server (1) instances that provision one account. Stateless. */
final class AccountInstances {
  static final int SECURITY_OBJECT = 0;
  static final int SERVER_OBJECT = 1;

  // Security (0) resources
  static final int URI = 0;
  static final int BOOTSTRAP_SERVER = 1;
  static final int SECURITY_MODE = 2;
  static final int PUBLIC_KEY_OR_IDENTITY = 3;
  static final int SERVER_PUBLIC_KEY = 4;
  static final int SECRET_KEY = 5;
  static final int SHORT_SERVER_ID = 10;
  static final int ACCOUNT_TIMEOUT = 12;
  static final int CERTIFICATE_USAGE = 15;

  // Server (1) resources
  static final int SERVER_SHORT_SERVER_ID = 0;
  static final int LIFETIME = 1;
  static final int DEFAULT_MIN_PERIOD = 2;
  static final int DEFAULT_MAX_PERIOD = 3;
  static final int NOTIFICATION_STORING = 6;
  static final int BINDING = 7;

  private AccountInstances() {}

  /** The Security instance of a LwM2M Server account. */
  static LwM2mObjectInstance security(int instanceId, ServerAccountConfig server) {
    List<LwM2mResource> resources = credentials(server.uri(), false, server.security());
    resources.add(SingleResource.of(SHORT_SERVER_ID, Value.ofInteger(server.shortServerId())));
    return new LwM2mObjectInstance(instanceId, resources);
  }

  /** The Security instance of the Bootstrap-Server account: no Short Server ID. */
  static LwM2mObjectInstance security(int instanceId, BootstrapAccountConfig account) {
    List<LwM2mResource> resources = credentials(account.uri(), true, account.security());
    account.accountTimeout().ifPresent(seconds -> resources.add(SingleResource.of(ACCOUNT_TIMEOUT, Value.ofInteger(seconds))));
    return new LwM2mObjectInstance(instanceId, resources);
  }

  /** The Server instance of a LwM2M Server account. */
  static LwM2mObjectInstance server(int instanceId, ServerAccountConfig server) {
    List<LwM2mResource> resources = new ArrayList<>();
    resources.add(SingleResource.of(SERVER_SHORT_SERVER_ID, Value.ofInteger(server.shortServerId())));
    resources.add(SingleResource.of(LIFETIME, Value.ofInteger(server.lifetime())));
    server.defaultMinPeriod().ifPresent(seconds -> resources.add(SingleResource.of(DEFAULT_MIN_PERIOD, Value.ofInteger(seconds))));
    server.defaultMaxPeriod().ifPresent(seconds -> resources.add(SingleResource.of(DEFAULT_MAX_PERIOD, Value.ofInteger(seconds))));
    // Notifications are not queued while the server is unreachable: a bootstrapped client starts with bounded memory.
    resources.add(SingleResource.of(NOTIFICATION_STORING, Value.of(false)));
    resources.add(SingleResource.of(BINDING, Value.of(server.binding())));
    return new LwM2mObjectInstance(instanceId, resources);
  }

  private static List<LwM2mResource> credentials(String uri, boolean bootstrapServer, SecurityConfig security) {
    List<LwM2mResource> resources = new ArrayList<>();
    resources.add(SingleResource.of(URI, Value.of(uri)));
    resources.add(SingleResource.of(BOOTSTRAP_SERVER, Value.of(bootstrapServer)));
    resources.add(SingleResource.of(SECURITY_MODE, Value.ofInteger(security.securityMode())));
    // 3, 4 and 5 are mandatory, so NoSec writes them empty rather than leaving them out.
    resources.add(SingleResource.of(PUBLIC_KEY_OR_IDENTITY, Value.of(security.publicKeyOrIdentity())));
    resources.add(SingleResource.of(SERVER_PUBLIC_KEY, Value.of(security.serverPublicKey())));
    resources.add(SingleResource.of(SECRET_KEY, Value.of(security.secretKey())));
    if (security instanceof SecurityConfig.X509 x509) {
      resources.add(SingleResource.of(CERTIFICATE_USAGE, Value.ofUnsigned(x509.certificateUsage())));
    }
    return resources;
  }
}
