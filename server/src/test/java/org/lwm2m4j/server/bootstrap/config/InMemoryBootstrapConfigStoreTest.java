package org.lwm2m4j.server.bootstrap.config;

class InMemoryBootstrapConfigStoreTest extends BootstrapConfigStoreContract {
  private final InMemoryBootstrapConfigStore store = new InMemoryBootstrapConfigStore();

  @Override
  BootstrapConfigStore store() {
    return store;
  }
}
