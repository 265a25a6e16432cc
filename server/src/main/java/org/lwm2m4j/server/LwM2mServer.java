package org.lwm2m4j.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.core.schedule.SystemScheduler;
import org.lwm2m4j.server.device.DeviceService;
import org.lwm2m4j.server.downlink.DownlinkChain;
import org.lwm2m4j.server.firmware.FirmwareUpdateService;
import org.lwm2m4j.server.observation.ObservationService;
import org.lwm2m4j.server.queue.Presence;
import org.lwm2m4j.server.queue.RequestQueue;
import org.lwm2m4j.server.queue.WakeUpListener;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationService;
import org.lwm2m4j.server.security.SecurityStore;
import org.lwm2m4j.server.security.ServerCredentials;
import org.lwm2m4j.server.send.SendHandler;
import org.lwm2m4j.server.send.SendListener;
import org.lwm2m4j.server.store.ServerStore;
import org.lwm2m4j.server.store.StoreWriteListener;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.dtls.HandshakeObserver;

/**
 * A running LwM2M server on one CoAP endpoint (and a DTLS one and an SMS one if asked): the registration
 * interface ({@code /rd}), Send ({@code /dp}), firmware downloads ({@code /fw}), the device API and
 * observations, wired together. Build one with {@link #builder()}, use its services, close it to
 * stop.
 *
 * <p>Every inbound request passes one {@link org.lwm2m4j.server.uplink.UplinkRouter} (see {@link
 * ServerAssembly} for the order the parts are put together in); timers and listeners run on the
 * {@link #scheduler()}.
 *
 * <pre>{@code
 * try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress(5683)).start()) {
 *   server.registrations().addListener(...);
 *   Registration dev1 = server.registrations().store().byEndpoint("dev1").orElseThrow();
 *   LwM2mNode device = server.devices().read(dev1, LwM2mPath.of(3, 0), RequestOptions.DEFAULTS).get();
 * }
 * }</pre>
 */
public final class LwM2mServer implements AutoCloseable {
  private final Parts parts;

  /**
   * What a started server is made of, put together by {@link ServerAssembly}.
   *
   * @param store the persistent store given to the builder, if any
   * @param ownScheduler the scheduler the server made for itself, stopped at close (none when the caller gave one)
   */
  record Parts(ServerEndpoints endpoints, SecurityStore security, ServerCredentials serverCredentials, RequestQueue queue,
      Presence presence, DownlinkChain downlink, RegistrationService registrations, DeviceService devices, ObservationService observations,
      SendHandler sends, ObjectModelRegistry models, FirmwareUpdateService firmware, Optional<ServerStore> store,
      Scheduler scheduler, Optional<SystemScheduler> ownScheduler, Optional<ClusterWiring> cluster) {}

  LwM2mServer(Parts parts) {
    this.parts = parts;
  }

  /** Settings for a server, each with a default that runs a working server. */
  public static LwM2mServerBuilder builder() {
    return new LwM2mServerBuilder();
  }

  /**
   * Tells {@code listener} about every batch the persistent store commits (for write latency
   * metrics); does nothing when the server keeps its state in memory only.
   */
  public void addStoreWriteListener(StoreWriteListener listener) {
    parts.store().ifPresent(store -> store.addWriteListener(listener));
  }

  /** Register, Update, De-register, expiry, registration events and the registration store. */
  public RegistrationService registrations() {
    return parts.registrations();
  }

  /** Read, Write, Create, Delete, Execute, Discover, Write-Attributes and the composite operations. */
  public DeviceService devices() {
    return parts.devices();
  }

  /** Observe, Observe-Composite, Cancel Observation and notification events. */
  public ObservationService observations() {
    return parts.observations();
  }

  /** Firmware images and updates (push or pull), served to devices under {@code /fw/{id}}. */
  public FirmwareUpdateService firmware() {
    return parts.firmware();
  }

  /** Listens to data clients push with Send. */
  public void addSendListener(SendListener listener) {
    parts.sends().addListener(listener);
  }

  /** The object models values are typed with. */
  public ObjectModelRegistry models() {
    return parts.models();
  }

  /** The bound CoAP address. */
  public InetSocketAddress coapAddress() {
    return parts.endpoints().plain().address();
  }

  /** The bound CoAP-over-DTLS address, if the server has one. */
  public Optional<InetSocketAddress> coapsAddress() {
    return parts.endpoints().secure().map(CoapEndpoint::address);
  }

  /** The bound address of the DTLS cluster's internal channel, if the DTLS endpoint is a cluster node. */
  public Optional<InetSocketAddress> dtlsClusterAddress() {
    return parts.endpoints().secure().flatMap(CoapEndpoint::dtlsClusterAddress);
  }

  /** The server's SMS address ({@code SmsAddress.of(number)}), if it serves CoAP over SMS. */
  public Optional<InetSocketAddress> smsAddress() {
    return parts.endpoints().sms().map(CoapEndpoint::address);
  }

  /**
   * Tells {@code listener} about every SMS the server sends to wake a sleeping queue-mode client
   * (never called on a server without SMS).
   */
  public void addWakeUpListener(WakeUpListener listener) {
    parts.downlink().addWakeUpListener(listener);
  }

  /** Whether a request queued for {@code registration}'s sleeping client makes this server wake it by SMS. */
  public boolean canWakeBySms(Registration registration) {
    return parts.downlink().canWakeBySms(registration);
  }

  /** What the server presents in DTLS handshakes (public key, certificate chain). */
  public ServerCredentials serverCredentials() {
    return parts.serverCredentials();
  }

  /** Tells {@code observer} about every DTLS handshake on the secure endpoint (full or resumed, failed or not). */
  public void addHandshakeObserver(HandshakeObserver observer) {
    parts.endpoints().addHandshakeObserver(observer);
  }

  /** Requests waiting for sleeping queue-mode clients, findable by id. */
  public RequestQueue queue() {
    return parts.queue();
  }

  /** Which queue-mode clients are awake. */
  public Presence presence() {
    return parts.presence();
  }

  /** The clients' expected credentials. */
  public SecurityStore security() {
    return parts.security();
  }

  /** Where the server's timers and background work run. */
  public Scheduler scheduler() {
    return parts.scheduler();
  }

  @Override
  public void close() {
    parts.firmware().close();
    parts.cluster().ifPresent(ClusterWiring::close);
    parts.downlink().close();
    parts.queue().close();
    parts.endpoints().close();
    parts.registrations().close();
    parts.observations().close();
    parts.sends().close();
    parts.ownScheduler().ifPresent(SystemScheduler::close);
  }
}
