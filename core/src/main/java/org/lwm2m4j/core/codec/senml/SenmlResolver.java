package org.lwm2m4j.core.codec.senml;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.NodeAssembler;
import org.lwm2m4j.core.codec.NumericValues;
import org.lwm2m4j.core.codec.PathValue;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.path.InvalidPathException;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.ObjlnkValue;
import org.lwm2m4j.core.value.Value;

/**
 * Applies the SenML resolution rules LwM2M relies on (data-formats §5.2): the base name persists
 * until the next {@code bn}; a record's name is base name + name, concatenated as text, and must
 * be an absolute LwM2M path; its time is base time + time, absolute from 2^28 seconds on and
 * relative to now below. Then it types each value by the model.
 */
final class SenmlResolver {
  /** RFC 8428 §4.5.3: smaller times are relative to now. */
  private static final long ABSOLUTE_TIME_THRESHOLD = 1L << 28;

  /** A record with its resolved path and time. */
  record Resolved(int index, LwM2mPath path, Optional<Instant> time, SenmlRecord record) {}

  private SenmlResolver() {}

  static List<Resolved> resolve(List<SenmlRecord> records, String format) {
    List<Resolved> resolved = new ArrayList<>(records.size());
    String baseName = "";
    Number baseTime = null;
    Instant now = null;
    for (int i = 0; i < records.size(); i++) {
      SenmlRecord record = records.get(i);
      if (record.baseName() != null) {
        baseName = record.baseName();
      }
      if (record.baseTime() != null) {
        baseTime = record.baseTime();
      }
      String name = baseName + (record.name() == null ? "" : record.name());
      LwM2mPath path;
      try {
        path = LwM2mPath.parse(name);
      } catch (InvalidPathException e) {
        throw new CodecException(format + " record " + i + ": name '" + CodecException.excerpt(name)
            + "' is not an absolute LwM2M path: " + e.getMessage());
      }
      Optional<Instant> time = Optional.empty();
      if (baseTime != null || record.time() != null) {
        if (now == null) {
          now = Instant.now();
        }
        time = Optional.of(resolveTime(sum(baseTime, record.time(), format, i), now, format, i));
      }
      resolved.add(new Resolved(i, path, time, record));
    }
    return resolved;
  }

  /** The leaf value of each record, typed by the model. */
  static List<PathValue> leaves(List<Resolved> records, ModelLookup models, String format) {
    List<PathValue> leaves = new ArrayList<>(records.size());
    for (Resolved record : records) {
      leaves.add(leaf(record, models, format));
    }
    return leaves;
  }

  static PathValue leaf(Resolved resolved, ModelLookup models, String format) {
    LwM2mPath path = resolved.path();
    String where = format + " record " + resolved.index() + " (" + path + ")";
    if (path.depth() < 3) {
      throw new CodecException(where + ": values belong to resources or resource instances, not to " + path);
    }
    if (resolved.record().kind() == SenmlRecord.Kind.NONE) {
      throw new CodecException(where + ": the record has no value (v, vs, vb, vd or vlo)");
    }
    ResourceType type = NodeAssembler.resourceModel(path, models).type();
    return new PathValue(path, value(resolved.record(), type, where));
  }

  private static Value value(SenmlRecord record, ResourceType type, String where) {
    Object raw = record.value();
    switch (record.kind()) {
      case NUMBER:
        return NumericValues.of((Number) raw, type, where);
      case STRING:
        if (type == ResourceType.STRING) {
          return Value.of((String) raw);
        } else if (type == ResourceType.CORELNK) {
          return Value.ofCorelnk((String) raw);
        }
        break;
      case BOOLEAN:
        if (type == ResourceType.BOOLEAN) {
          return Value.of((boolean) (Boolean) raw);
        }
        break;
      case DATA:
        if (type == ResourceType.OPAQUE) {
          return Value.of((byte[]) raw);
        }
        break;
      case OBJLNK:
        if (type == ResourceType.OBJLNK) {
          try {
            return ObjlnkValue.parse((String) raw);
          } catch (IllegalArgumentException e) {
            throw new CodecException(where + ": " + e.getMessage());
          }
        }
        break;
      default:
        break;
    }
    throw new CodecException(where + ": a " + fieldName(record.kind()) + " value cannot be a "
        + type.ddfName() + " value");
  }

  private static String fieldName(SenmlRecord.Kind kind) {
    return switch (kind) {
      case NUMBER -> "v (number)";
      case STRING -> "vs (string)";
      case BOOLEAN -> "vb (boolean)";
      case DATA -> "vd (data)";
      case OBJLNK -> "vlo (object link)";
      case NONE -> "missing";
    };
  }

  private static BigDecimal sum(Number baseTime, Number time, String format, int index) {
    BigDecimal total = BigDecimal.ZERO;
    for (Number n : new Number[] {baseTime, time}) {
      if (n instanceof Double d) {
        if (d.isNaN() || d.isInfinite()) {
          throw new CodecException(format + " record " + index + ": time " + d + " is not a number of seconds");
        }
        total = total.add(new BigDecimal(d));
      } else if (n != null) {
        total = total.add(new BigDecimal(n.toString()));
      }
    }
    return total;
  }

  private static Instant resolveTime(BigDecimal seconds, Instant now, String format, int index) {
    // Instant covers about ±3e16 seconds; anything beyond is no plausible measurement time.
    if (seconds.abs().compareTo(BigDecimal.valueOf(31_556_889_864_403_199L)) > 0) {
      throw new CodecException(format + " record " + index + ": time " + seconds + " is out of range");
    }
    long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
    long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).setScale(0, java.math.RoundingMode.HALF_EVEN).longValue();
    Instant instant = Instant.ofEpochSecond(whole, nanos);
    return whole >= ABSOLUTE_TIME_THRESHOLD ? instant : now.plusSeconds(whole).plusNanos(nanos);
  }
}
