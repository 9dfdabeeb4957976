/*
 * Example (c): a datapath-style client (the pattern of MsQuic's kernel datapath): the IRP lives inside the
 * binding structure, initialised with IoInitializeIrp (room for one stack location), reused for every call, and
 * every WskSetOption passes &OutputSizeReturned although the option pages say it must be NULL for a Set.
 *
 * What it expects depends on the session's policy (wsksim/harness.h):
 * - `strict` (the documented parameter tables: OutputSizeReturned must be NULL for a Set): the first Set is
 *   refused with STATUS_INVALID_PARAMETER, and the example checks exactly that, then closes;
 * - `windows` (what real Windows accepts: the pointer is tolerated and recorded as a lint) and `lenient` (only
 *   what the operation needs is checked): every Set succeeds, and so does the bind.
 * Flow: an AF_INET6 datagram socket, IPV6_V6ONLY = 0 (dual stack), SO_EXCLUSIVEADDRUSE = 1, bind [::1]:5152.
 */
#include <ntddk.h>
#include <wsk.h>
#include <wsksim/harness.h>

#define EXAMPLE "datapath"
#include "example.h"

typedef struct _BINDING {
  PWSK_SOCKET Socket;
  KEVENT Done;
  union {
    IRP Irp;
    UCHAR IrpBuffer[sizeof(IRP) + sizeof(IO_STACK_LOCATION)];
  };
} BINDING;

static IO_COMPLETION_ROUTINE BindingComplete;

static NTSTATUS NTAPI BindingComplete(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context) {
  UNREFERENCED_PARAMETER(DeviceObject);
  UNREFERENCED_PARAMETER(Irp);
  KeSetEvent(&((BINDING *)Context)->Done, IO_NO_INCREMENT, FALSE);
  return STATUS_MORE_PROCESSING_REQUIRED;
}

static VOID Prepare(BINDING *Binding) {
  IoReuseIrp(&Binding->Irp, STATUS_SUCCESS);
  KeClearEvent(&Binding->Done);
  IoSetCompletionRoutine(&Binding->Irp, BindingComplete, Binding, TRUE, TRUE, TRUE);
}

static NTSTATUS Wait(BINDING *Binding, NTSTATUS Status) {
  if (Status == STATUS_PENDING) {
    KeWaitForSingleObject(&Binding->Done, Executive, KernelMode, FALSE, NULL);
    Status = Binding->Irp.IoStatus.Status;
  }
  return Status;
}

static NTSTATUS SetOption(BINDING *Binding, ULONG Level, ULONG Option, ULONG Value) {
  SIZE_T OutputSizeReturned = 0;
  Prepare(Binding);
  const WSK_PROVIDER_DATAGRAM_DISPATCH *Dispatch = (const WSK_PROVIDER_DATAGRAM_DISPATCH *)Binding->Socket->Dispatch;
  NTSTATUS Status = Dispatch->WskControlSocket(Binding->Socket, WskSetOption, Option, Level, sizeof(Value), &Value, 0, NULL,
                                               &OutputSizeReturned, &Binding->Irp);
  return Wait(Binding, Status);
}

static WSK_REGISTRATION Registration;
static WSK_PROVIDER_NPI Provider;
static const WSK_CLIENT_DISPATCH ClientDispatch = { MAKE_WSK_VERSION(1, 0), 0, NULL };
static const WSK_CLIENT_DATAGRAM_DISPATCH DatagramDispatch = { NULL };
static BINDING Binding;

static int PolicyIs(const char *name) {
  const char *p = WsksimPolicy();
  while (*p && *p == *name) { p++; name++; }
  return *p == 0 && *name == 0;
}

NTSTATUS NTAPI DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
  UNREFERENCED_PARAMETER(DriverObject);
  UNREFERENCED_PARAMETER(RegistryPath);
  NTSTATUS result = STATUS_SUCCESS;
  WSK_CLIENT_NPI Client = { NULL, &ClientDispatch };
  BOOLEAN tolerated = !PolicyIs("strict");
  DbgPrint(EXAMPLE ": policy %s: every WskSetOption with &OutputSizeReturned is expected to %s\n", WsksimPolicy(),
           tolerated ? "succeed" : "be refused with STATUS_INVALID_PARAMETER");

  NTSTATUS Status = WskRegister(&Client, &Registration);
  if (!NT_SUCCESS(Status)) return Status;
  Status = WskCaptureProviderNPI(&Registration, WSK_INFINITE_WAIT, &Provider);
  if (!NT_SUCCESS(Status)) { WskDeregister(&Registration); return Status; }

  KeInitializeEvent(&Binding.Done, NotificationEvent, FALSE);
  IoInitializeIrp(&Binding.Irp, sizeof(Binding.IrpBuffer), 1);
  IoSetCompletionRoutine(&Binding.Irp, BindingComplete, &Binding, TRUE, TRUE, TRUE);
  Status = Wait(&Binding, Provider.Dispatch->WskSocket(Provider.Client, AF_INET6, SOCK_DGRAM, IPPROTO_UDP, WSK_FLAG_DATAGRAM_SOCKET,
                                                       &Binding, &DatagramDispatch, NULL, NULL, NULL, &Binding.Irp));
  EXPECT("WskSocket (AF_INET6 datagram)", Status, STATUS_SUCCESS);
  Binding.Socket = (PWSK_SOCKET)Binding.Irp.IoStatus.Information;

  if (!tolerated) {
    EXPECT("IPV6_V6ONLY = 0 with &OutputSizeReturned (documented tables: refused)", SetOption(&Binding, IPPROTO_IPV6, IPV6_V6ONLY, 0),
           STATUS_INVALID_PARAMETER);
  } else {
    EXPECT("IPV6_V6ONLY = 0 with &OutputSizeReturned", SetOption(&Binding, IPPROTO_IPV6, IPV6_V6ONLY, 0), STATUS_SUCCESS);
    EXPECT("SO_EXCLUSIVEADDRUSE = 1 with &OutputSizeReturned", SetOption(&Binding, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, 1), STATUS_SUCCESS);
    SOCKADDR_IN6 Address = { 0 };
    Address.sin6_family = AF_INET6;
    Address.sin6_port = RtlUshortByteSwap(5152);
    Address.sin6_addr.u.Byte[15] = 1;
    Prepare(&Binding);
    Status = ((const WSK_PROVIDER_DATAGRAM_DISPATCH *)Binding.Socket->Dispatch)->WskBind(Binding.Socket, (PSOCKADDR)&Address, 0, &Binding.Irp);
    EXPECT("WskBind [::1]:5152", Wait(&Binding, Status), STATUS_SUCCESS);
  }

done:
  if (Binding.Socket) {
    Prepare(&Binding);
    Wait(&Binding, ((const WSK_PROVIDER_BASIC_DISPATCH *)Binding.Socket->Dispatch)->WskCloseSocket(Binding.Socket, &Binding.Irp));
  }
  WskReleaseProviderNPI(&Registration);
  WskDeregister(&Registration);
  return result;
}
