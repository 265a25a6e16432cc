package org.lwm2m4j.client.object.firmware;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.value.OpaqueValue;
import org.lwm2m4j.core.value.StringValue;
import org.lwm2m4j.core.value.Value;

/**
 * The Firmware Update object (5) with its state machine: Idle (0) → Downloading (1) → Downloaded
 * (2) → Updating (3) → Idle, and the Update Result codes. A package arrives by push (Write of
 * Package, block-wise for large images) or pull (Write of Package URI: the client downloads it,
 * {@code coap://} or {@code coaps://}, block-wise); Update installs it through the {@link
 * FirmwareUpdater}; an empty Package or Package URI resets to Idle. State and result changes notify
 * observers, so servers follow the update by observation.
 */
public final class FirmwareUpdateInstance extends StoredInstance {
  public static final int IDLE = 0;
  public static final int DOWNLOADING = 1;
  public static final int DOWNLOADED = 2;
  public static final int UPDATING = 3;

  public static final int RESULT_INITIAL = 0;
  public static final int RESULT_SUCCESS = 1;
  public static final int RESULT_CONNECTION_LOST = 4;
  public static final int RESULT_INTEGRITY_FAILURE = 5;
  public static final int RESULT_INVALID_URI = 7;
  public static final int RESULT_UPDATE_FAILED = 8;
  public static final int RESULT_UNSUPPORTED_PROTOCOL = 9;

  private static final int PACKAGE = 0;
  private static final int PACKAGE_URI = 1;
  private static final int UPDATE = 2;
  private static final int STATE = 3;
  private static final int RESULT = 5;

  private final FirmwareUpdater updater;
  private final Function<URI, CompletableFuture<byte[]>> downloader;
  private final Executor later;
  private volatile int state = IDLE;
  private volatile int result = RESULT_INITIAL;
  private volatile byte[] firmware = new byte[0];
  private volatile String packageUri = "";

  /**
   * @param downloader fetches a package URI (the client's CoAP channel)
   * @param later runs the installation after the Execute has been answered
   */
  public FirmwareUpdateInstance(FirmwareUpdater updater, Function<URI, CompletableFuture<byte[]>> downloader, Executor later) {
    super(0);
    this.updater = updater;
    this.downloader = downloader;
    this.later = later;
  }

  @Override
  protected List<Integer> resourceIds() {
    return List.of(PACKAGE_URI, STATE, RESULT, 8, 9);
  }

  @Override
  public Optional<LwM2mResource> resource(int resourceId) {
    switch (resourceId) {
      case PACKAGE_URI:
        return Optional.of(SingleResource.of(PACKAGE_URI, Value.of(packageUri)));
      case STATE:
        return Optional.of(SingleResource.of(STATE, Value.ofInteger(state)));
      case RESULT:
        return Optional.of(SingleResource.of(RESULT, Value.ofInteger(result)));
      case 8:
        return Optional.of(new MultipleResource(8, ResourceType.INTEGER, List.of(
            LwM2mResourceInstance.of(0, Value.ofInteger(0)), LwM2mResourceInstance.of(1, Value.ofInteger(1)))));
      case 9:
        return Optional.of(SingleResource.of(9, Value.ofInteger(2)));
      default:
        return super.resource(resourceId);
    }
  }

  /** The state now (0 Idle … 3 Updating). */
  public int state() {
    return state;
  }

  /** The Update Result now. */
  public int result() {
    return result;
  }

  @Override
  public synchronized void write(LwM2mResource resource) {
    if (resource.id() == PACKAGE && resource instanceof SingleResource single && single.value() instanceof OpaqueValue bytes) {
      receive(bytes.bytes());
    } else if (resource.id() == PACKAGE_URI && resource instanceof SingleResource single && single.value() instanceof StringValue uri) {
      pull(uri.value());
    } else {
      super.write(resource);
    }
  }

  private void receive(byte[] image) {
    if (image.length == 0) {
      reset();
      return;
    }
    move(DOWNLOADING, RESULT_INITIAL);
    downloaded(image);
  }

  private void downloaded(byte[] image) {
    int verdict = updater.verify(image);
    if (verdict == RESULT_INITIAL || verdict == RESULT_SUCCESS) {
      firmware = image.clone();
      move(DOWNLOADED, RESULT_INITIAL);
    } else {
      firmware = new byte[0];
      move(IDLE, verdict);
    }
  }

  private void pull(String text) {
    packageUri = text;
    if (text.isEmpty()) {
      reset();
      return;
    }
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      move(IDLE, RESULT_INVALID_URI);
      return;
    }
    if (uri.getHost() == null) {
      move(IDLE, RESULT_INVALID_URI);
      return;
    }
    if (!"coap".equals(uri.getScheme()) && !"coaps".equals(uri.getScheme())) {
      move(IDLE, RESULT_UNSUPPORTED_PROTOCOL);
      return;
    }
    move(DOWNLOADING, RESULT_INITIAL);
    downloader.apply(uri).whenComplete((image, failure) -> {
      synchronized (this) {
        if (failure != null || image == null) {
          move(IDLE, RESULT_CONNECTION_LOST);
        } else {
          downloaded(image);
        }
      }
    });
  }

  private void reset() {
    firmware = new byte[0];
    move(IDLE, RESULT_INITIAL);
  }

  @Override
  public void execute(int resourceId, String arguments) {
    if (resourceId != UPDATE) {
      super.execute(resourceId, arguments);
      return;
    }
    synchronized (this) {
      if (state != DOWNLOADED) {
        throw new MethodNotAllowedException("Update needs a downloaded package (state 2); the state is " + state);
      }
      move(UPDATING, RESULT_INITIAL);
    }
    byte[] image = firmware;
    later.execute(() -> {
      int outcome = updater.install(image);
      synchronized (this) {
        firmware = new byte[0];
        move(IDLE, outcome == RESULT_SUCCESS ? RESULT_SUCCESS : (outcome == RESULT_INITIAL ? RESULT_UPDATE_FAILED : outcome));
      }
    });
  }

  private void move(int nextState, int nextResult) {
    boolean stateChanged = state != nextState;
    boolean resultChanged = result != nextResult;
    state = nextState;
    result = nextResult;
    if (stateChanged && resultChanged) {
      changed(STATE, RESULT);
    } else if (stateChanged) {
      changed(STATE);
    } else if (resultChanged) {
      changed(RESULT);
    }
  }
}
