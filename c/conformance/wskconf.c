/*
 * Conformance driver: executes the WSK call sequences a relay sends it (one vector per IOCTL) against the WSK
 * provider of the system it runs in, and answers every call with the wire protocol's RESULT record plus a TIMING
 * record (whether and when the IRP completed, within a bounded wait). Frame layout: docs/MEASURING.md.
 */
#include <ntddk.h>
#include <wsk.h> /* c/include/wsk.h */
#include "wskconf-proto.h"

#define TAG 0x636b5357u /* 'WSkc' */
#define MAX_SOCKETS 64
#define MAX_ARGS 12
#define MAX_CALLS 256
/* A buffer whose declared size exceeds its image is padded up to this many bytes; beyond, the call is not made. */
#define MAX_PADDED (1u << 20)
#define PAD_BYTE 0xdd

static PDEVICE_OBJECT g_device;
static WSK_REGISTRATION g_registration;
static WSK_PROVIDER_NPI g_npi;
static BOOLEAN g_registered, g_captured;
static const WSK_CLIENT_DISPATCH g_client_dispatch = { MAKE_WSK_VERSION(1, 0), 0, NULL };
static WSK_CLIENT_NPI g_client_npi = { NULL, &g_client_dispatch };
static LARGE_INTEGER g_freq;

/* One IRP-based call: its IRP, the completion record and the caller buffers the provider may still write. */
struct call_ctx {
  KEVENT event;
  volatile LONG completed;
  volatile LONG returned;
  LONG before_return;
  LARGE_INTEGER t_start, t_done;
  PIRP irp;
  ULONG seq, fn;
  ULONG nargs;
  UCHAR kind[MAX_ARGS];
  PUCHAR buf[MAX_ARGS];      /* pool copy (padded) of BUFFER arguments */
  ULONG len[MAX_ARGS];       /* image length sent */
  PUCHAR orig[MAX_ARGS];     /* the image sent, to find the written spans */
  UCHAR irp_image[WSKC_IRP_SIZE_X64];
  UCHAR irp_sent[WSKC_IRP_SIZE_X64];
  ULONG irp_arg;             /* argument index of the IRP, or MAX_ARGS */
  ULONG new_slot;            /* WskSocket: the socket number this call creates */
  ULONG new_flags, new_family;
  BOOLEAN reported;          /* its completion was reported (RESULT or COMPLETION) */
};

struct socket_slot {
  PWSK_SOCKET socket;
  ULONG flags;
  BOOLEAN closed;
};

struct vector_run {
  ULONG pending_wait_ms, grace_ms;
  struct socket_slot sockets[MAX_SOCKETS + 1];
  ULONG socket_calls;
  struct call_ctx *calls[MAX_CALLS];
  ULONG ncalls;
  PUCHAR out;
  ULONG out_cap, out_len;
  BOOLEAN overflow;
};

/* ---- little-endian writer ---- */

static void put(struct vector_run *r, const void *p, ULONG n)
{
  if (r->overflow || r->out_len + n > r->out_cap) { r->overflow = TRUE; return; }
  RtlCopyMemory(r->out + r->out_len, p, n);
  r->out_len += n;
}
static void put8(struct vector_run *r, UCHAR v) { put(r, &v, 1); }
static void put16(struct vector_run *r, USHORT v) { put(r, &v, 2); }
static void put32(struct vector_run *r, ULONG v) { put(r, &v, 4); }
static void put64(struct vector_run *r, ULONGLONG v) { put(r, &v, 8); }
static void putstr(struct vector_run *r, const char *s)
{
  USHORT n = 0;
  while (s[n]) n++;
  put16(r, n);
  put(r, s, n);
}
/* Starts a frame; returns the offset of its length field, patched by frame_end. */
static ULONG frame_begin(struct vector_run *r, USHORT type, ULONG seq)
{
  ULONG at = r->out_len;
  put32(r, 0); put16(r, type); put16(r, 0); put32(r, seq);
  return at;
}
static void frame_end(struct vector_run *r, ULONG at)
{
  ULONG len;
  if (r->overflow) return;
  len = r->out_len - at - 4;
  RtlCopyMemory(r->out + at, &len, 4);
}

/* ---- reader ---- */

struct reader { const UCHAR *p; ULONG n, at; BOOLEAN bad; };
static BOOLEAN take(struct reader *rd, void *dst, ULONG n)
{
  if (rd->bad || rd->at + n > rd->n || rd->at + n < rd->at) { rd->bad = TRUE; if (dst) RtlZeroMemory(dst, n); return FALSE; }
  if (dst) RtlCopyMemory(dst, rd->p + rd->at, n);
  rd->at += n;
  return TRUE;
}
static ULONG get32(struct reader *rd) { ULONG v; take(rd, &v, 4); return v; }
static ULONGLONG get64(struct reader *rd) { ULONGLONG v; take(rd, &v, 8); return v; }
static UCHAR get8(struct reader *rd) { UCHAR v; take(rd, &v, 1); return v; }

/* ---- IRP completion ---- */

static NTSTATUS NTAPI on_complete(PDEVICE_OBJECT dev, PIRP irp, PVOID context)
{
  struct call_ctx *c = context;
  UNREFERENCED_PARAMETER(dev);
  UNREFERENCED_PARAMETER(irp);
  c->t_done = KeQueryPerformanceCounter(NULL);
  c->before_return = c->returned ? 0 : 1;
  InterlockedExchange(&c->completed, 1);
  KeSetEvent(&c->event, IO_NO_INCREMENT, FALSE);
  return STATUS_MORE_PROCESSING_REQUIRED;
}

static ULONG micros(LARGE_INTEGER from, LARGE_INTEGER to)
{
  if (g_freq.QuadPart == 0) return 0;
  return (ULONG)(((to.QuadPart - from.QuadPart) * 1000000) / g_freq.QuadPart);
}

static BOOLEAN wait_ms(struct call_ctx *c, ULONG ms)
{
  LARGE_INTEGER timeout;
  if (c->completed) return TRUE;
  timeout.QuadPart = -(LONGLONG)ms * 10000;
  KeWaitForSingleObject(&c->event, Executive, KernelMode, FALSE, &timeout);
  return c->completed != 0;
}

/* Copies the real IRP's IoStatus into the caller's IRP image at the x64 offset. */
static void irp_snapshot(struct call_ctx *c)
{
  if (!c->irp) return;
  RtlCopyMemory(c->irp_image + WSKC_IRP_IOSTATUS_X64, &c->irp->IoStatus.Status, 4);
  RtlCopyMemory(c->irp_image + WSKC_IRP_IOSTATUS_X64 + 8, &c->irp->IoStatus.Information, 8);
}

/* Writes the span from the first to the last byte that differs between `before` and `after`; returns 1 if any. */
static ULONG put_span(struct vector_run *r, ULONG index, const UCHAR *before, const UCHAR *after, ULONG len)
{
  ULONG first = 0, last;
  while (first < len && before[first] == after[first]) first++;
  if (first == len) return 0;
  last = len - 1;
  while (last > first && before[last] == after[last]) last--;
  put32(r, index); put32(r, first); put32(r, last - first + 1); put(r, after + first, last - first + 1);
  return 1;
}

/* RESULT (or COMPLETION) body of a call: the wire protocol's answer record, with the written spans of every
 * BUFFER and IRP argument (the IRP image is the one sent, with IoStatus taken from the real IRP). */
static void put_result(struct vector_run *r, USHORT type, struct call_ctx *c, ULONG status, ULONG fault)
{
  ULONG at = frame_begin(r, type, c->seq), i, nspans = 0, count_at;
  ULONGLONG new_socket = 0;
  if (c->fn == WSKC_FN_SOCKET && c->new_slot && r->sockets[c->new_slot].socket) new_socket = c->new_slot;
  put32(r, c->fn); put32(r, status); put32(r, fault);
  put8(r, c->completed ? 1 : 0); put8(r, 0); put16(r, 0);
  put64(r, new_socket);
  put32(r, new_socket ? c->new_flags : 0); put32(r, new_socket ? c->new_family : 0);
  putstr(r, "");
  put16(r, 0);
  count_at = r->out_len;
  put32(r, 0);
  for (i = 0; i < c->nargs; i++) {
    if (c->kind[i] == WSKC_KIND_BUFFER && c->buf[i]) nspans += put_span(r, i, c->orig[i], c->buf[i], c->len[i]);
    else if (c->kind[i] == WSKC_KIND_IRP) nspans += put_span(r, i, c->irp_sent, c->irp_image, c->len[i]);
  }
  if (!r->overflow) RtlCopyMemory(r->out + count_at, &nspans, 4);
  frame_end(r, at);
}

static void put_timing(struct vector_run *r, struct call_ctx *c, BOOLEAN executed, ULONG call_us, ULONG waited, const char *note)
{
  ULONG at = frame_begin(r, WSKC_TIMING, c->seq);
  put8(r, executed);
  put8(r, !c->completed ? WSKC_COMPLETION_NEVER : c->before_return ? WSKC_COMPLETION_BEFORE : WSKC_COMPLETION_AFTER);
  put16(r, 0);
  put32(r, call_us);
  put32(r, c->completed ? micros(c->t_start, c->t_done) : 0);
  put32(r, waited);
  putstr(r, note);
  frame_end(r, at);
}

/* Declared size of BUFFER argument i of a call (the SIZE_T argument that describes it), or its image length. */
static ULONGLONG declared_size(ULONG fn, ULONG i, const ULONGLONG *value, ULONG len)
{
  if (fn == WSKC_FN_CONTROL_SOCKET) {
    if (i == 5) return value[4];
    if (i == 7) return value[6];
    if (i == 8) return 8;
  } else if (fn == WSKC_FN_CONTROL_CLIENT) {
    if (i == 2) return value[1];
    if (i == 4) return value[3];
    if (i == 5) return 8;
  } else if (fn == WSKC_FN_BIND && i == 1) {
    return len < 28 ? 28 : len; /* the provider reads the SOCKADDR its family implies: pad to SOCKADDR_IN6 */
  }
  return len;
}


/* Parses one CALL and runs it; the answer frames go to r->out. */
static void run_call(struct vector_run *r, ULONG seq, struct reader *rd)
{
  struct call_ctx *c;
  ULONG fn = get32(rd), nargs = get32(rd), i, fault = 0, call_us = 0, waited = 0;
  ULONGLONG value[MAX_ARGS];
  const UCHAR *src_of[MAX_ARGS];
  NTSTATUS status = STATUS_SUCCESS;
  const char *note = "";
  struct socket_slot *slot = NULL;
  LARGE_INTEGER t_ret;

  if (r->ncalls >= MAX_CALLS || nargs > MAX_ARGS) { rd->bad = TRUE; return; }
  c = ExAllocatePoolWithTag(NonPagedPool, sizeof(*c), TAG);
  if (!c) { rd->bad = TRUE; return; }
  RtlZeroMemory(c, sizeof(*c));
  r->calls[r->ncalls++] = c;
  KeInitializeEvent(&c->event, NotificationEvent, FALSE);
  c->seq = seq; c->fn = fn; c->nargs = nargs; c->irp_arg = MAX_ARGS;
  RtlZeroMemory(value, sizeof(value));

  for (i = 0; i < nargs; i++) {
    UCHAR kind = get8(rd);
    c->kind[i] = kind;
    if (kind == WSKC_KIND_VALUE || kind == WSKC_KIND_SOCKET) value[i] = get64(rd);
    else if (kind == WSKC_KIND_BUFFER || kind == WSKC_KIND_IRP) {
      ULONG len = get32(rd);
      if (rd->bad || rd->at + len > rd->n) { rd->bad = TRUE; return; }
      c->len[i] = len;
      if (kind == WSKC_KIND_IRP) {
        if (len != WSKC_IRP_SIZE_X64) { rd->bad = TRUE; return; }
        take(rd, c->irp_image, len);
        RtlCopyMemory(c->irp_sent, c->irp_image, len);
        c->irp_arg = i;
      } else {
        src_of[i] = rd->p + rd->at;
        take(rd, NULL, len);
      }
    } else if (kind != WSKC_KIND_NULL) { rd->bad = TRUE; return; }
  }
  if (rd->bad) return;

  /* Pool copies of the buffers, padded to the declared size. */
  for (i = 0; i < nargs; i++) {
    if (c->kind[i] == WSKC_KIND_BUFFER) {
      const UCHAR *src = src_of[i];
      ULONGLONG want = declared_size(fn, i, value, c->len[i]);
      ULONG alloc;
      if (want > MAX_PADDED) {
        fault = (fn == WSKC_FN_CONTROL_SOCKET ? i == 5 : i == 2) ? WSKC_FAULT_INPUT_OVERRUN : WSKC_FAULT_OUTPUT_OVERRUN;
        note = "declared size beyond the driver's padding limit: not executed";
        want = 0;
      }
      alloc = (ULONG)(want > c->len[i] ? want : c->len[i]);
      c->buf[i] = ExAllocatePoolWithTag(NonPagedPool, alloc ? alloc : 1, TAG);
      c->orig[i] = ExAllocatePoolWithTag(NonPagedPool, c->len[i] ? c->len[i] : 1, TAG);
      if (!c->buf[i] || !c->orig[i]) { rd->bad = TRUE; return; }
      RtlCopyMemory(c->orig[i], src, c->len[i]);
      RtlFillMemory(c->buf[i], alloc ? alloc : 1, PAD_BYTE);
      RtlCopyMemory(c->buf[i], src, c->len[i]);
    }
  }

  if (fn == WSKC_FN_CONTROL_SOCKET || fn == WSKC_FN_CLOSE_SOCKET || fn == WSKC_FN_BIND) {
    ULONGLONG h = value[0];
    if (c->kind[0] != WSKC_KIND_SOCKET || h == 0 || h > MAX_SOCKETS || !r->sockets[h].socket || r->sockets[h].closed) {
      fault = WSKC_FAULT_INVALID_SOCKET;
      note = "no live socket with this number: not executed";
    } else {
      slot = &r->sockets[h];
      if (fn == WSKC_FN_BIND && slot->flags == WSK_FLAG_BASIC_SOCKET) {
        fault = WSKC_FAULT_NOT_IN_DISPATCH;
        note = "a basic socket's dispatch table has no WskBind: not executed";
      }
    }
  } else if (fn == WSKC_FN_SOCKET) {
    c->new_slot = ++r->socket_calls;
    if (c->new_slot > MAX_SOCKETS) { fault = WSKC_FAULT_INVALID_SOCKET; note = "too many sockets in one vector"; c->new_slot = 0; }
    c->new_family = (ULONG)value[0];
    c->new_flags = (ULONG)value[3];
  } else if (fn != WSKC_FN_CONTROL_CLIENT) {
    status = STATUS_NOT_IMPLEMENTED;
    note = "function not executed by this driver";
  }
  if (!g_captured && !fault && status == STATUS_SUCCESS) {
    status = STATUS_NOT_FOUND;
    note = "no WSK provider NPI could be captured";
  }

  if (fault || status != STATUS_SUCCESS) {
    put_result(r, WSKC_RESULT, c, fault ? 0 : status, fault);
    put_timing(r, c, FALSE, 0, 0, note);
    c->reported = TRUE;
    return;
  }

  /* WskSocket always gets an IRP (its result arrives through it); other calls one when the step gave an IRP. */
  if (c->irp_arg < MAX_ARGS || fn == WSKC_FN_SOCKET) {
    c->irp = IoAllocateIrp(1, FALSE);
    if (!c->irp) { rd->bad = TRUE; return; }
    RtlCopyMemory(&c->irp->IoStatus.Status, c->irp_image + WSKC_IRP_IOSTATUS_X64, 4);
    RtlCopyMemory(&c->irp->IoStatus.Information, c->irp_image + WSKC_IRP_IOSTATUS_X64 + 8, 8);
    IoSetCompletionRoutine(c->irp, on_complete, c, TRUE, TRUE, TRUE);
  }

  c->t_start = KeQueryPerformanceCounter(NULL);
  switch (fn) {
  case WSKC_FN_SOCKET:
    status = g_npi.Dispatch->WskSocket(g_npi.Client, (ADDRESS_FAMILY)value[0], (USHORT)value[1], (ULONG)value[2],
                                       (ULONG)value[3], NULL, NULL, NULL, NULL, NULL, c->irp);
    break;
  case WSKC_FN_CONTROL_CLIENT:
    status = g_npi.Dispatch->WskControlClient(g_npi.Client, (ULONG)value[0], (SIZE_T)value[1], c->buf[2],
                                              (SIZE_T)value[3], c->buf[4], (SIZE_T *)c->buf[5], c->irp);
    break;
  case WSKC_FN_CONTROL_SOCKET: {
    const WSK_PROVIDER_BASIC_DISPATCH *d = slot->socket->Dispatch;
    status = d->WskControlSocket(slot->socket, (WSK_CONTROL_SOCKET_TYPE)value[1], (ULONG)value[2], (ULONG)value[3],
                                 (SIZE_T)value[4], c->buf[5], (SIZE_T)value[6], c->buf[7], (SIZE_T *)c->buf[8], c->irp);
    break;
  }
  case WSKC_FN_CLOSE_SOCKET: {
    const WSK_PROVIDER_BASIC_DISPATCH *d = slot->socket->Dispatch;
    slot->closed = TRUE;
    status = d->WskCloseSocket(slot->socket, c->irp);
    break;
  }
  case WSKC_FN_BIND: {
    const WSK_PROVIDER_LISTEN_DISPATCH *d = slot->socket->Dispatch;
    status = d->WskBind(slot->socket, (PSOCKADDR)c->buf[1], (ULONG)value[2], c->irp);
    break;
  }
  }
  t_ret = KeQueryPerformanceCounter(NULL);
  InterlockedExchange(&c->returned, 1);
  call_us = micros(c->t_start, t_ret);
  if (c->irp) {
    waited = status == STATUS_PENDING || fn == WSKC_FN_SOCKET ? r->pending_wait_ms : r->grace_ms;
    wait_ms(c, waited);
    irp_snapshot(c);
  }
  if (fn == WSKC_FN_SOCKET && c->completed && NT_SUCCESS(c->irp->IoStatus.Status) && c->irp->IoStatus.Information) {
    r->sockets[c->new_slot].socket = (PWSK_SOCKET)c->irp->IoStatus.Information;
    r->sockets[c->new_slot].flags = c->new_flags;
  }
  put_result(r, WSKC_RESULT, c, (ULONG)status, 0);
  put_timing(r, c, TRUE, call_us, waited, "");
  c->reported = c->completed || !c->irp;
}

/* DELIVER: waits (bounded) for the IRPs not yet completed and reports those that completed meanwhile. */
static void run_deliver(struct vector_run *r, ULONG seq)
{
  ULONG i, n = 0, at;
  for (i = 0; i < r->ncalls; i++) {
    struct call_ctx *c = r->calls[i];
    if (c->reported || !c->irp) continue;
    if (!wait_ms(c, r->pending_wait_ms)) continue;
    irp_snapshot(c);
    if (c->fn == WSKC_FN_SOCKET && NT_SUCCESS(c->irp->IoStatus.Status) && c->irp->IoStatus.Information) {
      r->sockets[c->new_slot].socket = (PWSK_SOCKET)c->irp->IoStatus.Information;
      r->sockets[c->new_slot].flags = c->new_flags;
    }
    put_result(r, WSKC_COMPLETION, c, (ULONG)c->irp->IoStatus.Status, 0);
    put_timing(r, c, TRUE, 0, r->pending_wait_ms, "");
    c->reported = TRUE;
    n++;
  }
  at = frame_begin(r, WSKC_DELIVERED, seq);
  put32(r, n);
  frame_end(r, at);
}

/* Closes what the vector left open (not reported) and frees what no provider can still touch. */
static void vector_cleanup(struct vector_run *r)
{
  ULONG i, j;
  for (i = 1; i <= MAX_SOCKETS; i++) {
    struct socket_slot *s = &r->sockets[i];
    if (s->socket && !s->closed) {
      struct call_ctx *c = ExAllocatePoolWithTag(NonPagedPool, sizeof(*c), TAG);
      const WSK_PROVIDER_BASIC_DISPATCH *d = s->socket->Dispatch;
      if (!c) continue;
      RtlZeroMemory(c, sizeof(*c));
      KeInitializeEvent(&c->event, NotificationEvent, FALSE);
      c->irp = IoAllocateIrp(1, FALSE);
      if (!c->irp) { ExFreePoolWithTag(c, TAG); continue; }
      IoSetCompletionRoutine(c->irp, on_complete, c, TRUE, TRUE, TRUE);
      d->WskCloseSocket(s->socket, c->irp);
      InterlockedExchange(&c->returned, 1);
      if (wait_ms(c, r->pending_wait_ms)) { IoFreeIrp(c->irp); ExFreePoolWithTag(c, TAG); }
      s->closed = TRUE;
    }
  }
  for (i = 0; i < r->ncalls; i++) {
    struct call_ctx *c = r->calls[i];
    if (c->irp && !c->completed) continue; /* the provider still owns the IRP and may write its buffers: leaked */
    if (c->irp) IoFreeIrp(c->irp);
    for (j = 0; j < c->nargs; j++) {
      if (c->buf[j] && c->kind[j] == WSKC_KIND_BUFFER) ExFreePoolWithTag(c->buf[j], TAG);
      if (c->orig[j]) ExFreePoolWithTag(c->orig[j], TAG);
    }
    ExFreePoolWithTag(c, TAG);
  }
  r->ncalls = 0;
}

static void capture_provider(void)
{
  if (g_captured || !g_registered) return;
  if (NT_SUCCESS(WskCaptureProviderNPI(&g_registration, 10000, &g_npi))) g_captured = TRUE;
}

/* Runs the frames of one vector (VECTOR_BEGIN, CALL/DELIVER..., VECTOR_END) and writes the answer frames. */
static ULONG run_vector(const UCHAR *in, ULONG in_len, PUCHAR out, ULONG out_cap)
{
  struct vector_run *r = ExAllocatePoolWithTag(NonPagedPool, sizeof(*r), TAG);
  struct reader rd = { in, in_len, 0, FALSE };
  ULONG len, at, result;
  const char *message = "";
  if (!r) return 0;
  RtlZeroMemory(r, sizeof(*r));
  r->out = out; r->out_cap = out_cap;
  r->pending_wait_ms = 1000; r->grace_ms = 20;
  capture_provider();

  while (!rd.bad && rd.at < rd.n) {
    ULONG frame_at = rd.at, seq, end;
    USHORT type;
    len = get32(&rd);
    take(&rd, &type, 2); take(&rd, NULL, 2);
    seq = get32(&rd);
    if (rd.bad || len < 8 || frame_at + 4 + len > rd.n) { rd.bad = TRUE; break; }
    end = frame_at + 4 + len;
    if (type == WSKC_VECTOR_BEGIN) {
      USHORT sl;
      r->pending_wait_ms = get32(&rd);
      r->grace_ms = get32(&rd);
      take(&rd, &sl, 2);
      at = frame_begin(r, WSKC_VECTOR_BEGIN, seq);
      put32(r, r->pending_wait_ms); put32(r, r->grace_ms); put16(r, sl);
      if (rd.at + sl <= rd.n) put(r, rd.p + rd.at, sl);
      frame_end(r, at);
    } else if (type == WSKC_CALL) {
      struct reader sub = { in, end, rd.at, FALSE };
      run_call(r, seq, &sub);
      if (sub.bad) { message = "malformed CALL frame"; rd.bad = TRUE; break; }
    } else if (type == WSKC_DELIVER) {
      run_deliver(r, seq);
    } else if (type == WSKC_VECTOR_END) {
      break;
    }
    rd.at = end;
  }
  vector_cleanup(r);
  if (rd.bad && !*message) message = "malformed frame";
  if (r->overflow) { r->out_len = 0; r->overflow = FALSE; message = "answer larger than the relay's buffer"; rd.bad = TRUE; }
  at = frame_begin(r, WSKC_VECTOR_END, 0);
  put32(r, rd.bad ? WSKC_OUTCOME_ERROR : WSKC_OUTCOME_DONE);
  putstr(r, message);
  frame_end(r, at);
  result = r->out_len;
  ExFreePoolWithTag(r, TAG);
  return result;
}

static NTSTATUS NTAPI dispatch_create_close(PDEVICE_OBJECT dev, PIRP irp)
{
  UNREFERENCED_PARAMETER(dev);
  irp->IoStatus.Status = STATUS_SUCCESS;
  irp->IoStatus.Information = 0;
  IoCompleteRequest(irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}

static NTSTATUS NTAPI dispatch_ioctl(PDEVICE_OBJECT dev, PIRP irp)
{
  PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
  ULONG code = sp->Parameters.DeviceIoControl.IoControlCode;
  ULONG in_len = sp->Parameters.DeviceIoControl.InputBufferLength;
  ULONG out_len = sp->Parameters.DeviceIoControl.OutputBufferLength;
  PUCHAR sys = irp->AssociatedIrp.SystemBuffer;
  NTSTATUS status = STATUS_SUCCESS;
  ULONG info = 0;
  UNREFERENCED_PARAMETER(dev);

  if (code == WSKC_IOCTL_RUN_VECTOR) {
    PUCHAR in = in_len ? ExAllocatePoolWithTag(NonPagedPool, in_len, TAG) : NULL;
    if (in_len && !in) status = STATUS_INSUFFICIENT_RESOURCES;
    else {
      if (in_len) RtlCopyMemory(in, sys, in_len);
      info = run_vector(in, in_len, sys, out_len);
      if (in) ExFreePoolWithTag(in, TAG);
      if (!info) status = STATUS_BUFFER_TOO_SMALL;
    }
  } else if (code == WSKC_IOCTL_INFO) {
    /* u32 registered, u32 captured, u16 provider dispatch version */
    capture_provider();
    if (out_len < 10) status = STATUS_BUFFER_TOO_SMALL;
    else {
      ULONG a = g_registered, b = g_captured;
      USHORT v = g_captured ? g_npi.Dispatch->Version : 0;
      RtlCopyMemory(sys, &a, 4); RtlCopyMemory(sys + 4, &b, 4); RtlCopyMemory(sys + 8, &v, 2);
      info = 10;
    }
  } else {
    status = STATUS_INVALID_DEVICE_REQUEST;
  }
  irp->IoStatus.Status = status;
  irp->IoStatus.Information = info;
  IoCompleteRequest(irp, IO_NO_INCREMENT);
  return status;
}

static VOID NTAPI driver_unload(PDRIVER_OBJECT driver)
{
  UNICODE_STRING link;
  UNREFERENCED_PARAMETER(driver);
  if (g_captured) WskReleaseProviderNPI(&g_registration);
  if (g_registered) WskDeregister(&g_registration);
  RtlInitUnicodeString(&link, WSKC_LINK_NAME);
  IoDeleteSymbolicLink(&link);
  if (g_device) IoDeleteDevice(g_device);
}

NTSTATUS NTAPI DriverEntry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
  UNICODE_STRING name, link;
  NTSTATUS status;
  UNREFERENCED_PARAMETER(path);

  KeQueryPerformanceCounter(&g_freq);
  RtlInitUnicodeString(&name, WSKC_DEVICE_NAME);
  RtlInitUnicodeString(&link, WSKC_LINK_NAME);
  status = IoCreateDevice(driver, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &g_device);
  if (!NT_SUCCESS(status)) return status;
  status = IoCreateSymbolicLink(&link, &name);
  if (status == STATUS_OBJECT_NAME_COLLISION) {
    /* left behind by an instance whose process died (a provider crash under Wine): replace it */
    IoDeleteSymbolicLink(&link);
    status = IoCreateSymbolicLink(&link, &name);
  }
  if (!NT_SUCCESS(status)) { IoDeleteDevice(g_device); g_device = NULL; return status; }
  driver->MajorFunction[IRP_MJ_CREATE] = dispatch_create_close;
  driver->MajorFunction[IRP_MJ_CLOSE] = dispatch_create_close;
  driver->MajorFunction[IRP_MJ_DEVICE_CONTROL] = dispatch_ioctl;
  driver->DriverUnload = driver_unload;
  g_registered = NT_SUCCESS(WskRegister(&g_client_npi, &g_registration));
  return STATUS_SUCCESS;
}
