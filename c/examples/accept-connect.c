/*
 * Example (f): a server that accepts a connection and a client that connects to it, written as WSK drivers write
 * them (the echosrv / KSOCKET patterns): a synchronous wrapper for each call, and a WskAccept with an IRP of its
 * own that stays outstanding until a connection arrives.
 *
 * Flow (docs/POLICY.md "Connections and lingering endpoints"):
 *  1. a listening socket with SO_EXCLUSIVEADDRUSE binds 127.0.0.1:5150 (a WSK listening socket listens once bound);
 *  2. WskAccept, issued before any connection exists, returns STATUS_PENDING (in both completion modes);
 *  3. WskSocketConnect from 127.0.0.1:0 to 127.0.0.1:5150 creates the client's connection socket; the connection
 *     reaches the listener and completes the accept: a WSK_SOCKET with the connection dispatch table, the accept's
 *     LocalAddress 127.0.0.1:5150 and RemoteAddress the client's local address (read with WskGetLocalAddress);
 *     WskGetLocalAddress and WskGetRemoteAddress of the accepted socket say the same;
 *  4. the server disconnects the accepted socket gracefully and closes it, the client closes, the listener closes;
 *  5. the server restarts on its port: while the closed connection lingers in TIME_WAIT (240 s), the port stays
 *     reserved by the exclusive listener and the new listener's bind is refused (WSK sharing table, SO_EXCLUSIVEADDRUSE
 *     specific against SO_EXCLUSIVEADDRUSE specific: in use); after 240 s of simulated time it succeeds;
 *  6. a remote peer at 192.0.2.7:40000 connects: the new listener's pending accept completes with that address;
 *     the peer closes first, the server closes without lingering, and the port can be bound again at once.
 * Steps 5 and 6 use wsksim's test hooks (wsksim/harness.h): time and remote peers are the harness's to move.
 * Works in both completion modes (`wsksim drive --completion inline|pending`).
 */
#include <ntddk.h>
#include <wsk.h>
#include <wsksim/harness.h>

#define EXAMPLE "accept-connect"
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
static const WSK_CLIENT_CONNECTION_DISPATCH ConnectionDispatch = { NULL, NULL, NULL };
static ASYNC_CONTEXT Ctx;    /* the synchronous calls */
static ASYNC_CONTEXT Accept; /* the outstanding WskAccept */
static ULONG ConnectionContext;

static SOCKADDR_IN Ipv4(ULONG Address, USHORT Port) {
  SOCKADDR_IN a;
  RtlZeroMemory(&a, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = RtlUshortByteSwap(Port);
  a.sin_addr.s_addr = RtlUlongByteSwap(Address);
  return a;
}

static NTSTATUS Listener(PWSK_SOCKET *Socket) {
  AsyncContextReset(&Ctx);
  NTSTATUS Status = Provider.Dispatch->WskSocket(Provider.Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_LISTEN_SOCKET,
                                                 NULL, NULL, NULL, NULL, NULL, Ctx.Irp);
  Status = AsyncContextWait(&Ctx, Status);
  *Socket = NT_SUCCESS(Status) ? (PWSK_SOCKET)Ctx.Irp->IoStatus.Information : NULL;
  if (NT_SUCCESS(Status)) {
    ULONG On = 1;
    AsyncContextReset(&Ctx);
    Status = ((const WSK_PROVIDER_LISTEN_DISPATCH *)(*Socket)->Dispatch)->WskControlSocket(
        *Socket, WskSetOption, SO_EXCLUSIVEADDRUSE, SOL_SOCKET, sizeof On, &On, 0, NULL, NULL, Ctx.Irp);
    Status = AsyncContextWait(&Ctx, Status);
  }
  return Status;
}

static NTSTATUS Bind(PWSK_SOCKET Socket, PSOCKADDR Address) {
  AsyncContextReset(&Ctx);
  NTSTATUS Status = ((const WSK_PROVIDER_LISTEN_DISPATCH *)Socket->Dispatch)->WskBind(Socket, Address, 0, Ctx.Irp);
  return AsyncContextWait(&Ctx, Status);
}

static NTSTATUS StartAccept(PWSK_SOCKET Socket, PSOCKADDR Local, PSOCKADDR Remote) {
  AsyncContextReset(&Accept);
  return ((const WSK_PROVIDER_LISTEN_DISPATCH *)Socket->Dispatch)->WskAccept(Socket, 0, &ConnectionContext, &ConnectionDispatch,
                                                                            Local, Remote, Accept.Irp);
}

static NTSTATUS FinishAccept(NTSTATUS Status, PWSK_SOCKET *Accepted) {
  Status = AsyncContextWait(&Accept, Status);
  *Accepted = NT_SUCCESS(Status) ? (PWSK_SOCKET)Accept.Irp->IoStatus.Information : NULL;
  return Status;
}

static NTSTATUS SocketConnect(PSOCKADDR Local, PSOCKADDR Remote, PWSK_SOCKET *Socket) {
  AsyncContextReset(&Ctx);
  NTSTATUS Status = Provider.Dispatch->WskSocketConnect(Provider.Client, SOCK_STREAM, IPPROTO_TCP, Local, Remote, 0, &ConnectionContext,
                                                        &ConnectionDispatch, NULL, NULL, NULL, Ctx.Irp);
  Status = AsyncContextWait(&Ctx, Status);
  *Socket = NT_SUCCESS(Status) ? (PWSK_SOCKET)Ctx.Irp->IoStatus.Information : NULL;
  return Status;
}

static NTSTATUS LocalAddress(PWSK_SOCKET Socket, PSOCKADDR Address) {
  AsyncContextReset(&Ctx);
  NTSTATUS Status = ((const WSK_PROVIDER_CONNECTION_DISPATCH *)Socket->Dispatch)->WskGetLocalAddress(Socket, Address, Ctx.Irp);
  return AsyncContextWait(&Ctx, Status);
}

static NTSTATUS RemoteAddress(PWSK_SOCKET Socket, PSOCKADDR Address) {
  AsyncContextReset(&Ctx);
  NTSTATUS Status = ((const WSK_PROVIDER_CONNECTION_DISPATCH *)Socket->Dispatch)->WskGetRemoteAddress(Socket, Address, Ctx.Irp);
  return AsyncContextWait(&Ctx, Status);
}

static NTSTATUS Disconnect(PWSK_SOCKET Socket, ULONG Flags) {
  AsyncContextReset(&Ctx);
  NTSTATUS Status = ((const WSK_PROVIDER_CONNECTION_DISPATCH *)Socket->Dispatch)->WskDisconnect(Socket, NULL, Flags, Ctx.Irp);
  return AsyncContextWait(&Ctx, Status);
}

static NTSTATUS Close(PWSK_SOCKET Socket) {
  AsyncContextReset(&Ctx);
  NTSTATUS Status = ((const WSK_PROVIDER_BASIC_DISPATCH *)Socket->Dispatch)->WskCloseSocket(Socket, Ctx.Irp);
  return AsyncContextWait(&Ctx, Status);
}

/** The bytes of two SOCKADDR_IN are the same (family, port, address and the zero padding). */
static BOOLEAN SameAddress(const SOCKADDR_IN *a, const SOCKADDR_IN *b) {
  const UCHAR *x = (const UCHAR *)a, *y = (const UCHAR *)b;
  for (SIZE_T i = 0; i < sizeof *a; i++)
    if (x[i] != y[i]) return FALSE;
  return TRUE;
}

NTSTATUS NTAPI DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
  UNREFERENCED_PARAMETER(DriverObject);
  UNREFERENCED_PARAMETER(RegistryPath);
  NTSTATUS result = STATUS_SUCCESS;
  PWSK_SOCKET Server = NULL, Client = NULL, Accepted = NULL;
  WSK_CLIENT_NPI ClientNpi = { NULL, &ClientDispatch };
  SOCKADDR_IN Port5150 = Ipv4(0x7F000001, 5150), Loopback0 = Ipv4(0x7F000001, 0), Peer = Ipv4(0xC0000207, 40000);
  SOCKADDR_IN AcceptLocal, AcceptRemote, ClientLocal, Got;

  NTSTATUS Status = WskRegister(&ClientNpi, &Registration);
  if (!NT_SUCCESS(Status)) return Status;
  Status = WskCaptureProviderNPI(&Registration, WSK_INFINITE_WAIT, &Provider);
  if (!NT_SUCCESS(Status)) { WskDeregister(&Registration); return Status; }
  if (!NT_SUCCESS(Status = AsyncContextAllocate(&Ctx)) || !NT_SUCCESS(Status = AsyncContextAllocate(&Accept))) {
    WskReleaseProviderNPI(&Registration);
    WskDeregister(&Registration);
    return Status;
  }

  /* 1-2: listen, accept before any connection exists */
  EXPECT("listening socket with SO_EXCLUSIVEADDRUSE", Listener(&Server), STATUS_SUCCESS);
  EXPECT("WskBind 127.0.0.1:5150", Bind(Server, (PSOCKADDR)&Port5150), STATUS_SUCCESS);
  RtlFillMemory(&AcceptLocal, sizeof AcceptLocal, 0xCC);
  RtlFillMemory(&AcceptRemote, sizeof AcceptRemote, 0xCC);
  Status = StartAccept(Server, (PSOCKADDR)&AcceptLocal, (PSOCKADDR)&AcceptRemote);
  EXPECT("WskAccept with no connection yet pends", Status, STATUS_PENDING);
  EXPECT("the accept's completion routine has not run", KeReadStateEvent(&Accept.CompletionEvent), 0);

  /* 3: the client connects; the accept completes */
  EXPECT("WskSocketConnect 127.0.0.1:0 -> 127.0.0.1:5150", SocketConnect((PSOCKADDR)&Loopback0, (PSOCKADDR)&Port5150, &Client), STATUS_SUCCESS);
  EXPECT("the client socket has the connection dispatch table",
         ((const WSK_PROVIDER_CONNECTION_DISPATCH *)Client->Dispatch)->WskDisconnect != NULL, TRUE);
  EXPECT("WskAccept completes", FinishAccept(Status, &Accepted), STATUS_SUCCESS);
  EXPECT("the accepted socket is a WSK_SOCKET", Accepted != NULL, TRUE);
  EXPECT("the accepted socket has the connection dispatch table",
         ((const WSK_PROVIDER_CONNECTION_DISPATCH *)Accepted->Dispatch)->WskGetRemoteAddress != NULL, TRUE);
  EXPECT("the accept's LocalAddress is 127.0.0.1:5150", SameAddress(&AcceptLocal, &Port5150), TRUE);
  RtlFillMemory(&ClientLocal, sizeof ClientLocal, 0xCC);
  EXPECT("WskGetLocalAddress (client)", LocalAddress(Client, (PSOCKADDR)&ClientLocal), STATUS_SUCCESS);
  EXPECT("the client's local address is 127.0.0.1", ClientLocal.sin_addr.s_addr, RtlUlongByteSwap(0x7F000001));
  EXPECT("the client was given a port", ClientLocal.sin_port != 0, TRUE);
  EXPECT("the accept's RemoteAddress is the client's local address", SameAddress(&AcceptRemote, &ClientLocal), TRUE);
  RtlFillMemory(&Got, sizeof Got, 0xCC);
  EXPECT("WskGetLocalAddress (accepted)", LocalAddress(Accepted, (PSOCKADDR)&Got), STATUS_SUCCESS);
  EXPECT("the accepted socket's local address is 127.0.0.1:5150", SameAddress(&Got, &Port5150), TRUE);
  RtlFillMemory(&Got, sizeof Got, 0xCC);
  EXPECT("WskGetRemoteAddress (accepted)", RemoteAddress(Accepted, (PSOCKADDR)&Got), STATUS_SUCCESS);
  EXPECT("the accepted socket's remote address is the client's", SameAddress(&Got, &ClientLocal), TRUE);
  RtlFillMemory(&Got, sizeof Got, 0xCC);
  EXPECT("WskGetRemoteAddress (client)", RemoteAddress(Client, (PSOCKADDR)&Got), STATUS_SUCCESS);
  EXPECT("the client's remote address is 127.0.0.1:5150", SameAddress(&Got, &Port5150), TRUE);

  /* 4: the server disconnects first (gracefully), everything closes */
  EXPECT("WskDisconnect (accepted, graceful)", Disconnect(Accepted, 0), STATUS_SUCCESS);
  EXPECT("WskCloseSocket (accepted)", Close(Accepted), STATUS_SUCCESS);
  Accepted = NULL;
  EXPECT("WskCloseSocket (client)", Close(Client), STATUS_SUCCESS);
  Client = NULL;
  EXPECT("WskCloseSocket (listener)", Close(Server), STATUS_SUCCESS);
  Server = NULL;

  /* 5: restart on the port: refused while the connection lingers, allowed after 240 s */
  EXPECT("new listening socket with SO_EXCLUSIVEADDRUSE", Listener(&Server), STATUS_SUCCESS);
  EXPECT("WskBind 127.0.0.1:5150 while the connection is in TIME_WAIT", Bind(Server, (PSOCKADDR)&Port5150), STATUS_ADDRESS_ALREADY_EXISTS);
  EXPECT("simulated time after 239 s", WsksimAdvanceTime(239), 239);
  EXPECT("WskBind 127.0.0.1:5150 after 239 s", Bind(Server, (PSOCKADDR)&Port5150), STATUS_ADDRESS_ALREADY_EXISTS);
  EXPECT("simulated time after 240 s", WsksimAdvanceTime(1), 240);
  EXPECT("WskBind 127.0.0.1:5150 after 240 s", Bind(Server, (PSOCKADDR)&Port5150), STATUS_SUCCESS);

  /* 6: a remote peer connects, then closes first */
  RtlFillMemory(&AcceptLocal, sizeof AcceptLocal, 0xCC);
  RtlFillMemory(&AcceptRemote, sizeof AcceptRemote, 0xCC);
  Status = StartAccept(Server, (PSOCKADDR)&AcceptLocal, (PSOCKADDR)&AcceptRemote);
  EXPECT("WskAccept (second) pends", Status, STATUS_PENDING);
  EXPECT("the remote peer's connection reaches the listener", WsksimIncomingConnection((PSOCKADDR)&Peer, (PSOCKADDR)&Port5150) == Server, TRUE);
  EXPECT("WskAccept (second) completes", FinishAccept(Status, &Accepted), STATUS_SUCCESS);
  EXPECT("the accept's LocalAddress is 127.0.0.1:5150", SameAddress(&AcceptLocal, &Port5150), TRUE);
  EXPECT("the accept's RemoteAddress is 192.0.2.7:40000", SameAddress(&AcceptRemote, &Peer), TRUE);
  WsksimPeerClose(Accepted);
  EXPECT("WskCloseSocket (accepted, after the peer closed)", Close(Accepted), STATUS_SUCCESS);
  Accepted = NULL;
  EXPECT("WskCloseSocket (second listener)", Close(Server), STATUS_SUCCESS);
  Server = NULL;
  EXPECT("third listening socket with SO_EXCLUSIVEADDRUSE", Listener(&Server), STATUS_SUCCESS);
  EXPECT("WskBind 127.0.0.1:5150 at once (nothing lingers after a passive close)", Bind(Server, (PSOCKADDR)&Port5150), STATUS_SUCCESS);
  EXPECT("WskCloseSocket (third listener)", Close(Server), STATUS_SUCCESS);
  Server = NULL;

done:
  if (Accepted) Close(Accepted);
  if (Client) Close(Client);
  if (Server) Close(Server);
  IoFreeIrp(Accept.Irp);
  IoFreeIrp(Ctx.Irp);
  WskReleaseProviderNPI(&Registration);
  WskDeregister(&Registration);
  return result;
}
