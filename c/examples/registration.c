/*
 * Example (e): registration as Microsoft's WSK sample does it. WskRegister with the client's NPI,
 * WskCaptureProviderNPI, WskQueryProviderCharacteristics, then WskControlClient(WSK_SET_STATIC_EVENT_CALLBACKS)
 * with a NULL IRP before any socket exists (the documented order), enabling WskAcceptEvent for listening
 * sockets through NPI_WSK_INTERFACE_ID. Checked: a control block with WSK_EVENT_DISABLE is refused
 * (STATUS_INVALID_PARAMETER), the valid one succeeds, a listening socket with a WSK_CLIENT_LISTEN_DISPATCH is
 * created, and the same request after a socket exists is refused (STATUS_INVALID_DEVICE_STATE). Then close,
 * WskReleaseProviderNPI, WskDeregister (in DriverUnload, as a driver that keeps its registration would).
 */
#include <ntddk.h>
#include <wsk.h>

#define EXAMPLE "registration"
#include "example.h"

static WSK_REGISTRATION Registration;
static WSK_PROVIDER_NPI Provider;
static BOOLEAN Captured;

static NTSTATUS NTAPI ClientEvent(PVOID ClientContext, ULONG EventType, PVOID Information, SIZE_T InformationLength) {
  UNREFERENCED_PARAMETER(ClientContext);
  UNREFERENCED_PARAMETER(EventType);
  UNREFERENCED_PARAMETER(Information);
  UNREFERENCED_PARAMETER(InformationLength);
  return STATUS_SUCCESS;
}

static NTSTATUS NTAPI AcceptEvent(PVOID SocketContext, ULONG Flags, PSOCKADDR LocalAddress, PSOCKADDR RemoteAddress,
                                  PWSK_SOCKET AcceptSocket, PVOID *AcceptSocketContext,
                                  const WSK_CLIENT_CONNECTION_DISPATCH **AcceptSocketDispatch) {
  UNREFERENCED_PARAMETER(SocketContext);
  UNREFERENCED_PARAMETER(Flags);
  UNREFERENCED_PARAMETER(LocalAddress);
  UNREFERENCED_PARAMETER(RemoteAddress);
  UNREFERENCED_PARAMETER(AcceptSocket);
  *AcceptSocketContext = NULL;
  *AcceptSocketDispatch = NULL;
  return STATUS_REQUEST_NOT_ACCEPTED;
}

static const WSK_CLIENT_DISPATCH ClientDispatch = { MAKE_WSK_VERSION(1, 0), 0, ClientEvent };
static const WSK_CLIENT_LISTEN_DISPATCH ListenDispatch = { AcceptEvent, NULL, NULL };

static IO_COMPLETION_ROUTINE Signal;
static NTSTATUS NTAPI Signal(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context) {
  UNREFERENCED_PARAMETER(DeviceObject);
  UNREFERENCED_PARAMETER(Irp);
  KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
  return STATUS_MORE_PROCESSING_REQUIRED;
}

/* Run one IRP-based call synchronously: Call is an expression using `Irp`. */
#define SYNC(Status, Call)                                                                                   \
  do {                                                                                                       \
    KEVENT Event_;                                                                                           \
    PIRP Irp = IoAllocateIrp(1, FALSE);                                                                      \
    if (!Irp) { Status = STATUS_INSUFFICIENT_RESOURCES; break; }                                             \
    KeInitializeEvent(&Event_, NotificationEvent, FALSE);                                                    \
    IoSetCompletionRoutine(Irp, Signal, &Event_, TRUE, TRUE, TRUE);                                          \
    Status = (Call);                                                                                         \
    if (Status == STATUS_PENDING) KeWaitForSingleObject(&Event_, Executive, KernelMode, FALSE, NULL);        \
    Status = Irp->IoStatus.Status;                                                                           \
    Information_ = Irp->IoStatus.Information;                                                                \
    IoFreeIrp(Irp);                                                                                          \
  } while (0)

static VOID NTAPI DriverUnload(PDRIVER_OBJECT DriverObject) {
  UNREFERENCED_PARAMETER(DriverObject);
  if (Captured) WskReleaseProviderNPI(&Registration);
  WskDeregister(&Registration);
  DbgPrint(EXAMPLE ": deregistered in DriverUnload\n");
}

NTSTATUS NTAPI DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
  UNREFERENCED_PARAMETER(RegistryPath);
  NTSTATUS result = STATUS_SUCCESS, Status;
  ULONG_PTR Information_ = 0;
  PWSK_SOCKET Listener = NULL;
  WSK_CLIENT_NPI Client = { NULL, &ClientDispatch };
  WSK_PROVIDER_CHARACTERISTICS Characteristics = { 0, 0 };
  WSK_EVENT_CALLBACK_CONTROL Control = { (PNPIID)&NPI_WSK_INTERFACE_ID, WSK_EVENT_ACCEPT };
  WSK_EVENT_CALLBACK_CONTROL Disable = { (PNPIID)&NPI_WSK_INTERFACE_ID, WSK_EVENT_ACCEPT | WSK_EVENT_DISABLE };

  Status = WskRegister(&Client, &Registration);
  if (!NT_SUCCESS(Status)) return Status;
  DriverObject->DriverUnload = DriverUnload;
  EXPECT("WskQueryProviderCharacteristics", WskQueryProviderCharacteristics(&Registration, &Characteristics), STATUS_SUCCESS);
  EXPECT("highest WSK version >= 1.0", Characteristics.HighestVersion >= MAKE_WSK_VERSION(1, 0), TRUE);
  EXPECT("WskCaptureProviderNPI", WskCaptureProviderNPI(&Registration, WSK_INFINITE_WAIT, &Provider), STATUS_SUCCESS);
  Captured = TRUE;
  EXPECT("provider dispatch version 1.x", WSK_MAJOR_VERSION(Provider.Dispatch->Version), 1);

  Status = Provider.Dispatch->WskControlClient(Provider.Client, WSK_SET_STATIC_EVENT_CALLBACKS, sizeof Disable, &Disable, 0, NULL, NULL, NULL);
  EXPECT("WSK_SET_STATIC_EVENT_CALLBACKS with WSK_EVENT_DISABLE", Status, STATUS_INVALID_PARAMETER);
  Status = Provider.Dispatch->WskControlClient(Provider.Client, WSK_SET_STATIC_EVENT_CALLBACKS, sizeof Control, &Control, 0, NULL, NULL, NULL);
  EXPECT("WSK_SET_STATIC_EVENT_CALLBACKS (WSK_EVENT_ACCEPT), before any socket", Status, STATUS_SUCCESS);

  SYNC(Status, Provider.Dispatch->WskSocket(Provider.Client, AF_INET6, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_LISTEN_SOCKET, NULL, &ListenDispatch, NULL, NULL, NULL, Irp));
  EXPECT("WskSocket (listening, with WSK_CLIENT_LISTEN_DISPATCH)", Status, STATUS_SUCCESS);
  Listener = (PWSK_SOCKET)Information_;
  EXPECT("the listening socket's dispatch has WskAccept", ((const WSK_PROVIDER_LISTEN_DISPATCH *)Listener->Dispatch)->WskAccept != NULL, TRUE);

  Status = Provider.Dispatch->WskControlClient(Provider.Client, WSK_SET_STATIC_EVENT_CALLBACKS, sizeof Control, &Control, 0, NULL, NULL, NULL);
  EXPECT("WSK_SET_STATIC_EVENT_CALLBACKS after a socket exists", Status, STATUS_INVALID_DEVICE_STATE);

  SYNC(Status, ((const WSK_PROVIDER_BASIC_DISPATCH *)Listener->Dispatch)->WskCloseSocket(Listener, Irp));
  EXPECT("WskCloseSocket", Status, STATUS_SUCCESS);
  Listener = NULL;

done:
  if (Listener) SYNC(Status, ((const WSK_PROVIDER_BASIC_DISPATCH *)Listener->Dispatch)->WskCloseSocket(Listener, Irp));
  return result;
}
