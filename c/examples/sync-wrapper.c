/*
 * Example (b): the synchronous wrapper most open-source WSK libraries use (KSOCKET's KSOCKET_ASYNC_CONTEXT,
 * Microsoft's echosrv sample): one IRP from IoAllocateIrp for the whole session, reused with IoReuseIrp before
 * each call; a completion routine that sets an event and returns STATUS_MORE_PROCESSING_REQUIRED; a wait only
 * when the call returned STATUS_PENDING, then IoStatus.Status is the result.
 *
 * Flow: two listening sockets share 127.0.0.1:5151 through SO_REUSEADDR (documented WSK table: "SO_REUSEADDR,
 * Specific" against "SO_REUSEADDR, Specific" is SUCCESS), the Get of SO_REUSEADDR reads 1, WskGetLocalAddress
 * returns the bound address, WSK_TRANSPORT_LIST_QUERY with a too-small buffer is refused, both sockets close.
 * Works in both completion modes (`wsksim drive --completion inline|pending`).
 */
#include <ntddk.h>
#include <wsk.h>

#define EXAMPLE "sync-wrapper"
#include "example.h"

typedef struct _ASYNC_CONTEXT {
  KEVENT CompletionEvent;
  PIRP Irp;
} ASYNC_CONTEXT, *PASYNC_CONTEXT;

static IO_COMPLETION_ROUTINE AsyncCompletionRoutine;

static NTSTATUS NTAPI AsyncCompletionRoutine(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context) {
  UNREFERENCED_PARAMETER(DeviceObject);
  UNREFERENCED_PARAMETER(Irp);
  KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
  return STATUS_MORE_PROCESSING_REQUIRED;
}

static NTSTATUS AsyncContextAllocate(PASYNC_CONTEXT Ctx) {
  KeInitializeEvent(&Ctx->CompletionEvent, SynchronizationEvent, FALSE);
  Ctx->Irp = IoAllocateIrp(1, FALSE);
  if (!Ctx->Irp) return STATUS_INSUFFICIENT_RESOURCES;
  IoSetCompletionRoutine(Ctx->Irp, AsyncCompletionRoutine, &Ctx->CompletionEvent, TRUE, TRUE, TRUE);
  return STATUS_SUCCESS;
}

static VOID AsyncContextFree(PASYNC_CONTEXT Ctx) { IoFreeIrp(Ctx->Irp); }

static VOID AsyncContextReset(PASYNC_CONTEXT Ctx) {
  KeResetEvent(&Ctx->CompletionEvent);
  IoReuseIrp(Ctx->Irp, STATUS_UNSUCCESSFUL);
  IoSetCompletionRoutine(Ctx->Irp, AsyncCompletionRoutine, &Ctx->CompletionEvent, TRUE, TRUE, TRUE);
}

static NTSTATUS AsyncContextWait(PASYNC_CONTEXT Ctx, NTSTATUS Status) {
  if (Status == STATUS_PENDING) {
    KeWaitForSingleObject(&Ctx->CompletionEvent, Executive, KernelMode, FALSE, NULL);
    Status = Ctx->Irp->IoStatus.Status;
  }
  return Status;
}

static WSK_REGISTRATION Registration;
static WSK_PROVIDER_NPI Provider;
static const WSK_CLIENT_DISPATCH ClientDispatch = { MAKE_WSK_VERSION(1, 0), 0, NULL };
static ASYNC_CONTEXT Ctx;

static NTSTATUS SocketCreate(PWSK_SOCKET *Socket) {
  AsyncContextReset(&Ctx);
  NTSTATUS Status = Provider.Dispatch->WskSocket(Provider.Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_LISTEN_SOCKET,
                                                 NULL, NULL, NULL, NULL, NULL, Ctx.Irp);
  Status = AsyncContextWait(&Ctx, Status);
  *Socket = NT_SUCCESS(Status) ? (PWSK_SOCKET)Ctx.Irp->IoStatus.Information : NULL;
  return Status;
}

static NTSTATUS SetOption(PWSK_SOCKET Socket, ULONG Option, ULONG Value) {
  AsyncContextReset(&Ctx);
  const WSK_PROVIDER_LISTEN_DISPATCH *Dispatch = (const WSK_PROVIDER_LISTEN_DISPATCH *)Socket->Dispatch;
  NTSTATUS Status = Dispatch->WskControlSocket(Socket, WskSetOption, Option, SOL_SOCKET, sizeof(Value), &Value, 0, NULL, NULL, Ctx.Irp);
  return AsyncContextWait(&Ctx, Status);
}

static NTSTATUS GetOption(PWSK_SOCKET Socket, ULONG Option, PULONG Value, PULONG_PTR Returned) {
  AsyncContextReset(&Ctx);
  const WSK_PROVIDER_LISTEN_DISPATCH *Dispatch = (const WSK_PROVIDER_LISTEN_DISPATCH *)Socket->Dispatch;
  NTSTATUS Status = Dispatch->WskControlSocket(Socket, WskGetOption, Option, SOL_SOCKET, 0, NULL, sizeof(*Value), Value, NULL, Ctx.Irp);
  Status = AsyncContextWait(&Ctx, Status);
  *Returned = Ctx.Irp->IoStatus.Information;
  return Status;
}

static NTSTATUS Bind(PWSK_SOCKET Socket, PSOCKADDR Address) {
  AsyncContextReset(&Ctx);
  NTSTATUS Status = ((const WSK_PROVIDER_LISTEN_DISPATCH *)Socket->Dispatch)->WskBind(Socket, Address, 0, Ctx.Irp);
  return AsyncContextWait(&Ctx, Status);
}

static NTSTATUS LocalAddress(PWSK_SOCKET Socket, PSOCKADDR Address) {
  AsyncContextReset(&Ctx);
  NTSTATUS Status = ((const WSK_PROVIDER_LISTEN_DISPATCH *)Socket->Dispatch)->WskGetLocalAddress(Socket, Address, Ctx.Irp);
  return AsyncContextWait(&Ctx, Status);
}

static NTSTATUS Close(PWSK_SOCKET Socket) {
  AsyncContextReset(&Ctx);
  NTSTATUS Status = ((const WSK_PROVIDER_BASIC_DISPATCH *)Socket->Dispatch)->WskCloseSocket(Socket, Ctx.Irp);
  return AsyncContextWait(&Ctx, Status);
}

NTSTATUS NTAPI DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
  UNREFERENCED_PARAMETER(DriverObject);
  UNREFERENCED_PARAMETER(RegistryPath);
  NTSTATUS result = STATUS_SUCCESS;
  PWSK_SOCKET First = NULL, Second = NULL;
  WSK_CLIENT_NPI Client = { NULL, &ClientDispatch };
  SOCKADDR_IN Address = { 0 };
  Address.sin_family = AF_INET;
  Address.sin_port = RtlUshortByteSwap(5151);
  Address.sin_addr.s_addr = RtlUlongByteSwap(0x7F000001);

  NTSTATUS Status = WskRegister(&Client, &Registration);
  if (!NT_SUCCESS(Status)) return Status;
  Status = WskCaptureProviderNPI(&Registration, WSK_INFINITE_WAIT, &Provider);
  if (!NT_SUCCESS(Status)) { WskDeregister(&Registration); return Status; }
  Status = AsyncContextAllocate(&Ctx);
  if (!NT_SUCCESS(Status)) { WskReleaseProviderNPI(&Registration); WskDeregister(&Registration); return Status; }

  EXPECT("WskSocket (first)", SocketCreate(&First), STATUS_SUCCESS);
  EXPECT("SO_REUSEADDR = 1 (first)", SetOption(First, SO_REUSEADDR, 1), STATUS_SUCCESS);
  EXPECT("WskBind 127.0.0.1:5151 (first)", Bind(First, (PSOCKADDR)&Address), STATUS_SUCCESS);
  EXPECT("WskSocket (second)", SocketCreate(&Second), STATUS_SUCCESS);
  EXPECT("SO_REUSEADDR = 1 (second)", SetOption(Second, SO_REUSEADDR, 1), STATUS_SUCCESS);
  EXPECT("WskBind 127.0.0.1:5151 (second, shared)", Bind(Second, (PSOCKADDR)&Address), STATUS_SUCCESS);
  {
    ULONG Value = 0xCCCCCCCC;
    ULONG_PTR Returned = 0;
    EXPECT("Get SO_REUSEADDR", GetOption(Second, SO_REUSEADDR, &Value, &Returned), STATUS_SUCCESS);
    EXPECT("SO_REUSEADDR value", Value, 1);
    EXPECT("IoStatus.Information of the Get", Returned, sizeof(ULONG));
  }
  {
    SOCKADDR_IN Bound;
    RtlFillMemory(&Bound, sizeof Bound, 0xCC);
    EXPECT("WskGetLocalAddress", LocalAddress(First, (PSOCKADDR)&Bound), STATUS_SUCCESS);
    EXPECT("local address family", Bound.sin_family, AF_INET);
    EXPECT("local address port", Bound.sin_port, RtlUshortByteSwap(5151));
    EXPECT("local address IPv4", Bound.sin_addr.s_addr, RtlUlongByteSwap(0x7F000001));
    EXPECT("local address padding", Bound.sin_zero[0] | Bound.sin_zero[7], 0);
  }
  {
    UCHAR Small[4];
    SIZE_T Returned = 0;
    Status = Provider.Dispatch->WskControlClient(Provider.Client, WSK_TRANSPORT_LIST_QUERY, 0, NULL, sizeof Small, Small, &Returned, NULL);
    EXPECT("WSK_TRANSPORT_LIST_QUERY into 4 bytes is refused", NT_SUCCESS(Status), FALSE);
  }
  EXPECT("WskCloseSocket (second)", Close(Second), STATUS_SUCCESS);
  Second = NULL;
  EXPECT("WskCloseSocket (first)", Close(First), STATUS_SUCCESS);
  First = NULL;

done:
  if (Second) Close(Second);
  if (First) Close(First);
  AsyncContextFree(&Ctx);
  WskReleaseProviderNPI(&Registration);
  WskDeregister(&Registration);
  return result;
}
