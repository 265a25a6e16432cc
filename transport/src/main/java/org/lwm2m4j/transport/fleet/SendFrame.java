package org.lwm2m4j.transport.fleet;

import static org.lwm2m4j.transport.fleet.NativeSockets.*;

import java.nio.ByteOrder;
import jdk.incubator.foreign.MemoryAccess;
import jdk.incubator.foreign.MemorySegment;
import jdk.incubator.foreign.ResourceScope;

/**
 * One thread's native message for sendmsg: header, destination, one iovec, an IP_PKTINFO control
 * message naming the source address, and room for the payload. Built once per sending thread, so
 * that a send allocates nothing; the memory is freed when the thread's frame is collected.
 */
final class SendFrame {

  private static final long NAME = MSGHDR_SIZE;
  private static final long IOV = NAME + SOCKADDR_IN_SIZE;
  private static final long CONTROL = IOV + IOVEC_SIZE;
  private static final long PAYLOAD = CONTROL + PKTINFO_CMSG_SPACE;

  private final MemorySegment segment;
  private final int capacity;

  SendFrame(int capacity) {
    this.capacity = capacity;
    segment = MemorySegment.allocateNative(PAYLOAD + capacity, 8, ResourceScope.newImplicitScope());
    MemoryAccess.setAddressAtOffset(segment, MSG_NAME, segment.asSlice(NAME).address());
    MemoryAccess.setIntAtOffset(segment, MSG_NAMELEN, SOCKADDR_IN_SIZE);
    MemoryAccess.setAddressAtOffset(segment, MSG_IOV, segment.asSlice(IOV).address());
    MemoryAccess.setLongAtOffset(segment, MSG_IOVLEN, 1);
    MemoryAccess.setAddressAtOffset(segment, MSG_CONTROL, segment.asSlice(CONTROL).address());
    MemoryAccess.setLongAtOffset(segment, MSG_CONTROLLEN, PKTINFO_CMSG_SPACE);
    MemoryAccess.setIntAtOffset(segment, MSG_FLAGS, 0);
    MemoryAccess.setAddressAtOffset(segment, IOV, segment.asSlice(PAYLOAD).address());
    MemoryAccess.setLongAtOffset(segment, CONTROL + CMSG_LEN, PKTINFO_CMSG_LEN);
    MemoryAccess.setIntAtOffset(segment, CONTROL + CMSG_LEVEL, IPPROTO_IP);
    MemoryAccess.setIntAtOffset(segment, CONTROL + CMSG_TYPE, IP_PKTINFO);
    MemoryAccess.setIntAtOffset(segment, CONTROL + CMSG_DATA, 0);
    MemoryAccess.setIntAtOffset(segment, CONTROL + CMSG_DATA + PKTINFO_ADDR, 0);
  }

  int capacity() {
    return capacity;
  }

  /** Fills in one datagram; addresses are IPv4 in host order. */
  SendFrame fill(int source, int destination, int destinationPort, byte[] payload, int offset,
      int length) {
    MemoryAccess.setIntAtOffset(segment, CONTROL + CMSG_DATA + PKTINFO_SPEC_DST,
        ByteOrder.BIG_ENDIAN, source);
    writeSockaddr(segment, NAME, destination, destinationPort);
    MemoryAccess.setLongAtOffset(segment, IOV + 8, length);
    segment.asSlice(PAYLOAD, length).copyFrom(MemorySegment.ofArray(payload).asSlice(offset, length));
    return this;
  }

  MemorySegment header() {
    return segment;
  }
}
