package org.lwm2m4j.app.rest;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.leshan.client.resource.BaseInstanceEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.WriteResponse;

/**
 * A Firmware Update object (5) for a Leshan client, written for the tests on Leshan's client API,
 * since Leshan 2.0.0-M15 ships none: Package write (push), Package URI write with a download by
 * Californium's {@link CoapClient} (pull, coap:// only), Update execute, and State / Update Result
 * changes notified to observers — what a device built on Leshan would do.
 */
public final class LeshanFirmwareObject extends BaseInstanceEnabler {
  private static final int STATE_CHANGED = 1;
  private static final int RESULT_CHANGED = 2;

  final BlockingQueue<byte[]> installed = new LinkedBlockingQueue<>();
  private volatile int state;
  private volatile int result;
  private volatile String packageUri = "";
  private volatile byte[] image = new byte[0];

  /** Public and without arguments, as Leshan's object initializer wants for the instances it is given. */
  public LeshanFirmwareObject() {}

  // read takes no lock (the fields are volatile), and resource changes are fired after the lock is
  // left: Leshan's notification path takes its own locks, and a CoAP thread waiting on this object
  // while the install thread notified under it deadlocked the client now and then
  @Override
  public ReadResponse read(LwM2mServer server, int resourceId) {
    switch (resourceId) {
      case 1:
        return ReadResponse.success(resourceId, packageUri);
      case 3:
        return ReadResponse.success(resourceId, (long) state);
      case 5:
        return ReadResponse.success(resourceId, (long) result);
      default:
        return super.read(server, resourceId);
    }
  }

  @Override
  public WriteResponse write(LwM2mServer server, boolean replace, int resourceId, LwM2mResource value) {
    if (resourceId == 0) {
      byte[] bytes = (byte[]) value.getValue();
      int changed;
      synchronized (this) {
        if (bytes.length == 0) {
          changed = move(0, 0);
        } else {
          image = bytes;
          changed = move(2, 0);
        }
      }
      fire(changed);
      return WriteResponse.success();
    }
    if (resourceId == 1) {
      String uri = (String) value.getValue();
      int changed;
      synchronized (this) {
        packageUri = uri;
        changed = uri.isEmpty() ? move(0, 0) : !uri.startsWith("coap://") ? move(0, 9) : move(1, 0);
      }
      fire(changed);
      if (uri.startsWith("coap://")) {
        Thread download = new Thread(() -> download(uri), "leshan-fw-download");
        download.setDaemon(true);
        download.start();
      }
      return WriteResponse.success();
    }
    return super.write(server, replace, resourceId, value);
  }

  private void download(String uri) {
    CoapClient client = new CoapClient(uri);
    client.setTimeout(30_000L);
    try {
      CoapResponse response = client.get();
      int changed;
      synchronized (this) {
        if (response != null && response.isSuccess()) {
          image = response.getPayload();
          changed = move(2, 0);
        } else {
          changed = move(0, 4);
        }
      }
      fire(changed);
    } catch (Exception e) {
      int changed;
      synchronized (this) {
        changed = move(0, 4);
      }
      fire(changed);
    } finally {
      client.shutdown();
    }
  }

  @Override
  public ExecuteResponse execute(LwM2mServer server, int resourceId, Arguments arguments) {
    if (resourceId != 2) {
      return super.execute(server, resourceId, arguments);
    }
    int changed;
    synchronized (this) {
      if (state != 2) {
        return ExecuteResponse.methodNotAllowed();
      }
      changed = move(3, 0);
    }
    fire(changed);
    Thread install = new Thread(() -> {
      int done;
      synchronized (this) {
        installed.add(image);
        image = new byte[0];
        done = move(0, 1);
      }
      fire(done);
    }, "leshan-fw-install");
    install.setDaemon(true);
    install.start();
    return ExecuteResponse.success();
  }

  /** Sets State and Update Result (under this object's lock) and says which changed, for {@link #fire}. */
  private int move(int nextState, int nextResult) {
    int changed = (nextState != state ? STATE_CHANGED : 0) | (nextResult != result ? RESULT_CHANGED : 0);
    state = nextState;
    result = nextResult;
    return changed;
  }

  /** Tells Leshan's observers what {@link #move} changed; never under this object's lock. */
  private void fire(int changed) {
    if ((changed & STATE_CHANGED) != 0) {
      fireResourceChange(3);
    }
    if ((changed & RESULT_CHANGED) != 0) {
      fireResourceChange(5);
    }
  }

  @Override
  public List<Integer> getAvailableResourceIds(ObjectModel model) {
    return List.of(0, 1, 2, 3, 5);
  }
}
