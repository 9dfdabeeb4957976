/*
 * Example (a): a listener that claims its address exclusively. Socket 1 sets SO_EXCLUSIVEADDRUSE before binding
 * 127.0.0.1:5150; socket 2, with no option, binds the same address and is refused (documented WSK sharing table,
 * "None, Specific" second bind against "SO_EXCLUSIVEADDRUSE, Specific": INUSE, STATUS_ADDRESS_ALREADY_EXISTS);
 * then the Get of the option on socket 1 reads back 1 (4 bytes, IoStatus.Information = 4).
 * Every result is checked; DriverEntry fails on the first mismatch.
 *
 *   npx wsksim cc -o exclusive-listener.exe c/examples/exclusive-listener.c
 *   npx wsksim drive -- exclusive-listener.exe
 */
#include <ntddk.h>
#include <wsk.h>

static WSK_REGISTRATION Registration;
static WSK_PROVIDER_NPI Provider;
static const WSK_CLIENT_DISPATCH ClientDispatch = { MAKE_WSK_VERSION(1, 0), 0, NULL };

static IO_COMPLETION_ROUTINE SignalEvent;

static NTSTATUS NTAPI SignalEvent(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context) {
  UNREFERENCED_PARAMETER(DeviceObject);
  UNREFERENCED_PARAMETER(Irp);
  KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
  return STATUS_MORE_PROCESSING_REQUIRED;
}

/* One IRP per call: allocate, hook the completion routine, wait when pending, return IoStatus. */
typedef struct { PIRP Irp; KEVENT Done; } SYNC_CALL;

static NTSTATUS Begin(SYNC_CALL *call) {
  call->Irp = IoAllocateIrp(1, FALSE);
  if (!call->Irp) return STATUS_INSUFFICIENT_RESOURCES;
  KeInitializeEvent(&call->Done, NotificationEvent, FALSE);
  IoSetCompletionRoutine(call->Irp, SignalEvent, &call->Done, TRUE, TRUE, TRUE);
  return STATUS_SUCCESS;
}

static NTSTATUS End(SYNC_CALL *call, NTSTATUS returned, ULONG_PTR *information) {
  if (returned == STATUS_PENDING) KeWaitForSingleObject(&call->Done, Executive, KernelMode, FALSE, NULL);
  NTSTATUS status = call->Irp->IoStatus.Status;
  if (information) *information = call->Irp->IoStatus.Information;
  IoFreeIrp(call->Irp);
  return status;
}

static NTSTATUS CreateListener(PWSK_SOCKET *socket) {
  SYNC_CALL call;
  ULONG_PTR info = 0;
  NTSTATUS status = Begin(&call);
  if (!NT_SUCCESS(status)) return status;
  status = End(&call, Provider.Dispatch->WskSocket(Provider.Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_LISTEN_SOCKET,
                                                   NULL, NULL, NULL, NULL, NULL, call.Irp), &info);
  *socket = (PWSK_SOCKET)info;
  return status;
}

static NTSTATUS Control(PWSK_SOCKET socket, WSK_CONTROL_SOCKET_TYPE type, ULONG code, ULONG value, ULONG *out, ULONG_PTR *info) {
  SYNC_CALL call;
  NTSTATUS status = Begin(&call);
  if (!NT_SUCCESS(status)) return status;
  const WSK_PROVIDER_LISTEN_DISPATCH *d = (const WSK_PROVIDER_LISTEN_DISPATCH *)socket->Dispatch;
  if (type == WskSetOption)
    status = d->WskControlSocket(socket, type, code, SOL_SOCKET, sizeof value, &value, 0, NULL, NULL, call.Irp);
  else
    status = d->WskControlSocket(socket, type, code, SOL_SOCKET, 0, NULL, sizeof *out, out, NULL, call.Irp);
  return End(&call, status, info);
}

static NTSTATUS Bind(PWSK_SOCKET socket, const SOCKADDR_IN *address) {
  SYNC_CALL call;
  NTSTATUS status = Begin(&call);
  if (!NT_SUCCESS(status)) return status;
  const WSK_PROVIDER_LISTEN_DISPATCH *d = (const WSK_PROVIDER_LISTEN_DISPATCH *)socket->Dispatch;
  return End(&call, d->WskBind(socket, (PSOCKADDR)address, 0, call.Irp), NULL);
}

static NTSTATUS Close(PWSK_SOCKET socket) {
  SYNC_CALL call;
  NTSTATUS status = Begin(&call);
  if (!NT_SUCCESS(status)) return status;
  return End(&call, ((const WSK_PROVIDER_BASIC_DISPATCH *)socket->Dispatch)->WskCloseSocket(socket, call.Irp), NULL);
}

/* Evaluate once, compare, report: DriverEntry fails on the first mismatch. */
#define EXPECT(what, got, want)                                                                              \
  do {                                                                                                       \
    ULONG_PTR got_ = (ULONG_PTR)(got), want_ = (ULONG_PTR)(want);                                           \
    if (got_ != want_) {                                                                                     \
      DbgPrint("exclusive-listener: %s: got 0x%lX, expected 0x%lX\n", what, (ULONG)got_, (ULONG)want_);     \
      result = STATUS_UNSUCCESSFUL;                                                                          \
      goto done;                                                                                             \
    }                                                                                                        \
    DbgPrint("exclusive-listener: %s: 0x%lX as expected\n", what, (ULONG)got_);                            \
  } while (0)

static VOID NTAPI DriverUnload(PDRIVER_OBJECT DriverObject) {
  UNREFERENCED_PARAMETER(DriverObject);
  DbgPrint("exclusive-listener: unloaded\n");
}

NTSTATUS NTAPI DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
  UNREFERENCED_PARAMETER(RegistryPath);
  NTSTATUS result = STATUS_SUCCESS;
  PWSK_SOCKET first = NULL, second = NULL;
  WSK_CLIENT_NPI client = { NULL, &ClientDispatch };
  SOCKADDR_IN address = { 0 };
  address.sin_family = AF_INET;
  address.sin_port = RtlUshortByteSwap(5150);
  address.sin_addr.s_addr = RtlUlongByteSwap(0x7F000001);

  NTSTATUS status = WskRegister(&client, &Registration);
  if (!NT_SUCCESS(status)) return status;
  status = WskCaptureProviderNPI(&Registration, WSK_INFINITE_WAIT, &Provider);
  if (!NT_SUCCESS(status)) { WskDeregister(&Registration); return status; }

  EXPECT("WskSocket (first listener)", CreateListener(&first), STATUS_SUCCESS);
  EXPECT("SO_EXCLUSIVEADDRUSE = 1 before bind", Control(first, WskSetOption, SO_EXCLUSIVEADDRUSE, 1, NULL, NULL), STATUS_SUCCESS);
  EXPECT("WskBind 127.0.0.1:5150 (first)", Bind(first, &address), STATUS_SUCCESS);
  EXPECT("WskSocket (second listener)", CreateListener(&second), STATUS_SUCCESS);
  EXPECT("WskBind 127.0.0.1:5150 (second, refused)", Bind(second, &address), STATUS_ADDRESS_ALREADY_EXISTS);
  {
    ULONG value = 0xCCCCCCCC;
    ULONG_PTR info = 0;
    EXPECT("Get SO_EXCLUSIVEADDRUSE", Control(first, WskGetOption, SO_EXCLUSIVEADDRUSE, 0, &value, &info), STATUS_SUCCESS);
    EXPECT("SO_EXCLUSIVEADDRUSE value", value, 1);
    EXPECT("IoStatus.Information of the Get", info, sizeof(ULONG));
  }

done:
  if (second) Close(second);
  if (first) Close(first);
  WskReleaseProviderNPI(&Registration);
  WskDeregister(&Registration);
  if (NT_SUCCESS(result)) DriverObject->DriverUnload = DriverUnload;
  return result;
}
