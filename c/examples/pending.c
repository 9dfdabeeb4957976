/*
 * Example (d): IRPs that complete later. Two control requests are issued back to back, each with its own IRP and
 * event, before any wait: WskSetOption SO_REUSEADDR = 1 (IRP A) and WskGetOption SO_EXCLUSIVEADDRUSE (IRP B).
 *
 * Under `wsksim drive --completion pending` both calls return STATUS_PENDING, neither completion routine has run
 * when they return, a zero-timeout wait times out, and the wait on B's event delivers the completions (the
 * harness sends DELIVER): both routines then run with Irp->PendingReturned TRUE. Under `--completion inline`
 * both return STATUS_SUCCESS with their routines already run (PendingReturned FALSE). The example reads the mode
 * from wsksim/harness.h and checks the matching expectations; the option results are the same in both.
 */
#include <ntddk.h>
#include <wsk.h>
#include <wsksim/harness.h>

#define EXAMPLE "pending"
#include "example.h"

typedef struct _REQUEST {
  KEVENT Done;
  PIRP Irp;
  LONG Ran;
  BOOLEAN PendingReturned;
} REQUEST;

static IO_COMPLETION_ROUTINE RequestComplete;

static NTSTATUS NTAPI RequestComplete(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context) {
  UNREFERENCED_PARAMETER(DeviceObject);
  REQUEST *r = (REQUEST *)Context;
  r->Ran++;
  r->PendingReturned = Irp->PendingReturned;
  KeSetEvent(&r->Done, IO_NO_INCREMENT, FALSE);
  return STATUS_MORE_PROCESSING_REQUIRED;
}

static NTSTATUS RequestInit(REQUEST *r) {
  RtlZeroMemory(r, sizeof *r);
  KeInitializeEvent(&r->Done, NotificationEvent, FALSE);
  r->Irp = IoAllocateIrp(1, FALSE);
  if (!r->Irp) return STATUS_INSUFFICIENT_RESOURCES;
  IoSetCompletionRoutine(r->Irp, RequestComplete, r, TRUE, TRUE, TRUE);
  return STATUS_SUCCESS;
}

static WSK_REGISTRATION Registration;
static WSK_PROVIDER_NPI Provider;
static const WSK_CLIENT_DISPATCH ClientDispatch = { MAKE_WSK_VERSION(1, 0), 0, NULL };

NTSTATUS NTAPI DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
  UNREFERENCED_PARAMETER(DriverObject);
  UNREFERENCED_PARAMETER(RegistryPath);
  NTSTATUS result = STATUS_SUCCESS;
  REQUEST Create = { 0 }, A = { 0 }, B = { 0 }, Close = { 0 };
  PWSK_SOCKET Socket = NULL;
  ULONG One = 1, Exclusive = 0xCCCCCCCC;
  WSK_CLIENT_NPI Client = { NULL, &ClientDispatch };
  const char *mode = WsksimCompletion();
  BOOLEAN pending = mode[0] == 'p';
  LARGE_INTEGER Zero = { .QuadPart = 0 };
  DbgPrint(EXAMPLE ": completion %s\n", mode);

  NTSTATUS Status = WskRegister(&Client, &Registration);
  if (!NT_SUCCESS(Status)) return Status;
  Status = WskCaptureProviderNPI(&Registration, WSK_INFINITE_WAIT, &Provider);
  if (!NT_SUCCESS(Status)) { WskDeregister(&Registration); return Status; }
  if (!NT_SUCCESS(RequestInit(&Create)) || !NT_SUCCESS(RequestInit(&A)) || !NT_SUCCESS(RequestInit(&B)) || !NT_SUCCESS(RequestInit(&Close))) {
    result = STATUS_INSUFFICIENT_RESOURCES;
    goto done;
  }

  /* WskSocket completes within the call in both modes. */
  Status = Provider.Dispatch->WskSocket(Provider.Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_LISTEN_SOCKET, NULL, NULL, NULL, NULL, NULL, Create.Irp);
  EXPECT("WskSocket returns", Status, STATUS_SUCCESS);
  EXPECT("WskSocket's completion routine ran", Create.Ran, 1);
  Socket = (PWSK_SOCKET)Create.Irp->IoStatus.Information;
  const WSK_PROVIDER_LISTEN_DISPATCH *Dispatch = (const WSK_PROVIDER_LISTEN_DISPATCH *)Socket->Dispatch;

  Status = Dispatch->WskControlSocket(Socket, WskSetOption, SO_REUSEADDR, SOL_SOCKET, sizeof One, &One, 0, NULL, NULL, A.Irp);
  EXPECT("Set SO_REUSEADDR returns", Status, pending ? STATUS_PENDING : STATUS_SUCCESS);
  Status = Dispatch->WskControlSocket(Socket, WskGetOption, SO_EXCLUSIVEADDRUSE, SOL_SOCKET, 0, NULL, sizeof Exclusive, &Exclusive, NULL, B.Irp);
  EXPECT("Get SO_EXCLUSIVEADDRUSE returns", Status, pending ? STATUS_PENDING : STATUS_SUCCESS);
  EXPECT("A's routine has run when the calls return", A.Ran, pending ? 0 : 1);
  EXPECT("B's routine has run when the calls return", B.Ran, pending ? 0 : 1);
  EXPECT("a zero-timeout wait on A", KeWaitForSingleObject(&A.Done, Executive, KernelMode, FALSE, &Zero), pending ? STATUS_TIMEOUT : STATUS_SUCCESS);

  EXPECT("wait on B", KeWaitForSingleObject(&B.Done, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
  EXPECT("wait on A", KeWaitForSingleObject(&A.Done, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
  EXPECT("A's routine ran once", A.Ran, 1);
  EXPECT("B's routine ran once", B.Ran, 1);
  EXPECT("A: Irp->PendingReturned", A.PendingReturned, pending);
  EXPECT("B: Irp->PendingReturned", B.PendingReturned, pending);
  EXPECT("A: IoStatus.Status", A.Irp->IoStatus.Status, STATUS_SUCCESS);
  EXPECT("B: IoStatus.Status", B.Irp->IoStatus.Status, STATUS_SUCCESS);
  EXPECT("B: IoStatus.Information", B.Irp->IoStatus.Information, sizeof(ULONG));
  EXPECT("SO_EXCLUSIVEADDRUSE value (default)", Exclusive, 0);

  Status = Dispatch->WskCloseSocket(Socket, Close.Irp);
  if (Status == STATUS_PENDING) KeWaitForSingleObject(&Close.Done, Executive, KernelMode, FALSE, NULL);
  EXPECT("WskCloseSocket", Close.Irp->IoStatus.Status, STATUS_SUCCESS);
  Socket = NULL;

done:
  if (Create.Irp) IoFreeIrp(Create.Irp);
  if (A.Irp) IoFreeIrp(A.Irp);
  if (B.Irp) IoFreeIrp(B.Irp);
  if (Close.Irp) IoFreeIrp(Close.Irp);
  WskReleaseProviderNPI(&Registration);
  WskDeregister(&Registration);
  return result;
}
