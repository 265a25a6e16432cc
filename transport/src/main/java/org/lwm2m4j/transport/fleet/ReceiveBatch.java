package org.lwm2m4j.transport.fleet;

import static org.lwm2m4j.transport.fleet.NativeSockets.*;

import java.nio.ByteOrder;
import jdk.incubator.foreign.MemoryAccess;
import jdk.incubator.foreign.MemorySegment;
import jdk.incubator.foreign.ResourceScope;

/**
 * The native array of message headers one recvmmsg call fills: per slot a source address, one
 * iovec, control space for IP_PKTINFO and a payload buffer. Confined to the receiving thread.
 */
final class ReceiveBatch {

  private static final int SLOT_NAME = 0;
  private static final int SLOT_IOV = SLOT_NAME + SOCKADDR_IN_SIZE;
  private static final int SLOT_CONTROL = SLOT_IOV + IOVEC_SIZE;
  private static final int SLOT_PAYLOAD = SLOT_CONTROL + PKTINFO_CMSG_SPACE;

  private final int slots;
  private final int capacity;
  private final MemorySegment headers;
  private final MemorySegment buffers;
  private final long slotSize;

  ReceiveBatch(int slots, int capacity, ResourceScope scope) {
    this.slots = slots;
    this.capacity = capacity;
    this.slotSize = (SLOT_PAYLOAD + capacity + 7) & ~7L;
    headers = MemorySegment.allocateNative((long) MMSGHDR_SIZE * slots, 8, scope);
    buffers = MemorySegment.allocateNative(slotSize * slots, 8, scope);
    for (int i = 0; i < slots; i++) {
      long header = (long) MMSGHDR_SIZE * i;
      long slot = slotSize * i;
      MemoryAccess.setAddressAtOffset(headers, header + MSG_NAME, buffers.asSlice(slot + SLOT_NAME).address());
      MemoryAccess.setAddressAtOffset(headers, header + MSG_IOV, buffers.asSlice(slot + SLOT_IOV).address());
      MemoryAccess.setLongAtOffset(headers, header + MSG_IOVLEN, 1);
      MemoryAccess.setAddressAtOffset(headers, header + MSG_CONTROL,
          buffers.asSlice(slot + SLOT_CONTROL).address());
      MemoryAccess.setAddressAtOffset(buffers, slot + SLOT_IOV, buffers.asSlice(slot + SLOT_PAYLOAD).address());
      MemoryAccess.setLongAtOffset(buffers, slot + SLOT_IOV + 8, capacity);
    }
  }

  int slots() {
    return slots;
  }

  /** Resets the lengths the kernel overwrote in the last call. */
  MemorySegment prepare() {
    for (int i = 0; i < slots; i++) {
      long header = (long) MMSGHDR_SIZE * i;
      MemoryAccess.setIntAtOffset(headers, header + MSG_NAMELEN, SOCKADDR_IN_SIZE);
      MemoryAccess.setLongAtOffset(headers, header + MSG_CONTROLLEN, PKTINFO_CMSG_SPACE);
      MemoryAccess.setIntAtOffset(headers, header + MSG_FLAGS, 0);
    }
    return headers;
  }

  /** Whether slot i's datagram was cut short by the buffer and must be dropped. */
  boolean truncated(int i) {
    return (MemoryAccess.getIntAtOffset(headers, (long) MMSGHDR_SIZE * i + MSG_FLAGS) & MSG_TRUNC) != 0;
  }

  int length(int i) {
    return MemoryAccess.getIntAtOffset(headers, (long) MMSGHDR_SIZE * i + MMSG_LEN);
  }

  /** The address slot i's datagram was sent to (host order), or 0 when the kernel gave none. */
  int destination(int i) {
    long header = (long) MMSGHDR_SIZE * i;
    long slot = slotSize * i;
    if (MemoryAccess.getLongAtOffset(headers, header + MSG_CONTROLLEN) < PKTINFO_CMSG_LEN
        || MemoryAccess.getIntAtOffset(buffers, slot + SLOT_CONTROL + CMSG_LEVEL) != IPPROTO_IP
        || MemoryAccess.getIntAtOffset(buffers, slot + SLOT_CONTROL + CMSG_TYPE) != IP_PKTINFO) {
      return 0;
    }
    return MemoryAccess.getIntAtOffset(buffers, slot + SLOT_CONTROL + CMSG_DATA + PKTINFO_ADDR,
        ByteOrder.BIG_ENDIAN);
  }

  int sourceAddress(int i) {
    return MemoryAccess.getIntAtOffset(buffers, slotSize * i + SLOT_NAME + 4, ByteOrder.BIG_ENDIAN);
  }

  int sourcePort(int i) {
    return Short.toUnsignedInt(
        MemoryAccess.getShortAtOffset(buffers, slotSize * i + SLOT_NAME + 2, ByteOrder.BIG_ENDIAN));
  }

  byte[] payload(int i) {
    return buffers.asSlice(slotSize * i + SLOT_PAYLOAD, length(i)).toByteArray();
  }

  int capacity() {
    return capacity;
  }
}
