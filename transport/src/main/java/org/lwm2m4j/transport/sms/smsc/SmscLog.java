package org.lwm2m4j.transport.sms.smsc;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every {@link SmsRecord} of an {@link Smsc}, each also one INFO line on {@value #LOGGER}. Thread-safe. */
final class SmscLog {
  /** The logger of the SMS lines. */
  static final String LOGGER = "org.lwm2m4j.smsc";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private final List<SmsRecord> records = new ArrayList<>();

  void add(SmsRecord record) {
    synchronized (records) {
      records.add(record);
    }
    LOG.info(record.describe());
  }

  List<SmsRecord> snapshot() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }
}
