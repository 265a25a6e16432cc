package org.lwm2m4j.app.bootstrap;

import java.util.Map;
import java.util.Optional;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfig;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfigStore;
import org.lwm2m4j.server.bootstrap.config.BootstrapSessionRecord;
import org.lwm2m4j.server.bootstrap.config.SecurityConfig;
import org.lwm2m4j.server.security.PskSecurity;
import org.lwm2m4j.server.security.SecurityInfo;
import org.lwm2m4j.server.security.SecurityStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration store of the Bootstrap-Server, keeping its DTLS credential store in step: a
 * configuration's own Bootstrap-Server account over PSK is how that client will come back, so its
 * identity and key are accepted from the moment the configuration is stored (and no longer once it
 * is removed).
 */
final class BootstrapCredentials implements BootstrapConfigStore {
  private static final Logger LOG = LoggerFactory.getLogger(BootstrapCredentials.class);

  private final BootstrapConfigStore configs;
  private final SecurityStore security;

  BootstrapCredentials(BootstrapConfigStore configs, SecurityStore security) {
    this.configs = configs;
    this.security = security;
    configs.all().forEach(this::accept);
  }

  private void accept(String endpoint, BootstrapConfig config) {
    config.bootstrapServer().ifPresent(account -> {
      if (account.security() instanceof SecurityConfig.Psk psk) {
        try {
          security.put(new PskSecurity(endpoint, psk.identity(), psk.key()));
        } catch (RuntimeException e) {
          LOG.warn("the bootstrap PSK identity of {} cannot be accepted: {}", endpoint, e.getMessage());
        }
      }
    });
  }

  @Override
  public Optional<BootstrapConfig> get(String endpoint) {
    return configs.get(endpoint);
  }

  @Override
  public Optional<BootstrapConfig> put(String endpoint, BootstrapConfig config) {
    Optional<BootstrapConfig> replaced = configs.put(endpoint, config);
    accept(endpoint, config);
    return replaced;
  }

  @Override
  public Optional<BootstrapConfig> remove(String endpoint) {
    Optional<BootstrapConfig> removed = configs.remove(endpoint);
    Optional<SecurityInfo> credentials = security.byEndpoint(endpoint);
    if (removed.isPresent() && credentials.isPresent() && removed.get().bootstrapServer().isPresent()) {
      security.remove(endpoint);
    }
    return removed;
  }

  @Override
  public Map<String, BootstrapConfig> all() {
    return configs.all();
  }

  @Override
  public void recordSession(String endpoint, BootstrapSessionRecord record) {
    configs.recordSession(endpoint, record);
  }

  @Override
  public Optional<BootstrapSessionRecord> lastSession(String endpoint) {
    return configs.lastSession(endpoint);
  }
}
