package org.lwm2m4j.client.object.standard;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lwm2m4j.client.object.TreeListener;
import org.lwm2m4j.core.path.LwM2mPath;

/** Keeps each value-change event a tree reports. */
final class RecordingListener implements TreeListener {
  final List<Set<LwM2mPath>> events = new CopyOnWriteArrayList<>();

  @Override
  public void valuesChanged(Set<LwM2mPath> paths) {
    events.add(paths);
  }

  /** All paths reported so far, in order, and forgets them. */
  List<LwM2mPath> drain() {
    List<LwM2mPath> all = new ArrayList<>();
    events.forEach(all::addAll);
    events.clear();
    return all;
  }

  static LwM2mPath path(String text) {
    return LwM2mPath.parse(text);
  }
}
