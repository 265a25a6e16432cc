package org.lwm2m4j.client.bootstrap;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.core.codec.CompositeCodec;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.file.OwnerOnlyFiles;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * The client's provisioned accounts — the Security (0), Server (1) and Access Control (2)
 * instances — as a SenML JSON file: the factory configuration format ({@code --config}) and what
 * the client keeps in its state directory after a bootstrap ({@code provisioned.json}). Saving
 * writes a temporary file and moves it into place atomically, so a crash mid-write leaves the
 * previous state. The state holds keys: on POSIX file systems it is readable by its owner only.
 */
public final class ProvisionedState {
  /** The objects a bootstrap provisions. */
  public static final List<Integer> OBJECTS = List.of(0, 1, 2);
  /** The file name in the state directory. */
  public static final String FILE = "provisioned.json";

  private static final CompositeCodec SENML = NodeCodecs.standard().composite(ContentFormat.SENML_JSON).orElseThrow();

  private ProvisionedState() {}

  /** The accounts in {@code tree} as SenML JSON. */
  public static byte[] encode(ObjectTree tree) {
    Map<LwM2mPath, LwM2mNode> nodes = new LinkedHashMap<>();
    for (int objectId : OBJECTS) {
      if (tree.objectModel(objectId).isPresent()) {
        for (int instanceId : tree.instanceIds(objectId)) {
          LwM2mPath path = LwM2mPath.of(objectId, instanceId);
          nodes.put(path, tree.bootstrapView().read(path));
        }
      }
    }
    return SENML.encodeNodes(nodes, tree);
  }

  /**
   * Replaces the accounts in {@code tree} with those in {@code senml} (instances of objects 0, 1
   * and 2; others are refused).
   *
   * @throws org.lwm2m4j.core.error.InvalidRequestException if the file does not decode or names other objects
   */
  public static void apply(ObjectTree tree, byte[] senml) {
    Map<LwM2mPath, LwM2mNode> values = SENML.decodeNodes(senml, List.of(), tree);
    Map<LwM2mPath, Map<Integer, LwM2mResource>> instances = new LinkedHashMap<>();
    for (Map.Entry<LwM2mPath, LwM2mNode> entry : values.entrySet()) {
      LwM2mPath path = entry.getKey();
      if (!OBJECTS.contains(path.objectId()) || path.depth() < 3) {
        throw new org.lwm2m4j.core.error.InvalidRequestException("provisioning data may hold only resources of objects 0, 1 and 2, not "
            + path);
      }
      LwM2mPath instance = LwM2mPath.of(path.objectId(), path.instanceId());
      Map<Integer, LwM2mResource> resources = instances.computeIfAbsent(instance, p -> new LinkedHashMap<>());
      if (entry.getValue() instanceof LwM2mResource resource) {
        resources.put(resource.id(), resource);
      } else if (entry.getValue() instanceof LwM2mResourceInstance ri) {
        LwM2mResource current = resources.get(path.resourceId());
        List<LwM2mResourceInstance> list = new java.util.ArrayList<>();
        if (current instanceof MultipleResource multiple) {
          list.addAll(multiple.instances());
        }
        list.add(ri);
        resources.put(path.resourceId(), new MultipleResource(path.resourceId(), ri.value().type(), list));
      }
    }
    for (int objectId : OBJECTS) {
      if (tree.objectModel(objectId).isPresent()) {
        for (int instanceId : tree.instanceIds(objectId)) {
          tree.bootstrapView().delete(LwM2mPath.of(objectId, instanceId));
        }
      }
    }
    for (Map.Entry<LwM2mPath, Map<Integer, LwM2mResource>> entry : instances.entrySet()) {
      LwM2mPath path = entry.getKey();
      tree.bootstrapView().create(path.objectId(), OptionalInt.of(path.instanceId()), List.copyOf(entry.getValue().values()));
    }
  }

  /**
   * Writes the accounts to {@code directory}/{@value #FILE}, atomically. The file is {@code
   * rw-------} and the directories this creates {@code rwx------}: the accounts hold keys.
   */
  public static void save(ObjectTree tree, Path directory) throws IOException {
    OwnerOnlyFiles.createDirectories(directory);
    Path target = directory.resolve(FILE);
    // a temporary file is rw------- on POSIX file systems: the moved file keeps that mode
    Path temp = Files.createTempFile(directory, FILE, ".tmp");
    try {
      Files.write(temp, encode(tree));
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The saved accounts in {@code directory}, if any; a file an earlier version left readable by others is made {@code rw-------}. */
  public static Optional<byte[]> load(Path directory) throws IOException {
    Path file = directory.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    OwnerOnlyFiles.restrict(file);
    return Optional.of(Files.readAllBytes(file));
  }

  /** A snapshot of the accounts, to put back if a bootstrap fails. */
  public static Map<Integer, LwM2mObject> snapshot(ObjectTree tree) {
    Map<Integer, LwM2mObject> objects = new LinkedHashMap<>();
    for (int objectId : OBJECTS) {
      if (tree.objectModel(objectId).isPresent()) {
        objects.put(objectId, (LwM2mObject) tree.bootstrapView().read(LwM2mPath.of(objectId)));
      }
    }
    return objects;
  }

  /** Puts a {@link #snapshot} back. */
  public static void restore(ObjectTree tree, Map<Integer, LwM2mObject> snapshot) {
    for (Map.Entry<Integer, LwM2mObject> entry : snapshot.entrySet()) {
      for (int instanceId : tree.instanceIds(entry.getKey())) {
        tree.bootstrapView().delete(LwM2mPath.of(entry.getKey(), instanceId));
      }
      for (LwM2mObjectInstance instance : entry.getValue().instances()) {
        tree.bootstrapView().create(entry.getKey(), OptionalInt.of(instance.id()), instance.resources());
      }
    }
  }
}
