/*
 * accept-bench: the round trip of a WskAccept through `wsksim drive`, built with `wsksim cc` (the real harness).
 * A listening socket on 127.0.0.1:5150; then N times: (a) a remote peer connects first (WsksimIncomingConnection),
 * and the WskAccept that takes it completes within its own call: one CALL/RESULT exchange; (b) the WskAccept pends,
 * and the peer's connection completes it: CALL/RESULT, then EVENT/COMPLETION/EVENT_DONE, measured from the call
 * to the completion routine. Each accepted socket is closed (not measured). Prints one JSON line on stderr:
 * p50 and p99 in microseconds of (a) and (b).
 *   npx wsksim cc -O2 -o accept-bench.exe c/bench/accept-bench.c
 *   npx wsksim drive -- accept-bench.exe 2000
 */
#include <ntddk.h>
#include <wsk.h>
#include <wsksim/harness.h>
#include <stdio.h>
#include <stdlib.h>

__declspec(dllimport) int __stdcall QueryPerformanceCounter(LARGE_INTEGER *Count);
__declspec(dllimport) int __stdcall QueryPerformanceFrequency(LARGE_INTEGER *Frequency);

static WSK_REGISTRATION Registration;
static WSK_PROVIDER_NPI Provider;
static const WSK_CLIENT_DISPATCH ClientDispatch = { MAKE_WSK_VERSION(1, 0), 0, NULL };
static KEVENT Done;
static PIRP Irp;

static NTSTATUS NTAPI Completed(PDEVICE_OBJECT DeviceObject, PIRP I, PVOID Context) {
  UNREFERENCED_PARAMETER(DeviceObject);
  UNREFERENCED_PARAMETER(I);
  KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
  return STATUS_MORE_PROCESSING_REQUIRED;
}

static NTSTATUS Wait(NTSTATUS Status) {
  if (Status == STATUS_PENDING) {
    KeWaitForSingleObject(&Done, Executive, KernelMode, FALSE, NULL);
    Status = Irp->IoStatus.Status;
  }
  return Status;
}

static VOID Reset(void) {
  KeResetEvent(&Done);
  IoReuseIrp(Irp, STATUS_UNSUCCESSFUL);
  IoSetCompletionRoutine(Irp, Completed, &Done, TRUE, TRUE, TRUE);
}

static int Compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static NTSTATUS CloseSocket(PWSK_SOCKET S) {
  Reset();
  return Wait(((const WSK_PROVIDER_BASIC_DISPATCH *)S->Dispatch)->WskCloseSocket(S, Irp));
}

NTSTATUS NTAPI DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
  UNREFERENCED_PARAMETER(DriverObject);
  UNREFERENCED_PARAMETER(RegistryPath);
  int n = 2000;
  char *env = getenv("ACCEPT_BENCH_N");
  if (env) n = atoi(env);
  WSK_CLIENT_NPI Client = { NULL, &ClientDispatch };
  SOCKADDR_IN Local = { 0 }, Peer = { 0 };
  Local.sin_family = AF_INET;
  Local.sin_port = RtlUshortByteSwap(5150);
  Local.sin_addr.s_addr = RtlUlongByteSwap(0x7F000001);
  Peer.sin_family = AF_INET;
  Peer.sin_addr.s_addr = RtlUlongByteSwap(0xC0000207);
  double *a = (double *)malloc(sizeof(double) * (size_t)n), *b = (double *)malloc(sizeof(double) * (size_t)n);
  LARGE_INTEGER f, t0, t1;
  QueryPerformanceFrequency(&f);

  if (!a || !b || !NT_SUCCESS(WskRegister(&Client, &Registration))) return STATUS_UNSUCCESSFUL;
  if (!NT_SUCCESS(WskCaptureProviderNPI(&Registration, WSK_INFINITE_WAIT, &Provider))) return STATUS_UNSUCCESSFUL;
  KeInitializeEvent(&Done, SynchronizationEvent, FALSE);
  Irp = IoAllocateIrp(1, FALSE);
  Reset();
  NTSTATUS Status = Wait(Provider.Dispatch->WskSocket(Provider.Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_LISTEN_SOCKET,
                                                      NULL, NULL, NULL, NULL, NULL, Irp));
  if (!NT_SUCCESS(Status)) return Status;
  PWSK_SOCKET Listener = (PWSK_SOCKET)Irp->IoStatus.Information;
  const WSK_PROVIDER_LISTEN_DISPATCH *L = (const WSK_PROVIDER_LISTEN_DISPATCH *)Listener->Dispatch;
  Reset();
  if (!NT_SUCCESS(Status = Wait(L->WskBind(Listener, (PSOCKADDR)&Local, 0, Irp)))) return Status;

  for (int i = 0; i < 2 * n; i++) {
    BOOLEAN first = i < n;
    Peer.sin_port = RtlUshortByteSwap((USHORT)(10000 + i % 50000));
    if (first && !WsksimIncomingConnection((PSOCKADDR)&Peer, (PSOCKADDR)&Local)) return STATUS_UNSUCCESSFUL;
    Reset();
    QueryPerformanceCounter(&t0);
    Status = L->WskAccept(Listener, 0, NULL, NULL, NULL, NULL, Irp);
    if (!first) {
      if (Status != STATUS_PENDING) return STATUS_UNSUCCESSFUL;
      if (WsksimIncomingConnection((PSOCKADDR)&Peer, (PSOCKADDR)&Local) != Listener) return STATUS_UNSUCCESSFUL;
    }
    Status = Wait(Status);
    QueryPerformanceCounter(&t1);
    if (!NT_SUCCESS(Status)) return Status;
    (first ? a : b)[first ? i : i - n] = (double)(t1.QuadPart - t0.QuadPart) * 1e6 / (double)f.QuadPart;
    if (!NT_SUCCESS(Status = CloseSocket((PWSK_SOCKET)Irp->IoStatus.Information))) return Status;
  }
  qsort(a, (size_t)n, sizeof *a, Compare);
  qsort(b, (size_t)n, sizeof *b, Compare);
  fprintf(stderr, "{\"n\":%d,\"acceptWaiting\":{\"p50\":%.1f,\"p99\":%.1f},\"acceptPendingThenIncoming\":{\"p50\":%.1f,\"p99\":%.1f}}\n",
          n, a[n / 2], a[n * 99 / 100], b[n / 2], b[n * 99 / 100]);
  CloseSocket(Listener);
  IoFreeIrp(Irp);
  WskReleaseProviderNPI(&Registration);
  WskDeregister(&Registration);
  free(a);
  free(b);
  return STATUS_SUCCESS;
}
