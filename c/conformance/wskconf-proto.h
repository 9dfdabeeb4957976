/*
 * Frame types and IOCTL codes shared by the conformance driver and its relay (documented in docs/MEASURING.md).
 * Frames are those of docs/PROTOCOL.md (u32 length, u16 type, u16 reserved, u32 seq, payload, little-endian);
 * types 0x0100-0x01ff are the conformance extension.
 */
#ifndef WSKCONF_PROTO_H
#define WSKCONF_PROTO_H

#define WSKC_FRAME_HEADER   12
#define WSKC_HELLO          0x0001
#define WSKC_ERROR          0x0003
#define WSKC_CALL           0x0010
#define WSKC_RESULT         0x0011
#define WSKC_DELIVER        0x0012
#define WSKC_DELIVERED      0x0013
#define WSKC_COMPLETION     0x0020
#define WSKC_BYE            0x0030
#define WSKC_VECTOR_BEGIN   0x0100 /* u32 pending wait ms, u32 grace ms, str id */
#define WSKC_VECTOR_END     0x0101 /* C->S: empty; S->C: u32 outcome, str message */
#define WSKC_PROVIDER       0x0102 /* str provider, str version, str machine, str driver */
#define WSKC_TIMING         0x0103 /* u8 executed, u8 completion, u16 0, u32 call us, u32 completion us, u32 waited ms, str note */

#define WSKC_OUTCOME_DONE        0 /* every call of the vector ran */
#define WSKC_OUTCOME_CRASHED     1 /* the provider's process died (DeviceIoControl failed) */
#define WSKC_OUTCOME_ERROR       2 /* the driver could not run the vector (message says why) */
#define WSKC_OUTCOME_HUNG        3 /* a provider call did not return within the relay's timeout */

#define WSKC_COMPLETION_NEVER  0 /* not completed within the bounded wait */
#define WSKC_COMPLETION_BEFORE 1 /* completed before the call returned */
#define WSKC_COMPLETION_AFTER  2 /* completed after the call returned, within the wait */

#define WSKC_KIND_VALUE  1
#define WSKC_KIND_SOCKET 2
#define WSKC_KIND_NULL   3
#define WSKC_KIND_BUFFER 4
#define WSKC_KIND_IRP    5

#define WSKC_FN_SOCKET         1
#define WSKC_FN_CONTROL_CLIENT 3
#define WSKC_FN_CONTROL_SOCKET 4
#define WSKC_FN_CLOSE_SOCKET   5
#define WSKC_FN_BIND           6

#define WSKC_FAULT_INVALID_SOCKET       1
#define WSKC_FAULT_INPUT_OVERRUN        2
#define WSKC_FAULT_OUTPUT_OVERRUN       3
#define WSKC_FAULT_NOT_IN_DISPATCH      7

/* CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801 / 0x802, METHOD_BUFFERED, FILE_ANY_ACCESS) */
#define WSKC_IOCTL_RUN_VECTOR 0x00222004
#define WSKC_IOCTL_INFO       0x00222008

#define WSKC_DEVICE_NAME   L"\\Device\\WskConformance"
#define WSKC_LINK_NAME     L"\\DosDevices\\WskConformance"
#define WSKC_USER_PATH     "\\\\.\\WskConformance"
#define WSKC_SERVICE_NAME  "wskconf"
#define WSKC_DRIVER_VERSION "wskconf 1"

/* IRP images: IoStatus lies at this offset of an x64 IRP (Status 4 bytes, padding 4, Information 8). */
#define WSKC_IRP_SIZE_X64      208
#define WSKC_IRP_IOSTATUS_X64  48

#endif
