package org.lwm2m4j.app.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.registration.ServerAccount;
import org.lwm2m4j.core.codec.single.TextValueParser;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

/**
 * The client's interactive console: one command per line, from a terminal or a pipe. Changes made
 * here are the device's own (like a sensor's), so they fire notifications to observing servers.
 *
 * <pre>
 * set PATH VALUE          set a single resource (or resource instance) value, typed by the model
 * create PATH [RID=VALUE…] create /o or /o/i with initial values
 * delete PATH             delete an instance
 * read PATH               print the value(s) at PATH
 * send PATH…              report values to the servers (Send)
 * update                  send a registration Update now
 * list                    registrations and the object tree
 * quit                    de-register and exit
 * </pre>
 */
public final class ClientConsole {
  private final LwM2mClient client;
  private final PrintWriter out;

  public ClientConsole(LwM2mClient client, PrintWriter out) {
    this.client = client;
    this.out = out;
  }

  /** Reads and runs commands until {@code quit}; returns false if the input ended without {@code quit}. */
  public boolean run(BufferedReader in) throws IOException {
    String line;
    while ((line = in.readLine()) != null) {
      if (!execute(line)) {
        return true;
      }
    }
    return false;
  }

  /** Runs one command line; false for {@code quit}. */
  public boolean execute(String line) {
    String[] words = line.trim().split("\\s+");
    if (words.length == 0 || words[0].isEmpty() || words[0].startsWith("#")) {
      return true;
    }
    try {
      switch (words[0]) {
        case "set" -> set(words);
        case "create" -> create(words);
        case "delete" -> delete(words);
        case "read" -> read(words);
        case "send" -> send(words);
        case "update" -> {
          client.registrations().updateAll();
          out.println("ok: update sent");
        }
        case "list" -> list();
        case "quit", "exit" -> {
          return false;
        }
        case "help" -> help();
        default -> out.println("error: unknown command '" + words[0] + "' (try help)");
      }
    } catch (LwM2mException e) {
      out.println("error: " + e.getMessage() + " (" + e.code() + ")");
    } catch (RuntimeException e) {
      out.println("error: " + e.getMessage());
    }
    out.flush();
    return true;
  }

  private void help() {
    out.println("commands: set PATH VALUE | create PATH [RID=VALUE...] | delete PATH | read PATH | send PATH... | update | list | quit");
  }

  private static void require(String[] words, int count, String usage) {
    if (words.length < count) {
      throw new InvalidRequestException("usage: " + usage);
    }
  }

  private ResourceModel model(LwM2mPath path) {
    requireServed(path.objectId());
    return client.tree().objectModel(path.objectId()).flatMap(m -> m.resource(path.resourceId()))
        .orElseThrow(() -> new NotFoundException("no resource " + path + " in the models"));
  }

  /** An object the client does not serve is usually one the user forgot to name at start. */
  private void requireServed(int objectId) {
    if (client.tree().objectModel(objectId).isEmpty()) {
      throw new NotFoundException("this client does not serve object " + objectId + "; start it with --object " + objectId);
    }
  }

  private void set(String[] words) {
    require(words, 3, "set PATH VALUE");
    LwM2mPath path = LwM2mPath.parse(words[1]);
    if (!path.isResource() && !path.isResourceInstance()) {
      throw new InvalidRequestException("set takes a resource or resource instance path, e.g. /3303/0/5700");
    }
    ResourceModel model = model(path);
    String text = String.join(" ", Arrays.copyOfRange(words, 2, words.length));
    Value value = TextValueParser.parse(text, model.type());
    if (path.isResourceInstance()) {
      client.tree().bootstrapView().write(path.parent(), new MultipleResource(model.id(), model.type(),
          List.of(LwM2mResourceInstance.of(path.resourceInstanceId(), value))), false);
    } else if (model.multiple()) {
      client.tree().bootstrapView().write(path, new MultipleResource(model.id(), model.type(), List.of(LwM2mResourceInstance.of(0, value))), true);
    } else {
      client.tree().bootstrapView().write(path, SingleResource.of(model.id(), value), true);
    }
    out.println("ok: " + path + " = " + value.toText());
  }

  private void create(String[] words) {
    require(words, 2, "create /o or /o/i [RID=VALUE...]");
    LwM2mPath path = LwM2mPath.parse(words[1]);
    if (!path.isObject() && !path.isObjectInstance()) {
      throw new InvalidRequestException("create takes /o or /o/i");
    }
    requireServed(path.objectId());
    List<LwM2mResource> resources = new ArrayList<>();
    for (int i = 2; i < words.length; i++) {
      int eq = words[i].indexOf('=');
      if (eq <= 0) {
        throw new InvalidRequestException("initial values look like RID=VALUE, got " + words[i]);
      }
      int resourceId = Integer.parseInt(words[i].substring(0, eq));
      ResourceModel model = model(LwM2mPath.of(path.objectId(), 0, resourceId));
      resources.add(SingleResource.of(resourceId, TextValueParser.parse(words[i].substring(eq + 1), model.type())));
    }
    LwM2mPath created = client.tree().bootstrapView().create(path.objectId(),
        path.isObjectInstance() ? OptionalInt.of(path.instanceId()) : OptionalInt.empty(), resources);
    out.println("ok: created " + created);
  }

  private void delete(String[] words) {
    require(words, 2, "delete /o/i");
    LwM2mPath path = LwM2mPath.parse(words[1]);
    client.tree().dmView().delete(path);
    out.println("ok: deleted " + path);
  }

  private void read(String[] words) {
    require(words, 2, "read PATH");
    LwM2mPath path = LwM2mPath.parse(words[1]);
    print(path, client.tree().bootstrapView().read(path));
  }

  private void send(String[] words) {
    require(words, 2, "send PATH...");
    List<LwM2mPath> paths = new ArrayList<>();
    for (int i = 1; i < words.length; i++) {
      paths.add(LwM2mPath.parse(words[i]));
    }
    try {
      client.send(paths).get(30, TimeUnit.SECONDS);
      out.println("ok: sent " + paths);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      out.println("error: Send failed: " + cause.getMessage());
    }
  }

  private void list() {
    Map<Integer, String> registered = client.registrations().registrations();
    for (ServerAccount account : client.registrations().accounts()) {
      String location = registered.get(account.shortServerId());
      out.println("server " + account.shortServerId() + " " + account.uri() + ": "
          + (location != null ? "registered at " + location : "not registered"));
    }
    for (int objectId : client.tree().objectIds()) {
      if (objectId == 0) {
        out.println("/0: " + client.tree().instanceIds(0).size() + " security instance(s) (not shown)");
        continue;
      }
      print(LwM2mPath.of(objectId), client.tree().dmView().read(LwM2mPath.of(objectId)));
    }
  }

  private void print(LwM2mPath path, LwM2mNode node) {
    if (node instanceof LwM2mObject object) {
      if (object.instances().isEmpty()) {
        out.println(path + ": no instances");
      }
      object.instances().forEach(instance -> print(path.append(instance.id()), instance));
    } else if (node instanceof LwM2mObjectInstance instance) {
      out.println(path);
      instance.resources().forEach(resource -> print(path.append(resource.id()), resource));
    } else if (node instanceof SingleResource single) {
      out.println("  " + path + " = " + single.value().toText());
    } else if (node instanceof MultipleResource multiple) {
      multiple.instances().forEach(instance -> out.println("  " + path.append(instance.id()) + " = " + instance.value().toText()));
    } else if (node instanceof LwM2mResourceInstance instance) {
      out.println("  " + path + " = " + instance.value().toText());
    }
  }
}
