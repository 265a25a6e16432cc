package org.lwm2m4j.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lwm2m4j.client.acl.AccessControl;
import org.lwm2m4j.client.bootstrap.BootstrapClient;
import org.lwm2m4j.client.bootstrap.BootstrapRequestHandler;
import org.lwm2m4j.client.bootstrap.ProvisionedState;
import org.lwm2m4j.client.bootstrap.SmartcardProvisioning;
import org.lwm2m4j.client.dm.ClientInbound;
import org.lwm2m4j.client.dm.DeviceManagementHandler;
import org.lwm2m4j.client.object.InstanceEnabler;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.object.standard.DeviceInfo;
import org.lwm2m4j.client.object.standard.DeviceInstance;
import org.lwm2m4j.client.observe.AttributeStore;
import org.lwm2m4j.client.observe.ObservationTracker;
import org.lwm2m4j.client.registration.AccountEndpoints;
import org.lwm2m4j.client.registration.AwakeWindow;
import org.lwm2m4j.client.registration.RegistrationEngine;
import org.lwm2m4j.client.registration.ServerAccount;
import org.lwm2m4j.client.registration.ServerActions;
import org.lwm2m4j.client.registration.ServerInstance;
import org.lwm2m4j.client.security.SecureChannels;
import org.lwm2m4j.client.security.SecurityObjectCodec;
import org.lwm2m4j.client.security.SmsSecurityMode;
import org.lwm2m4j.core.attribute.ServerDefaults;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.model.CoreObjectVersions;
import org.lwm2m4j.core.model.ObjectModel;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.core.schedule.SystemScheduler;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires a client from its {@link ClientConfig}, in dependency order and without late-bound
 * references: the object tree with the Server instances publishing on {@link ServerActions}; the
 * channels (not yet bound); the registration engine and the bootstrap client, which send through
 * the channels and subscribe to the server actions; the inbound handler over them; then the
 * channels are opened with that handler and the engine and the bootstrap client start.
 */
final class ClientAssembly {
  private static final Logger LOG = LoggerFactory.getLogger(LwM2mClient.class);

  private final ClientConfig config;

  private ClientAssembly(ClientConfig config) {
    this.config = config;
  }

  /** Builds and starts the client {@code config} describes. */
  static LwM2mClient start(ClientConfig config) throws IOException {
    Optional<SystemScheduler> ownScheduler = config.scheduler().isPresent() ? Optional.empty()
        : Optional.of(SystemScheduler.create("lwm2m-client-" + config.endpointName(), 2));
    Scheduler scheduler = config.scheduler().orElseGet(ownScheduler::orElseThrow);
    try {
      return new ClientAssembly(config).start(scheduler, ownScheduler);
    } catch (IOException | RuntimeException e) {
      ownScheduler.ifPresent(SystemScheduler::close);
      throw e;
    }
  }

  private LwM2mClient start(Scheduler scheduler, Optional<SystemScheduler> ownScheduler) throws IOException {
    String endpointName = config.endpointName();
    Clock clock = config.clock().orElseGet(scheduler::clock);
    ObjectModelRegistry registry = config.models();
    ObjectTree tree = new ObjectTree(config.version());
    AttributeStore attributes = new AttributeStore();
    ServerActions actions = new ServerActions(scheduler);
    addAccounts(tree, registry, actions);
    SecureChannels channels = new SecureChannels(config.transport(), config.localAddress(), config.coapSettings(), config.sms());
    AccountEndpoints endpoints = AccountEndpoints.of(channels);
    RegistrationEngine engine = new RegistrationEngine(tree, endpoints, scheduler, actions, endpointName, config.version(),
        LwM2mClient.FORMATS, config.registrationSettings());
    AccessControl access = new AccessControl(tree, () -> engine.accounts().size());
    for (ClientConfig.ObjectConfig object : config.objects()) {
      tree.addObject(model(registry, object.objectId()), object.factory(), object.instances());
    }
    if (tree.objectModel(2).isEmpty()) {
      tree.addObject(model(registry, 2), StoredInstance::new, List.of());
    }
    Optional<SmartcardProvisioning> smartcard = applyProvisioning(tree);
    if (tree.objectModel(3).isEmpty()) {
      // The Device object is mandatory: a client configured without one still reports itself.
      tree.addObject(model(registry, 3), StoredInstance::new, List.of(new DeviceInstance(
          new DeviceInfo("lwm2m4j", "lwm2m4j-client", endpointName, "0.1.0", "", "", ""),
          () -> LOG.info("Reboot executed (/3/0/4): nothing to reboot in a library client"),
          () -> LOG.info("Factory Reset executed (/3/0/5): nothing to reset in a library client"), scheduler)));
    }

    ObservationTracker observations = new ObservationTracker(tree, attributes, ssid -> defaultsOf(engine, ssid), scheduler);
    observations.setReadPermission((ssid, path) -> !access.enabled() || !tree.exists(path) || access.canRead(ssid, path));
    BootstrapClient bootstrap = new BootstrapClient(tree, engine, endpoints, actions, scheduler, endpointName,
        config.provisioning().stateDir(), config.bootstrapTimeouts().finish(), config.bootstrapTimeouts().retry(),
        config.registrationSettings().requestTimeout());
    BootstrapRequestHandler bootstrapHandler = new BootstrapRequestHandler(tree, bootstrap);
    AwakeWindow awake = new AwakeWindow(scheduler.clock(), config.registrationSettings().awakeWindow());
    CoapHandler handler = ClientInbound.chain(bootstrap::isBootstrapServer, bootstrapHandler::handle, engine::ssidOf,
        new ClientChannels(engine, bootstrap, awake), access, tree,
        new DeviceManagementHandler(tree, attributes, observations, ContentFormat.SENML_CBOR));
    CoapEndpoint endpoint = channels.open(handler);
    // first, so that a listener told of a Register finds the old registration's observations ended
    engine.addListener(observations);
    config.listeners().forEach(engine::addListener);
    engine.addListener(awake);
    engine.queueMode(config.queueMode());
    engine.smsNumber(channels.ownSmsNumber());
    smartcard.ifPresent(engine::addListener);
    config.bootstrapListeners().forEach(bootstrap::addListener);
    engine.start();
    bootstrap.start();
    return new LwM2mClient(endpointName, tree, endpoint, channels, engine, observations, bootstrap,
        new ServerSend(tree, engine, access, endpoint, clock, config.registrationSettings().requestTimeout()),
        new PackageDownload(endpoint, engine, endpoints), scheduler, ownScheduler);
  }

  /** The configured servers as Security and Server instances, and the Bootstrap-Server account as a Security instance. */
  private void addAccounts(ObjectTree tree, ObjectModelRegistry registry, ServerActions actions) {
    List<InstanceEnabler> security = new ArrayList<>();
    List<InstanceEnabler> server = new ArrayList<>();
    List<ClientConfig.ServerConfig> servers = config.servers();
    for (int i = 0; i < servers.size(); i++) {
      ClientConfig.ServerConfig account = servers.get(i);
      List<LwM2mResource> resources = new ArrayList<>(List.of(
          SingleResource.of(0, Value.of(account.uri().toString())),
          SingleResource.of(1, Value.of(false)),
          SingleResource.of(10, Value.ofInteger(account.shortServerId()))));
      resources.addAll(SecurityObjectCodec.resources(account.credentials()));
      account.smsNumber().ifPresent(number -> {
        resources.add(SingleResource.of(6, Value.ofInteger(SmsSecurityMode.NO_SEC)));
        resources.add(SingleResource.of(9, Value.of(number)));
      });
      security.add(new StoredInstance(i, resources));
      ServerInstance instance = new ServerInstance(i, actions);
      instance.write(SingleResource.of(0, Value.ofInteger(account.shortServerId())));
      instance.write(SingleResource.of(1, Value.ofInteger(account.lifetimeSeconds())));
      instance.write(SingleResource.of(6, Value.of(false)));
      instance.write(SingleResource.of(7, Value.of(account.binding())));
      instance.write(SingleResource.of(23, Value.of(false)));
      server.add(instance);
    }
    config.bootstrapServer().ifPresent(bootstrapServer -> {
      List<LwM2mResource> resources = new ArrayList<>(List.of(
          SingleResource.of(0, Value.of(bootstrapServer.uri().toString())),
          SingleResource.of(1, Value.of(true))));
      resources.addAll(SecurityObjectCodec.resources(bootstrapServer.credentials()));
      security.add(new StoredInstance(servers.size(), resources));
    });
    tree.addObject(model(registry, 0), StoredInstance::new, security);
    tree.addObject(model(registry, 1), id -> new ServerInstance(id, actions), server);
  }

  /**
   * The client's bootstrap sequence before registering: the smartcard first, else a saved state
   * (from an earlier bootstrap), else the factory configuration. Returns the smartcard
   * provisioning when a smartcard was configured: it checks the card again at each registration.
   */
  private Optional<SmartcardProvisioning> applyProvisioning(ObjectTree tree) throws IOException {
    ClientConfig.Provisioning provisioning = config.provisioning();
    Optional<SmartcardProvisioning> smartcard = Optional.empty();
    if (provisioning.smartcard()) {
      smartcard = Optional.of(new SmartcardProvisioning(tree, provisioning.smartcardReader()));
      if (smartcard.get().applyAtStart()) {
        return smartcard;
      }
    }
    Optional<Path> stateDir = provisioning.stateDir();
    Optional<byte[]> saved = stateDir.isPresent() ? ProvisionedState.load(stateDir.get()) : Optional.empty();
    if (saved.isPresent()) {
      ProvisionedState.apply(tree, saved.get());
      LOG.info("provisioned accounts loaded from {}", stateDir.get().resolve(ProvisionedState.FILE));
    } else if (provisioning.factoryConfig().isPresent()) {
      Path factoryConfig = provisioning.factoryConfig().get();
      ProvisionedState.apply(tree, Files.readAllBytes(factoryConfig));
      LOG.info("factory configuration applied from {}", factoryConfig);
      if (stateDir.isPresent()) {
        ProvisionedState.save(tree, stateDir.get());
      }
    }
    return smartcard;
  }

  /**
   * The model the client implements object {@code objectId} with: for a core object, the version
   * of the LwM2M release it registers with (or the nearest the registry has); else the newest.
   */
  private ObjectModel model(ObjectModelRegistry registry, int objectId) {
    return CoreObjectVersions.of(objectId, config.version()).flatMap(release -> registry.nearest(objectId, release))
        .or(() -> registry.objectModel(objectId))
        .orElseThrow(() -> new IllegalArgumentException("no model for object " + objectId + "; add its DDF file to the models"));
  }

  private static ServerDefaults defaultsOf(RegistrationEngine engine, int ssid) {
    return engine.accounts().stream().filter(a -> a.shortServerId() == ssid).findFirst()
        .map(ServerAccount::notificationDefaults).orElse(ServerDefaults.NONE);
  }
}
