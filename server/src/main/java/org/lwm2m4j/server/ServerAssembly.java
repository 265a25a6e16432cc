package org.lwm2m4j.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.core.schedule.SystemScheduler;
import org.lwm2m4j.server.cluster.ClusterSettings;
import org.lwm2m4j.server.device.DeviceCodec;
import org.lwm2m4j.server.device.DeviceService;
import org.lwm2m4j.server.downlink.DownlinkChain;
import org.lwm2m4j.server.downlink.DownlinkEndpoints;
import org.lwm2m4j.server.firmware.FirmwareDownloads;
import org.lwm2m4j.server.firmware.FirmwareRepository;
import org.lwm2m4j.server.firmware.FirmwareSettings;
import org.lwm2m4j.server.observation.InMemoryObservationStore;
import org.lwm2m4j.server.observation.ObservationService;
import org.lwm2m4j.server.observation.ObservationStore;
import org.lwm2m4j.server.observation.Token;
import org.lwm2m4j.server.queue.Presence;
import org.lwm2m4j.server.queue.RequestQueue;
import org.lwm2m4j.server.registration.InMemoryRegistrationStore;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationHandler;
import org.lwm2m4j.server.registration.RegistrationService;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.server.registration.CredentialChangeDeregistration;
import org.lwm2m4j.server.security.InMemorySecurityStore;
import org.lwm2m4j.server.security.RegistrationAuthorizer;
import org.lwm2m4j.server.security.SecurityStore;
import org.lwm2m4j.server.send.SendHandler;
import org.lwm2m4j.server.store.ServerStore;
import org.lwm2m4j.server.uplink.QueueModeWakeUp;
import org.lwm2m4j.server.uplink.Route;
import org.lwm2m4j.server.uplink.UplinkGate;
import org.lwm2m4j.server.uplink.UplinkRouter;
import org.lwm2m4j.transport.CoapEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a {@link LwM2mServer} together from its builder's settings, in the order the parts need
 * each other: the scheduler, the registration side, the endpoints (bound with an {@link
 * UplinkGate}, since the services below need their addresses), the device API on top of them, and
 * last the {@link UplinkRouter} that opens the gate. One use per start.
 */
final class ServerAssembly {
  private static final Logger LOG = LoggerFactory.getLogger(LwM2mServer.class);

  private final LwM2mServerBuilder settings;
  // the settings the device API's block below reads, under the builder's names
  private final Duration requestTimeout;
  private final ObservationStore observationStore;
  private final FirmwareRepository firmwareRepository;
  private final FirmwareSettings firmwareSettings;
  private final ServerStore serverStore;
  private final int queueCapacity;
  private final Duration queueTimeToLive;
  private final Duration awakeTime;

  ServerAssembly(LwM2mServerBuilder settings) {
    this.settings = settings;
    this.requestTimeout = settings.requestTimeout;
    this.observationStore = settings.observationStore;
    this.firmwareRepository = settings.firmwareRepository;
    this.firmwareSettings = settings.firmwareSettings;
    this.serverStore = settings.serverStore;
    this.queueCapacity = settings.queueCapacity;
    this.queueTimeToLive = settings.queueTimeToLive;
    this.awakeTime = settings.awakeTime;
  }

  /** Binds the endpoints and wires the server; when an address cannot be bound, nothing stays bound or running. */
  LwM2mServer start() throws IOException {
    Optional<SystemScheduler> ownScheduler = settings.scheduler != null ? Optional.empty()
        : Optional.of(SystemScheduler.create("lwm2m-server"));
    Scheduler scheduler = settings.scheduler != null ? settings.scheduler : ownScheduler.get();
    try {
      return start(scheduler, ownScheduler);
    } catch (IOException | RuntimeException e) {
      ownScheduler.ifPresent(SystemScheduler::close);
      throw e;
    }
  }

  private LwM2mServer start(Scheduler scheduler, Optional<SystemScheduler> ownScheduler) throws IOException {
    Clock clock = settings.clock != null ? settings.clock : scheduler.clock();
    ObjectModelRegistry registry = settings.models != null ? settings.models : ObjectModelRegistry.bundled();
    RegistrationStore store = settings.registrationStore != null ? settings.registrationStore
        : new InMemoryRegistrationStore(Duration.ofSeconds(30));
    SecurityStore credentials = settings.securityStore != null ? settings.securityStore : new InMemorySecurityStore();
    RegistrationAuthorizer authorizer = new RegistrationAuthorizer(credentials, settings.unsecured);
    RegistrationService registrations = new RegistrationService(store, clock, scheduler, settings.expiryCheckInterval);
    SendHandler sends = new SendHandler(store, registry, authorizer, scheduler);
    UplinkGate uplink = new UplinkGate();
    ServerEndpoints endpoints;
    try {
      endpoints = ServerEndpoints.bind(settings.transport(), settings.coapAddress, Optional.ofNullable(settings.coapsAddress),
          settings.coapSettings, settings.identity(), credentials, Optional.ofNullable(settings.dtlsSessionFile),
          Optional.ofNullable(settings.dtlsCluster), Optional.ofNullable(settings.sms), uplink);
    } catch (IOException | RuntimeException e) {
      registrations.close();
      sends.close();
      throw e;
    }
    CoapEndpoint endpoint = endpoints.plain();
    Optional<CoapEndpoint> secure = endpoints.secure();

    // -- the device API: requests to devices, the queue for sleeping ones, observations, firmware jobs
    Presence presence = new Presence(clock, awakeTime);
    RequestQueue queue = new RequestQueue(queueCapacity, queueTimeToLive, scheduler);
    QueueModeWakeUp wakeUp = new QueueModeWakeUp(store, presence, queue);
    // the one way out to devices: queue-mode gate (and SMS wake-up) → metrics → conversion → deadline → endpoint → send
    DownlinkEndpoints downlinkEndpoints = DownlinkEndpoints.of(endpoint, secure, endpoints.sms());
    Optional<ClusterSettings> cluster = Optional.ofNullable(settings.cluster);
    ObservationStore observed = observationStore != null ? observationStore : new InMemoryObservationStore();
    Optional<DownlinkChain.Clustered> clustered = cluster.map(c -> new DownlinkChain.Clustered(c, store,
        token -> observed.byToken(Token.of(token)).isPresent()));
    DownlinkChain downlink = endpoints.sms().isPresent()
        ? DownlinkChain.withSmsWakeUp(downlinkEndpoints, scheduler, queue, presence, settings.smsWakeUpRetry, clustered)
        : DownlinkChain.withQueue(downlinkEndpoints, scheduler, queue, presence, clustered);
    DeviceCodec codec = new DeviceCodec(registry);
    DeviceService devices = new DeviceService(downlink, codec, requestTimeout);
    registrations.addListener(new org.lwm2m4j.server.registration.RegistrationListener() {
      @Override
      public void registered(Registration registration, Optional<Registration> replaced) {
        replaced.ifPresent(old -> {
          queue.forget(old);
          presence.forget(old.id());
        });
        if (registration.queueMode()) {
          presence.markAwake(registration);
        }
      }

      @Override
      public void updated(org.lwm2m4j.server.registration.UpdatedRegistration update) {
        if (update.current().queueMode()) {
          wakeUp.awake(update.current());
        }
      }

      @Override
      public void deregistered(Registration registration) {
        queue.forget(registration);
        presence.forget(registration.id());
      }

      @Override
      public void expired(Registration registration) {
        deregistered(registration);
      }
    });
    ObservationService observations = new ObservationService(downlink, codec, store, observed, clock, requestTimeout, scheduler,
        settings.observationsOnReRegistration);
    registrations.addListener(observations);
    org.lwm2m4j.server.firmware.FirmwareUpdateService firmware = new org.lwm2m4j.server.firmware.FirmwareUpdateService(
        firmwareRepository != null ? firmwareRepository
            // room for at least one image of the largest size an upload may have
            : org.lwm2m4j.server.firmware.FirmwareRepository.inMemory(Math.max(
                org.lwm2m4j.server.firmware.FirmwareRepository.DEFAULT_MAX_TOTAL_BYTES, firmwareSettings.maxImageBytes())),
        store, devices, observations, firmwareSettings, endpoint.address(), secure.map(CoapEndpoint::address), scheduler,
        serverStore != null ? serverStore.firmwareJobs() : new org.lwm2m4j.server.firmware.InMemoryFirmwareJobStore());
    registrations.addListener(firmware);
    // block-wise progress of pushed packages (Block1) and pulled downloads (Block2) for the jobs
    endpoint.addBlockProgressListener(firmware::transferred);
    secure.ifPresent(dtls -> dtls.addBlockProgressListener(firmware::transferred));
    int restored = observations.restoreStored();
    if (restored > 0) {
      LOG.info("re-armed {} stored observations", restored);
    }
    // the endpoints answer by now, so resumed jobs can reach their devices right away
    int resumed = firmware.resumeStored();
    if (resumed > 0) {
      LOG.info("resuming {} stored firmware update jobs", resumed);
    }
    // -- end of the device API

    // notifications reach their observation, not the router: they show the device awake all the same
    observations.addListener(notification -> wakeUp.heardFrom(notification.registration().address()));
    UplinkRouter.Builder router = UplinkRouter.builder().filter(wakeUp);
    Optional<ClusterWiring> clusterWiring = cluster.map(c -> new ClusterWiring(c, store, observations, wakeUp, scheduler));
    clusterWiring.ifPresent(wiring -> router.filter(wiring.filter()));
    uplink.open(router
        .route(Route.under("rd", new RegistrationHandler(registrations, authorizer)))
        .route(Route.at("dp", sends))
        .route(Route.under(FirmwareDownloads.PATH, new FirmwareDownloads(firmware)::handle))
        .otherwise("on this server; clients register under /rd and send to /dp")
        .build());
    credentials.addListener(new CredentialChangeDeregistration(registrations));
    return new LwM2mServer(new LwM2mServer.Parts(endpoints, credentials, settings.serverCredentials(), queue, presence,
        downlink, registrations, devices, observations, sends, registry, firmware, Optional.ofNullable(serverStore), scheduler,
        ownScheduler, clusterWiring));
  }
}
