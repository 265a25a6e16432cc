package org.lwm2m4j.server.firmware;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.server.device.DeviceService;
import org.lwm2m4j.server.event.Listeners;
import org.lwm2m4j.server.observation.ObservationService;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationListener;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.transport.BlockProgress;

/**
 * Firmware updates from this server: the image repository, one {@link FirmwareUpdateJob} per
 * device (never two at once for the same endpoint), the job's status while it runs and after it
 * ended (the last one per endpoint), and listeners for every change. Pull updates point devices at
 * this server's own {@code /fw/{id}} CoAP resource ({@code coaps://} for devices registered over DTLS).
 *
 * <p>Every status change is put in a {@link FirmwareJobStore}; the jobs it holds are loaded at
 * construction, finished ones to be shown as they ended, unfinished ones to be taken up by {@link
 * #resumeStored()} (once the server answers requests) or when their device registers.
 */
public final class FirmwareUpdateService implements RegistrationListener, AutoCloseable {
  /** The Uri-Path of Package (/5/0/0), which a push writes. */
  private static final List<String> PACKAGE_SEGMENTS = List.of("5", "0", "0");
  private final FirmwareRepository images;
  private final RegistrationStore registrations;
  private final DeviceService devices;
  private final ObservationService observations;
  private final FirmwareSettings settings;
  private final InetSocketAddress coapAddress;
  private final Optional<InetSocketAddress> coapsAddress;
  private final FirmwareJobStore stored;
  private final Map<String, FirmwareUpdateJob> jobs = new ConcurrentHashMap<>();
  private final Listeners<FirmwareJobListener> listeners;
  private final Listeners<FirmwareImageListener> imageListeners;
  /** Hands the repository's changes to {@link #imageListeners}, off the repository's lock. */
  private final FirmwareImageListener imageChanges = new FirmwareImageListener() {
    @Override
    public void added(FirmwareImage image) {
      imageListeners.publish(listener -> listener.added(image));
    }

    @Override
    public void removed(FirmwareImage image) {
      imageListeners.publish(listener -> listener.removed(image));
    }
  };
  /** The server's scheduler: jobs' timeouts, polls and steps run there. */
  private final Scheduler scheduler;

  public FirmwareUpdateService(FirmwareRepository images, RegistrationStore registrations, DeviceService devices,
      ObservationService observations, FirmwareSettings settings, InetSocketAddress coapAddress,
      Optional<InetSocketAddress> coapsAddress, Scheduler scheduler) {
    this(images, registrations, devices, observations, settings, coapAddress, coapsAddress, scheduler, new InMemoryFirmwareJobStore());
  }

  /** A service keeping its jobs in {@code stored}, loading those it already holds. */
  public FirmwareUpdateService(FirmwareRepository images, RegistrationStore registrations, DeviceService devices,
      ObservationService observations, FirmwareSettings settings, InetSocketAddress coapAddress,
      Optional<InetSocketAddress> coapsAddress, Scheduler scheduler, FirmwareJobStore stored) {
    this.images = Objects.requireNonNull(images, "images");
    this.registrations = Objects.requireNonNull(registrations, "registrations");
    this.devices = Objects.requireNonNull(devices, "devices");
    this.observations = Objects.requireNonNull(observations, "observations");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.coapAddress = Objects.requireNonNull(coapAddress, "coapAddress");
    this.coapsAddress = Objects.requireNonNull(coapsAddress, "coapsAddress");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.listeners = new Listeners<>("firmware job", scheduler);
    this.imageListeners = new Listeners<>("firmware image", scheduler);
    this.stored = Objects.requireNonNull(stored, "stored");
    for (FirmwareJobStatus status : stored.all()) {
      String endpoint = status.endpoint();
      jobs.put(endpoint, new FirmwareUpdateJob(status, images.byId(status.imageId()), () -> packageUri(endpoint, status.imageId()),
          device(endpoint), scheduler, settings, this::changed));
    }
    images.onChange(imageChanges);
  }

  /**
   * Takes up the unfinished jobs loaded from the store: each observes and reads its device again
   * and continues from where the device stands; a device not registered now is taken up when it
   * registers (or its job times out).
   *
   * @return how many jobs are taken up
   */
  public int resumeStored() {
    int resumed = 0;
    for (FirmwareUpdateJob job : jobs.values()) {
      if (!job.finished()) {
        scheduler.execute(job::resume);
        resumed++;
      }
    }
    return resumed;
  }

  private FirmwareDevice device(String endpoint) {
    return new RegisteredDevice(endpoint, registrations, devices, observations, settings.downloadTimeout());
  }

  /** Keeps the change, then tells the listeners; runs holding the job's lock, so changes of a job are kept in order. */
  private void changed(FirmwareJobStatus status) {
    stored.put(status);
    listeners.publish(listener -> listener.changed(status));
  }

  /** The images devices can be updated with. */
  public FirmwareRepository images() {
    return images;
  }

  /** How updates run and how large an uploaded image may be. */
  public FirmwareSettings settings() {
    return settings;
  }

  /**
   * Adds the image uploaded as {@code content}, at most {@link FirmwareSettings#maxImageBytes()}
   * long, to {@link #images()} (see {@link FirmwareRepository#add(String, InputStream, long)}).
   *
   * @throws FirmwareTooLargeException if it is longer
   * @throws IOException if {@code content} cannot be read or the image cannot be stored
   */
  public FirmwareImage upload(String name, InputStream content) throws IOException {
    return images.add(name, content, settings.maxImageBytes());
  }

  public void addListener(FirmwareJobListener listener) {
    listeners.add(listener);
  }

  public void removeListener(FirmwareJobListener listener) {
    listeners.remove(listener);
  }

  /** Tells {@code listener} of every image added to or removed from {@link #images()}. */
  public void addImageListener(FirmwareImageListener listener) {
    imageListeners.add(listener);
  }

  public void removeImageListener(FirmwareImageListener listener) {
    imageListeners.remove(listener);
  }

  /**
   * Counts a block-wise transfer's progress (from the endpoints' {@link
   * org.lwm2m4j.transport.CoapEndpoint#addBlockProgressListener}) to the job it belongs to: a Write
   * of Package (/5/0/0) to a device's address is a push's, a download of {@code /fw/{id}} a pull's
   * (by the device registered at that address, else the one pull of that image). Returns at once;
   * the job counts it on the scheduler.
   */
  public void transferred(BlockProgress progress) {
    Optional<FirmwareUpdateJob> job = progress.direction() == BlockProgress.Direction.REQUEST_SENT
        ? pushTo(progress) : pullOf(progress);
    job.ifPresent(running -> scheduler.execute(() -> running.transferred(progress.bytes())));
  }

  private Optional<FirmwareUpdateJob> pushTo(BlockProgress progress) {
    if (!progress.path().equals(PACKAGE_SEGMENTS)) {
      return Optional.empty();
    }
    return registrations.byAddress(progress.peer()).map(registration -> jobs.get(registration.endpoint()))
        .filter(job -> job.method() == FirmwareMethod.PUSH && !job.finished());
  }

  private Optional<FirmwareUpdateJob> pullOf(BlockProgress progress) {
    List<String> path = progress.path();
    if (path.size() != 2 || !path.get(0).equals(FirmwareDownloads.PATH)) {
      return Optional.empty();
    }
    String id = path.get(1);
    Optional<FirmwareUpdateJob> byAddress = registrations.byAddress(progress.peer())
        .map(registration -> jobs.get(registration.endpoint())).filter(job -> pulls(job, id));
    if (byAddress.isPresent()) {
      return byAddress;
    }
    // a device may download from another port than it registered from: the pull is known if it is the only one
    List<FirmwareUpdateJob> pulling = jobs.values().stream().filter(job -> pulls(job, id)).limit(2).toList();
    return pulling.size() == 1 ? Optional.of(pulling.get(0)) : Optional.empty();
  }

  private static boolean pulls(FirmwareUpdateJob job, String imageId) {
    return job != null && !job.finished() && job.method() == FirmwareMethod.PULL && job.imageId().equals(imageId);
  }

  /**
   * Starts updating {@code endpoint} with image {@code imageId} by {@code method}; the job then
   * runs on its own and reports to the listeners.
   *
   * @return the job's first status
   * @throws UnknownImageException if there is no such image
   * @throws EndpointNotRegisteredException if no client is registered as {@code endpoint}
   * @throws UpdateInProgressException if the endpoint has an update running
   */
  public FirmwareJobStatus start(String endpoint, String imageId, FirmwareMethod method) {
    Objects.requireNonNull(method, "method");
    FirmwareImage image = images.byId(imageId).orElseThrow(() -> new UnknownImageException(imageId));
    Registration registration = registrations.byEndpoint(endpoint).orElseThrow(() -> new EndpointNotRegisteredException(endpoint));
    FirmwareUpdateJob job = new FirmwareUpdateJob(endpoint, image, method, () -> packageUri(endpoint, image.id()), device(endpoint), scheduler,
        settings, this::changed);
    FirmwareUpdateJob running = jobs.compute(endpoint, (name, previous) -> previous == null || previous.finished() ? job : previous);
    if (running != job) {
      throw new UpdateInProgressException(registration.endpoint());
    }
    job.start();
    return job.status();
  }

  /** The running or last job of {@code endpoint}. */
  public Optional<FirmwareJobStatus> job(String endpoint) {
    return Optional.ofNullable(jobs.get(endpoint)).map(FirmwareUpdateJob::status);
  }

  /** Every endpoint's running or last job. */
  public List<FirmwareJobStatus> jobs() {
    List<FirmwareJobStatus> all = new ArrayList<>();
    jobs.values().forEach(job -> all.add(job.status()));
    return all;
  }

  /** True while a pull job for image {@code id} may download it. */
  boolean pulling(String id) {
    return jobs.values().stream().anyMatch(job -> !job.finished() && job.method() == FirmwareMethod.PULL && job.imageId().equals(id));
  }

  /** Whether {@code peer} is the address of a registered client. */
  boolean registered(InetSocketAddress peer) {
    return registrations.byAddress(peer).isPresent();
  }

  /** The URI the device at {@code endpoint} downloads image {@code imageId} from: this server's {@code /fw/{id}}. */
  String packageUri(String endpoint, String imageId) {
    boolean secure = registrations.byEndpoint(endpoint).map(Registration::secure).orElse(false) && coapsAddress.isPresent();
    InetSocketAddress address = secure ? coapsAddress.get() : coapAddress;
    String host = settings.packageHost().orElseGet(() -> hostOf(address));
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return (secure ? "coaps" : "coap") + "://" + host + ":" + address.getPort() + "/" + FirmwareDownloads.PATH + "/" + imageId;
  }

  private static String hostOf(InetSocketAddress address) {
    InetAddress bound = address.getAddress();
    if (bound != null && !bound.isAnyLocalAddress()) {
      return bound.getHostAddress();
    }
    try {
      return InetAddress.getLocalHost().getHostAddress();
    } catch (UnknownHostException e) {
      return InetAddress.getLoopbackAddress().getHostAddress();
    }
  }

  @Override
  public void registered(Registration registration, Optional<Registration> replaced) {
    // a device that rebooted into its new firmware registers again; its observations are gone
    FirmwareUpdateJob job = jobs.get(registration.endpoint());
    if (job != null && !job.finished()) {
      scheduler.execute(job::deviceReturned);
    }
  }

  @Override
  public void close() {
    jobs.values().forEach(FirmwareUpdateJob::stop);
    images.stopTelling(imageChanges);
    listeners.close();
    imageListeners.close();
  }
}
