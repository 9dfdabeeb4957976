/*
 * The few WSK declarations the conformance driver uses, as Microsoft's WDK wsk.h declares them
 * (learn.microsoft.com/windows-hardware/drivers/ddi/wsk/); used only where c/include/wsk.h is absent.
 */
#ifndef WSKCONF_WSK_MIN_H
#define WSKCONF_WSK_MIN_H

#include <ntddk.h>

typedef USHORT ADDRESS_FAMILY;
typedef struct _SOCKADDR { ADDRESS_FAMILY sa_family; CHAR sa_data[14]; } SOCKADDR, *PSOCKADDR;

typedef struct _WSK_CLIENT WSK_CLIENT, *PWSK_CLIENT;
typedef struct _WSK_SOCKET { const VOID *Dispatch; } WSK_SOCKET, *PWSK_SOCKET;

typedef enum { WskSetOption, WskGetOption, WskIoctl, WskControlMax } WSK_CONTROL_SOCKET_TYPE;

#define WSK_FLAG_BASIC_SOCKET      0x00000000
#define WSK_FLAG_LISTEN_SOCKET     0x00000001
#define WSK_FLAG_CONNECTION_SOCKET 0x00000002
#define WSK_FLAG_DATAGRAM_SOCKET   0x00000004
#define WSK_FLAG_STREAM_SOCKET     0x00000008
#define WSK_INFINITE_WAIT          0xFFFFFFFF
#define MAKE_WSK_VERSION(Mj, Mn)   ((USHORT)((Mj) << 8) | (USHORT)((Mn) & 0xff))

typedef NTSTATUS (WINAPI *PFN_WSK_CLIENT_EVENT)(PVOID, ULONG, PVOID, SIZE_T);
typedef struct _WSK_CLIENT_DISPATCH { USHORT Version; USHORT Reserved; PFN_WSK_CLIENT_EVENT WskClientEvent; } WSK_CLIENT_DISPATCH;
typedef struct _WSK_CLIENT_NPI { PVOID ClientContext; const WSK_CLIENT_DISPATCH *Dispatch; } WSK_CLIENT_NPI, *PWSK_CLIENT_NPI;
typedef struct _WSK_REGISTRATION {
  ULONGLONG ReservedRegistrationState;
  PVOID ReservedRegistrationContext;
  KSPIN_LOCK ReservedRegistrationLock;
} WSK_REGISTRATION, *PWSK_REGISTRATION;

typedef NTSTATUS (WINAPI *PFN_WSK_SOCKET)(PWSK_CLIENT, ADDRESS_FAMILY, USHORT, ULONG, ULONG, PVOID, const VOID *,
                                          PEPROCESS, PETHREAD, PSECURITY_DESCRIPTOR, PIRP);
typedef NTSTATUS (WINAPI *PFN_WSK_CONTROL_CLIENT)(PWSK_CLIENT, ULONG, SIZE_T, PVOID, SIZE_T, PVOID, SIZE_T *, PIRP);
typedef NTSTATUS (WINAPI *PFN_WSK_CONTROL_SOCKET)(PWSK_SOCKET, WSK_CONTROL_SOCKET_TYPE, ULONG, ULONG, SIZE_T, PVOID,
                                                  SIZE_T, PVOID, SIZE_T *, PIRP);
typedef NTSTATUS (WINAPI *PFN_WSK_CLOSE_SOCKET)(PWSK_SOCKET, PIRP);
typedef NTSTATUS (WINAPI *PFN_WSK_BIND)(PWSK_SOCKET, PSOCKADDR, ULONG, PIRP);

typedef struct _WSK_PROVIDER_DISPATCH {
  USHORT Version;
  USHORT Reserved;
  PFN_WSK_SOCKET WskSocket;
  PVOID WskSocketConnect;
  PFN_WSK_CONTROL_CLIENT WskControlClient;
} WSK_PROVIDER_DISPATCH;
typedef struct _WSK_PROVIDER_NPI { PWSK_CLIENT Client; const WSK_PROVIDER_DISPATCH *Dispatch; } WSK_PROVIDER_NPI, *PWSK_PROVIDER_NPI;

typedef struct _WSK_PROVIDER_BASIC_DISPATCH {
  PFN_WSK_CONTROL_SOCKET WskControlSocket;
  PFN_WSK_CLOSE_SOCKET WskCloseSocket;
} WSK_PROVIDER_BASIC_DISPATCH;
/* WskBind directly follows Basic in the listen, datagram, connection and stream dispatch tables. */
typedef struct _WSK_PROVIDER_LISTEN_DISPATCH {
  WSK_PROVIDER_BASIC_DISPATCH Basic;
  PFN_WSK_BIND WskBind;
} WSK_PROVIDER_LISTEN_DISPATCH;

NTSTATUS WINAPI WskRegister(PWSK_CLIENT_NPI, PWSK_REGISTRATION);
NTSTATUS WINAPI WskCaptureProviderNPI(PWSK_REGISTRATION, ULONG, PWSK_PROVIDER_NPI);
VOID WINAPI WskReleaseProviderNPI(PWSK_REGISTRATION);
VOID WINAPI WskDeregister(PWSK_REGISTRATION);

#endif
