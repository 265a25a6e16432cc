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
  final BlockingQueue<byte[]> installed = new LinkedBlockingQueue<>();
  private volatile int state;
  private volatile int result;
  private volatile String packageUri = "";
  private volatile byte[] image = new byte[0];

  /** Public and without arguments, as Leshan's object initializer wants for the instances it is given. */
  public LeshanFirmwareObject() {}

  @Override
  public synchronized ReadResponse read(LwM2mServer server, int resourceId) {
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
  public synchronized WriteResponse write(LwM2mServer server, boolean replace, int resourceId, LwM2mResource value) {
    if (resourceId == 0) {
      byte[] bytes = (byte[]) value.getValue();
      if (bytes.length == 0) {
        move(0, 0);
      } else {
        image = bytes;
        move(2, 0);
      }
      return WriteResponse.success();
    }
    if (resourceId == 1) {
      packageUri = (String) value.getValue();
      if (packageUri.isEmpty()) {
        move(0, 0);
      } else if (!packageUri.startsWith("coap://")) {
        move(0, 9);
      } else {
        move(1, 0);
        String uri = packageUri;
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
      synchronized (this) {
        if (response != null && response.isSuccess()) {
          image = response.getPayload();
          move(2, 0);
        } else {
          move(0, 4);
        }
      }
    } catch (Exception e) {
      synchronized (this) {
        move(0, 4);
      }
    } finally {
      client.shutdown();
    }
  }

  @Override
  public synchronized ExecuteResponse execute(LwM2mServer server, int resourceId, Arguments arguments) {
    if (resourceId != 2) {
      return super.execute(server, resourceId, arguments);
    }
    if (state != 2) {
      return ExecuteResponse.methodNotAllowed();
    }
    move(3, 0);
    Thread install = new Thread(() -> {
      synchronized (this) {
        installed.add(image);
        image = new byte[0];
        move(0, 1);
      }
    }, "leshan-fw-install");
    install.setDaemon(true);
    install.start();
    return ExecuteResponse.success();
  }

  private void move(int nextState, int nextResult) {
    boolean stateChanged = nextState != state;
    boolean resultChanged = nextResult != result;
    state = nextState;
    result = nextResult;
    if (stateChanged) {
      fireResourceChange(3);
    }
    if (resultChanged) {
      fireResourceChange(5);
    }
  }

  @Override
  public List<Integer> getAvailableResourceIds(ObjectModel model) {
    return List.of(0, 1, 2, 3, 5);
  }
}
