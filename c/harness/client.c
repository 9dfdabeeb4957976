/*
 * The WSK provider as the driver sees it, answered by wsksim over the wire protocol (docs/PROTOCOL.md): the
 * dispatch tables, WskRegister and friends, and the protocol client. Each provider call is marshalled into a
 * CALL frame (its SIZE_T/ULONG arguments as passed, each caller buffer up to its declared size, the IRP image);
 * the RESULT's written spans are copied back into the caller's memory (nothing outside the declared regions), new
 * sockets become WSK_SOCKET objects, and completed IRPs run their completion routines as IoCompleteRequest does.
 * Completions of pending IRPs arrive as COMPLETION frames, taken in while waiting for a RESULT or during a
 * KeWaitForSingleObject (DELIVER); their completion routines run once the exchange is over, outside the lock.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include <wsksim/harness.h>

/* ---- frame types, argument kinds, function ids (docs/PROTOCOL.md) ---- */
enum {
  F_HELLO = 0x0001, F_WELCOME = 0x0002, F_ERROR = 0x0003, F_CALL = 0x0010, F_RESULT = 0x0011, F_DELIVER = 0x0012,
  F_DELIVERED = 0x0013, F_COMPLETION = 0x0020, F_BYE = 0x0030, F_ECHO = 0x0040, F_EVENT = 0x0050, F_EVENT_DONE = 0x0051,
};
enum { EV_INCOMING = 1, EV_PEER_CLOSE = 2, EV_ADVANCE_TIME = 3, EV_REMOTE_LISTENER = 4 };
enum { A_VALUE = 1, A_SOCKET = 2, A_NULL = 3, A_BUFFER = 4, A_IRP = 5, A_OVERSIZE = 6 };
enum {
  FN_SOCKET = 1, FN_SOCKET_CONNECT, FN_CONTROL_CLIENT, FN_CONTROL_SOCKET, FN_CLOSE_SOCKET, FN_BIND, FN_CONNECT,
  FN_LISTEN, FN_ACCEPT, FN_DISCONNECT, FN_GET_LOCAL_ADDRESS, FN_GET_REMOTE_ADDRESS, FN_SEND, FN_RECEIVE, FN_SEND_TO,
  FN_RECEIVE_FROM, FN_RELEASE, FN_INSPECT_COMPLETE, FN_SEND_MESSAGES, FN_CONNECT_EX,
};
#define MAGIC 0x534B5357u
#define MAX_FRAME 0x04000040u
#define MAX_ARGS 16

static const char *const FUNCTION_NAMES[] = {
  "?", "WskSocket", "WskSocketConnect", "WskControlClient", "WskControlSocket", "WskCloseSocket", "WskBind",
  "WskConnect", "WskListen", "WskAccept", "WskDisconnect", "WskGetLocalAddress", "WskGetRemoteAddress", "WskSend",
  "WskReceive", "WskSendTo", "WskReceiveFrom", "WskRelease", "WskInspectComplete", "WskSendMessages", "WskConnectEx",
};
static const char *const FAULT_NAMES[] = {
  "none", "InvalidSocket", "InputBufferOverrun", "OutputBufferOverrun", "OutputSizeReturnedOverrun", "IrpOverrun",
  "AddressBufferOverrun", "NotInDispatchTable",
};

static const char *function_name(uint32_t fn) { return fn < sizeof FUNCTION_NAMES / sizeof *FUNCTION_NAMES ? FUNCTION_NAMES[fn] : "?"; }

/* ---- session state (all under the harness lock) ---- */
static int session_up;          /* HELLO answered, BYE not sent */
static int session_closed;      /* the server sent ERROR or closed the channel: no BYE */
static uint32_t next_seq = 1;
static uint32_t max_buffer = 16u << 20;
static char rule[256];          /* deciding rule of the last RESULT */
static char policy[64], profile[64], completion_mode[16];

/** One CALL: where each BUFFER/IRP argument lives in the caller's memory, and what a new socket needs. */
typedef struct call_record {
  uint32_t seq, fn, nargs;
  void *ptr[MAX_ARGS];
  uint32_t len[MAX_ARGS];
  PIRP irp;
  PVOID socket_context;
  const VOID *socket_dispatch;
  struct call_record *next;
} call_record;

static call_record *pending;    /* calls whose IRP the server left pending */
static unsigned pending_count;

/** A completed IRP whose completion routines have not run yet. */
typedef struct completion { PIRP irp; BOOLEAN was_pending; struct completion *next; } completion;
static completion *ready_head, *ready_tail;

LONG64 wsksim_pool_outstanding;

/* ---- messages ---- */

void wsksim_warn(const char *format, ...) {
  va_list ap;
  va_start(ap, format);
  fputs("wsksim: warning: ", stderr);
  vfprintf(stderr, format, ap);
  fputc('\n', stderr);
  va_end(ap);
}

static void send_bye(uint32_t status);

void wsksim_fatal(int status, const char *format, ...) {
  va_list ap;
  va_start(ap, format);
  fputs("wsksim: ", stderr);
  vfprintf(stderr, format, ap);
  fputc('\n', stderr);
  va_end(ap);
  if (session_up && !session_closed) send_bye((uint32_t)status);
  fflush(stderr);
  exit(status);
}

/* ---- writing frames ---- */

static uint8_t *out;
static size_t out_len, out_cap;

static void out_reserve(size_t more) {
  if (out_len + more <= out_cap) return;
  size_t cap = out_cap ? out_cap : 4096;
  while (cap < out_len + more) cap *= 2;
  uint8_t *p = (uint8_t *)realloc(out, cap);
  if (!p) wsksim_fatal(WSKSIM_EXIT_WSKSIM, "out of memory building a frame of %lu bytes", (unsigned long)(out_len + more));
  out = p;
  out_cap = cap;
}
static void put_u8(uint8_t v) { out_reserve(1); out[out_len++] = v; }
static void put_u16(uint16_t v) { out_reserve(2); out[out_len++] = (uint8_t)v; out[out_len++] = (uint8_t)(v >> 8); }
static void put_u32(uint32_t v) { out_reserve(4); for (int i = 0; i < 4; i++) out[out_len++] = (uint8_t)(v >> (8 * i)); }
static void put_u64(uint64_t v) { out_reserve(8); for (int i = 0; i < 8; i++) out[out_len++] = (uint8_t)(v >> (8 * i)); }
static void put_bytes(const void *p, size_t n) { out_reserve(n); if (n) memcpy(out + out_len, p, n); out_len += n; }
static void put_str(const char *s) { size_t n = strlen(s); if (n > 65535) n = 65535; put_u16((uint16_t)n); put_bytes(s, n); }

static void frame_begin(uint16_t type, uint32_t seq) {
  out_len = 0;
  put_u32(0);
  put_u16(type);
  put_u16(0);
  put_u32(seq);
}

static void frame_send(void) {
  uint32_t n = (uint32_t)(out_len - 4);
  for (int i = 0; i < 4; i++) out[i] = (uint8_t)(n >> (8 * i));
  if (wsksim_os_write(out, out_len) != 0) {
    session_closed = 1;
    wsksim_fatal(WSKSIM_EXIT_WSKSIM, "the channel to wsksim is closed (is the program running under `wsksim drive`?)");
  }
}

static void send_bye(uint32_t status) {
  session_up = 0;
  frame_begin(F_BYE, next_seq++);
  put_u32(status);
  frame_send();
}

/* ---- reading frames ---- */

static uint8_t *in;
static size_t in_cap, in_pos, in_len;

static void fill(size_t need) {
  if (in_len - in_pos >= need) return;
  if (in_pos > 0) { memmove(in, in + in_pos, in_len - in_pos); in_len -= in_pos; in_pos = 0; }
  if (need > in_cap) {
    size_t cap = in_cap ? in_cap : 65536;
    while (cap < need) cap *= 2;
    uint8_t *p = (uint8_t *)realloc(in, cap);
    if (!p) wsksim_fatal(WSKSIM_EXIT_WSKSIM, "out of memory reading a frame of %lu bytes", (unsigned long)need);
    in = p;
    in_cap = cap;
  }
  while (in_len < need) {
    long n = wsksim_os_read(in + in_len, in_cap - in_len);
    if (n <= 0) {
      session_closed = 1;
      wsksim_fatal(WSKSIM_EXIT_WSKSIM, n == 0 ? "wsksim closed the channel in the middle of a call" : "reading the channel from wsksim failed");
    }
    in_len += (size_t)n;
  }
}

/** A frame's payload being parsed. */
typedef struct { const uint8_t *p; size_t left; uint16_t type; uint32_t seq; } frame;

static void protocol_error(const char *what) {
  session_closed = 1;
  wsksim_fatal(WSKSIM_EXIT_WSKSIM, "protocol error from wsksim: %s", what);
}

static frame read_frame(void) {
  fill(4);
  uint32_t n = (uint32_t)in[in_pos] | (uint32_t)in[in_pos + 1] << 8 | (uint32_t)in[in_pos + 2] << 16 | (uint32_t)in[in_pos + 3] << 24;
  if (n < 8 || n > MAX_FRAME) protocol_error("frame length out of range");
  fill(4 + (size_t)n);
  const uint8_t *h = in + in_pos + 4;
  frame f;
  f.type = (uint16_t)(h[0] | h[1] << 8);
  if (h[2] | h[3]) protocol_error("reserved frame field not 0");
  f.seq = (uint32_t)h[4] | (uint32_t)h[5] << 8 | (uint32_t)h[6] << 16 | (uint32_t)h[7] << 24;
  f.p = h + 8;
  f.left = n - 8;
  in_pos += 4 + (size_t)n;
  return f;
}

static const uint8_t *take(frame *f, size_t n) {
  if (f->left < n) protocol_error("truncated frame");
  const uint8_t *p = f->p;
  f->p += n;
  f->left -= n;
  return p;
}
static uint8_t get_u8(frame *f) { return *take(f, 1); }
static uint16_t get_u16(frame *f) { const uint8_t *p = take(f, 2); return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t get_u32(frame *f) { const uint8_t *p = take(f, 4); return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }
static uint64_t get_u64(frame *f) { uint64_t lo = get_u32(f); return lo | (uint64_t)get_u32(f) << 32; }
static void get_str(frame *f, char *dst, size_t cap) {
  uint16_t n = get_u16(f);
  const uint8_t *p = take(f, n);
  if (dst) { size_t k = n < cap - 1 ? n : cap - 1; memcpy(dst, p, k); dst[k] = 0; }
}

/** An ERROR frame: its message on one line, exit 2. */
static void server_error(frame *f) {
  uint32_t code = get_u32(f);
  char msg[1024];
  get_str(f, msg, sizeof msg);
  session_closed = 1;
  wsksim_fatal(WSKSIM_EXIT_WSKSIM, "error %u from wsksim: %s", code, msg);
}

/* ---- sockets ---- */

/** The WSK_SOCKET the driver sees, with what the harness needs to know about it. */
typedef struct harness_socket {
  WSK_SOCKET socket;            /* first: Socket->Dispatch */
  uint64_t handle;
  uint32_t flags, family;
  PVOID context;
  const VOID *client_dispatch;
} harness_socket;

/* Sockets are never freed (a call on a closed socket still reaches wsksim, which answers InvalidSocket). The set
   of valid pointers is an open-addressing table so a stray PWSK_SOCKET is recognised without reading it. */
static harness_socket **socket_set;
static size_t socket_cap, socket_count;

static size_t ptr_hash(const void *p, size_t cap) { uint64_t x = (uint64_t)(uintptr_t)p; x ^= x >> 33; x *= 0xff51afd7ed558ccdULL; x ^= x >> 33; return (size_t)x & (cap - 1); }

static void socket_insert(harness_socket *s) {
  if ((socket_count + 1) * 2 > socket_cap) {
    size_t cap = socket_cap ? socket_cap * 2 : 64;
    harness_socket **t = (harness_socket **)calloc(cap, sizeof *t);
    if (!t) wsksim_fatal(WSKSIM_EXIT_WSKSIM, "out of memory");
    for (size_t i = 0; i < socket_cap; i++) {
      if (!socket_set[i]) continue;
      size_t j = ptr_hash(socket_set[i], cap);
      while (t[j]) j = (j + 1) & (cap - 1);
      t[j] = socket_set[i];
    }
    free(socket_set);
    socket_set = t;
    socket_cap = cap;
  }
  size_t j = ptr_hash(s, socket_cap);
  while (socket_set[j]) j = (j + 1) & (socket_cap - 1);
  socket_set[j] = s;
  socket_count++;
}

static harness_socket *socket_find(PWSK_SOCKET p) {
  if (!p || !socket_cap) return NULL;
  for (size_t j = ptr_hash(p, socket_cap); socket_set[j]; j = (j + 1) & (socket_cap - 1))
    if ((PWSK_SOCKET)socket_set[j] == p) return socket_set[j];
  return NULL;
}

/** Handle sent for a PWSK_SOCKET: 0 for NULL, the server's handle for ours, an impossible handle otherwise. */
static uint64_t socket_handle(PWSK_SOCKET p) {
  if (!p) return 0;
  harness_socket *s = socket_find(p);
  return s ? s->handle : UINT64_MAX;
}

static SIZE_T sockaddr_size_of_family(uint32_t family) { return family == AF_INET6 ? sizeof(SOCKADDR_IN6) : sizeof(SOCKADDR_IN); }
static SIZE_T sockaddr_size_of(PSOCKADDR a) { return a && a->sa_family == AF_INET6 ? sizeof(SOCKADDR_IN6) : sizeof(SOCKADDR_IN); }
static uint32_t socket_family(PWSK_SOCKET p) { harness_socket *s = socket_find(p); return s ? s->family : AF_INET; }

static PWSK_SOCKET socket_new(call_record *c, uint64_t handle, uint32_t flags, uint32_t family);

/* ---- calls ---- */

static call_record cur;         /* the call being marshalled (lock held from call_begin to call_end) */

static void call_begin(uint32_t fn, uint32_t nargs) {
  wsksim_os_lock();
  if (!session_up) wsksim_fatal(WSKSIM_EXIT_WSKSIM, "%s called outside the session (before DriverEntry or after exit)", function_name(fn));
  memset(&cur, 0, sizeof cur);
  cur.fn = fn;
  cur.seq = next_seq++;
  frame_begin(F_CALL, cur.seq);
  put_u32(fn);
  put_u32(nargs);
}

static void arg_value(uint64_t v) { put_u8(A_VALUE); put_u64(v); cur.nargs++; }
static void arg_socket(PWSK_SOCKET s) { put_u8(A_SOCKET); put_u64(socket_handle(s)); cur.nargs++; }
static void arg_null(void) { put_u8(A_NULL); cur.nargs++; }

/** A caller buffer of `declared` bytes (NULL pointer: NULL; larger than WELCOME's maximum: OVERSIZE, not read). */
static void arg_buffer(const void *p, uint64_t declared) {
  if (!p) { arg_null(); return; }
  if (declared > max_buffer) { put_u8(A_OVERSIZE); put_u64(declared); cur.nargs++; return; }
  put_u8(A_BUFFER);
  put_u32((uint32_t)declared);
  put_bytes(p, (size_t)declared);
  cur.ptr[cur.nargs] = (void *)p;
  cur.len[cur.nargs] = (uint32_t)declared;
  cur.nargs++;
}

static void arg_irp(PIRP irp) {
  if (!irp) { arg_null(); return; }
  if (wsksim_irp_is_pending(irp)) wsksim_fatal(WSKSIM_EXIT_DRIVER_FAULT, "%s was given an IRP that is still pending in an earlier call", function_name(cur.fn));
  put_u8(A_IRP);
  put_u32((uint32_t)sizeof(IRP));
  put_bytes(irp, sizeof(IRP));
  cur.ptr[cur.nargs] = irp;
  cur.len[cur.nargs] = (uint32_t)sizeof(IRP);
  cur.irp = irp;
  cur.nargs++;
}

static void enqueue_completion(PIRP irp, BOOLEAN was_pending) {
  completion *c = (completion *)malloc(sizeof *c);
  if (!c) wsksim_fatal(WSKSIM_EXIT_WSKSIM, "out of memory");
  c->irp = irp;
  c->was_pending = was_pending;
  c->next = NULL;
  if (ready_tail) ready_tail->next = c; else ready_head = c;
  ready_tail = c;
}

/** Parse a RESULT/COMPLETION body for call `c`: copy its written spans into the caller's memory, create the new
 *  socket, queue the completion of a completed IRP. Returns the status. */
static uint32_t take_outcome(frame *f, call_record *c, BOOLEAN is_completion) {
  uint32_t fn = get_u32(f);
  uint32_t status = get_u32(f);
  uint32_t fault = get_u32(f);
  uint8_t completed = get_u8(f);
  (void)get_u8(f);
  (void)get_u16(f);
  uint64_t new_socket = get_u64(f);
  uint32_t new_flags = get_u32(f);
  uint32_t new_family = get_u32(f);
  get_str(f, rule, sizeof rule);
  uint16_t lints = get_u16(f);
  for (uint16_t i = 0; i < lints; i++) { get_str(f, NULL, 0); get_str(f, NULL, 0); }
  if (fn != c->fn) protocol_error("answer for another function");
  if (fault) {
    wsksim_fatal(WSKSIM_EXIT_DRIVER_FAULT, "%s: fault %s (an ABI violation a real provider would not survive; rule %s)",
                 function_name(fn), fault < sizeof FAULT_NAMES / sizeof *FAULT_NAMES ? FAULT_NAMES[fault] : "?", rule);
  }
  uint32_t spans = get_u32(f);
  for (uint32_t i = 0; i < spans; i++) {
    uint32_t index = get_u32(f), offset = get_u32(f), length = get_u32(f);
    const uint8_t *bytes = take(f, length);
    if (index >= c->nargs || !c->ptr[index] || offset > c->len[index] || length > c->len[index] - offset)
      protocol_error("a written span lies outside the argument's declared region");
    memcpy((uint8_t *)c->ptr[index] + offset, bytes, length);
  }
  if (f->left) protocol_error("trailing bytes after a result");
  if (new_socket) {
    PWSK_SOCKET s = socket_new(c, new_socket, new_flags, new_family);
    if (c->irp && (fn == FN_SOCKET || fn == FN_SOCKET_CONNECT || fn == FN_ACCEPT)) c->irp->IoStatus.Information = (ULONG_PTR)s;
  }
  if (c->irp && completed) enqueue_completion(c->irp, is_completion);
  else if (is_completion) protocol_error("a COMPLETION that does not complete its IRP");
  return status;
}

static call_record *pending_take(uint32_t seq) {
  for (call_record **pp = &pending; *pp; pp = &(*pp)->next) {
    if ((*pp)->seq == seq) { call_record *r = *pp; *pp = r->next; pending_count--; return r; }
  }
  return NULL;
}

static void take_completion(frame *f) {
  call_record *r = pending_take(f->seq);
  if (!r) protocol_error("a COMPLETION for a call with no pending IRP");
  take_outcome(f, r, TRUE);
  free(r);
}

/** Send the CALL, read until its RESULT, release the lock, run the completions taken in; the return value. */
static NTSTATUS call_end(void) {
  frame_send();
  uint32_t status;
  for (;;) {
    frame f = read_frame();
    if (f.type == F_ERROR) server_error(&f);
    if (f.type == F_COMPLETION) { take_completion(&f); continue; }
    if (f.type != F_RESULT) protocol_error("unexpected frame type while waiting for a RESULT");
    if (f.seq != cur.seq) protocol_error("RESULT for another request");
    uint8_t completed = f.left >= 13 ? f.p[12] : 0;
    status = take_outcome(&f, &cur, FALSE);
    if (cur.irp && !completed && status == (uint32_t)STATUS_PENDING) {
      call_record *r = (call_record *)malloc(sizeof *r);
      if (!r) wsksim_fatal(WSKSIM_EXIT_WSKSIM, "out of memory");
      *r = cur;
      r->next = pending;
      pending = r;
      pending_count++;
    }
    break;
  }
  wsksim_os_unlock();
  wsksim_run_completions();
  return (NTSTATUS)status;
}

unsigned wsksim_pending_irps(void) { return pending_count; }

void wsksim_pending_summary(char *out, size_t size) {
  size_t n = 0;
  out[0] = 0;
  for (call_record *r = pending; r && n + 1 < size; r = r->next)
    n += (size_t)snprintf(out + n, size - n, "%s%s of call %u", n ? ", " : "", function_name(r->fn), r->seq);
}

BOOLEAN wsksim_irp_is_pending(PIRP irp) {
  for (call_record *r = pending; r; r = r->next) if (r->irp == irp) return TRUE;
  return FALSE;
}

uint32_t wsksim_deliver(void) {
  uint32_t seq = next_seq++;
  frame_begin(F_DELIVER, seq);
  frame_send();
  for (;;) {
    frame f = read_frame();
    if (f.type == F_ERROR) server_error(&f);
    if (f.type == F_COMPLETION) { take_completion(&f); continue; }
    if (f.type != F_DELIVERED || f.seq != seq) protocol_error("unexpected frame while waiting for DELIVERED");
    uint32_t n = get_u32(&f);
    return n;
  }
}

void wsksim_run_completions(void) {
  for (;;) {
    wsksim_os_lock();
    completion *c = ready_head;
    if (c) { ready_head = c->next; if (!ready_head) ready_tail = NULL; }
    wsksim_os_unlock();
    if (!c) return;
    wsksim_complete_irp(c->irp, c->was_pending);
    free(c);
  }
}

void wsksim_session_start(const char *program) {
  wsksim_os_lock();
  const char *base = program;
  for (const char *p = program; *p; p++) if (*p == '/' || *p == '\\') base = p + 1;
  frame_begin(F_HELLO, next_seq++);
  put_u32(MAGIC);
  put_u16(1);
  put_u16((uint16_t)sizeof(void *));
  put_str(base);
  frame_send();
  frame f = read_frame();
  if (f.type == F_ERROR) server_error(&f);
  if (f.type != F_WELCOME || f.seq != 1) protocol_error("expected WELCOME");
  uint16_t version = get_u16(&f), ptr = get_u16(&f);
  if (version != 1 || ptr != sizeof(void *)) protocol_error("WELCOME with another version or pointer size");
  get_str(&f, profile, sizeof profile);
  get_str(&f, policy, sizeof policy);
  get_str(&f, completion_mode, sizeof completion_mode);
  max_buffer = get_u32(&f);
  session_up = 1;
  wsksim_os_unlock();
}

void wsksim_session_end(uint32_t exit_status) {
  wsksim_os_lock();
  if (session_up && !session_closed) send_bye(exit_status);
  wsksim_os_unlock();
}

/* ---- socket objects and their dispatch tables ---- */

static NTSTATUS WSKAPI p_control_socket(PWSK_SOCKET Socket, WSK_CONTROL_SOCKET_TYPE RequestType, ULONG ControlCode,
                                        ULONG Level, SIZE_T InputSize, PVOID InputBuffer, SIZE_T OutputSize,
                                        PVOID OutputBuffer, SIZE_T *OutputSizeReturned, PIRP Irp) {
  call_begin(FN_CONTROL_SOCKET, 10);
  arg_socket(Socket);
  arg_value((uint32_t)RequestType);
  arg_value(ControlCode);
  arg_value(Level);
  arg_value(InputSize);
  arg_buffer(InputBuffer, InputSize);
  arg_value(OutputSize);
  arg_buffer(OutputBuffer, OutputSize);
  arg_buffer(OutputSizeReturned, sizeof(SIZE_T));
  arg_irp(Irp);
  return call_end();
}

static NTSTATUS WSKAPI p_close_socket(PWSK_SOCKET Socket, PIRP Irp) {
  call_begin(FN_CLOSE_SOCKET, 2);
  arg_socket(Socket);
  arg_irp(Irp);
  return call_end();
}

static NTSTATUS WSKAPI p_bind(PWSK_SOCKET Socket, PSOCKADDR LocalAddress, ULONG Flags, PIRP Irp) {
  call_begin(FN_BIND, 4);
  arg_socket(Socket);
  arg_buffer(LocalAddress, sockaddr_size_of(LocalAddress));
  arg_value(Flags);
  arg_irp(Irp);
  return call_end();
}

static NTSTATUS WSKAPI p_connect(PWSK_SOCKET Socket, PSOCKADDR RemoteAddress, ULONG Flags, PIRP Irp) {
  call_begin(FN_CONNECT, 4);
  arg_socket(Socket);
  arg_buffer(RemoteAddress, sockaddr_size_of(RemoteAddress));
  arg_value(Flags);
  arg_irp(Irp);
  return call_end();
}

static NTSTATUS WSKAPI p_listen(PWSK_SOCKET Socket, PIRP Irp) {
  call_begin(FN_LISTEN, 2);
  arg_socket(Socket);
  arg_irp(Irp);
  return call_end();
}

static NTSTATUS WSKAPI p_accept(PWSK_SOCKET ListenSocket, ULONG Flags, PVOID AcceptSocketContext,
                                const WSK_CLIENT_CONNECTION_DISPATCH *AcceptSocketDispatch, PSOCKADDR LocalAddress,
                                PSOCKADDR RemoteAddress, PIRP Irp) {
  call_begin(FN_ACCEPT, 5);
  SIZE_T size = sockaddr_size_of_family(socket_family(ListenSocket));
  cur.socket_context = AcceptSocketContext;
  cur.socket_dispatch = AcceptSocketDispatch;
  arg_socket(ListenSocket);
  arg_value(Flags);
  arg_buffer(LocalAddress, size);
  arg_buffer(RemoteAddress, size);
  arg_irp(Irp);
  return call_end();
}

static NTSTATUS WSKAPI p_disconnect(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags, PIRP Irp) {
  call_begin(FN_DISCONNECT, 4);
  arg_socket(Socket);
  arg_value((uintptr_t)Buffer);
  arg_value(Flags);
  arg_irp(Irp);
  return call_end();
}

static NTSTATUS WSKAPI p_get_local_address(PWSK_SOCKET Socket, PSOCKADDR LocalAddress, PIRP Irp) {
  call_begin(FN_GET_LOCAL_ADDRESS, 3);
  arg_socket(Socket);
  arg_buffer(LocalAddress, sockaddr_size_of_family(socket_family(Socket)));
  arg_irp(Irp);
  return call_end();
}

static NTSTATUS WSKAPI p_get_remote_address(PWSK_SOCKET Socket, PSOCKADDR RemoteAddress, PIRP Irp) {
  call_begin(FN_GET_REMOTE_ADDRESS, 3);
  arg_socket(Socket);
  arg_buffer(RemoteAddress, sockaddr_size_of_family(socket_family(Socket)));
  arg_irp(Irp);
  return call_end();
}

/** The data-path entry points: only the socket and the IRP are sent (wsksim answers STATUS_NOT_IMPLEMENTED). */
static NTSTATUS socket_irp_call(uint32_t fn, PWSK_SOCKET Socket, PIRP Irp) {
  call_begin(fn, 2);
  arg_socket(Socket);
  arg_irp(Irp);
  return call_end();
}

static NTSTATUS WSKAPI p_send(PWSK_SOCKET S, PWSK_BUF B, ULONG F, PIRP Irp) { (void)B; (void)F; return socket_irp_call(FN_SEND, S, Irp); }
static NTSTATUS WSKAPI p_receive(PWSK_SOCKET S, PWSK_BUF B, ULONG F, PIRP Irp) { (void)B; (void)F; return socket_irp_call(FN_RECEIVE, S, Irp); }
static NTSTATUS WSKAPI p_send_to(PWSK_SOCKET S, PWSK_BUF B, ULONG F, PSOCKADDR R, ULONG L, WSACMSGHDR *C, PIRP Irp) {
  (void)B; (void)F; (void)R; (void)L; (void)C;
  return socket_irp_call(FN_SEND_TO, S, Irp);
}
static NTSTATUS WSKAPI p_receive_from(PWSK_SOCKET S, PWSK_BUF B, ULONG F, PSOCKADDR R, PULONG L, WSACMSGHDR *C, PULONG CF, PIRP Irp) {
  (void)B; (void)F; (void)R; (void)L; (void)C; (void)CF;
  return socket_irp_call(FN_RECEIVE_FROM, S, Irp);
}
static NTSTATUS WSKAPI p_release_data(PWSK_SOCKET S, PWSK_DATA_INDICATION D) { (void)D; return socket_irp_call(FN_RELEASE, S, NULL); }
static NTSTATUS WSKAPI p_release_datagrams(PWSK_SOCKET S, PWSK_DATAGRAM_INDICATION D) { (void)D; return socket_irp_call(FN_RELEASE, S, NULL); }
static NTSTATUS WSKAPI p_inspect_complete(PWSK_SOCKET S, PWSK_INSPECT_ID I, WSK_INSPECT_ACTION A, PIRP Irp) { (void)I; (void)A; return socket_irp_call(FN_INSPECT_COMPLETE, S, Irp); }
static NTSTATUS WSKAPI p_send_messages(PWSK_SOCKET S, PWSK_BUF_LIST B, ULONG F, PSOCKADDR R, ULONG L, WSACMSGHDR *C, PIRP Irp) {
  (void)B; (void)F; (void)R; (void)L; (void)C;
  return socket_irp_call(FN_SEND_MESSAGES, S, Irp);
}
static NTSTATUS WSKAPI p_connect_ex(PWSK_SOCKET S, PSOCKADDR R, PWSK_BUF B, ULONG F, PIRP Irp) { (void)R; (void)B; (void)F; return socket_irp_call(FN_CONNECT_EX, S, Irp); }

/** WskSendEx / WskReceiveEx are reserved for the system: not part of the protocol; completed here. */
static NTSTATUS local_not_implemented(const char *what, PIRP Irp) {
  wsksim_warn("%s is not part of the wsksim protocol: STATUS_NOT_IMPLEMENTED", what);
  if (Irp) {
    Irp->IoStatus.Status = STATUS_NOT_IMPLEMENTED;
    Irp->IoStatus.Information = 0;
    wsksim_complete_irp(Irp, FALSE);
  }
  return STATUS_NOT_IMPLEMENTED;
}
static NTSTATUS WSKAPI p_send_ex(PWSK_SOCKET S, PWSK_BUF B, ULONG F, ULONG L, WSACMSGHDR *C, PIRP Irp) { (void)S; (void)B; (void)F; (void)L; (void)C; return local_not_implemented("WskSendEx", Irp); }
static NTSTATUS WSKAPI p_receive_ex(PWSK_SOCKET S, PWSK_BUF B, ULONG F, PULONG L, WSACMSGHDR *C, PULONG CF, PIRP Irp) { (void)S; (void)B; (void)F; (void)L; (void)C; (void)CF; return local_not_implemented("WskReceiveEx", Irp); }

static const WSK_PROVIDER_BASIC_DISPATCH basic_dispatch = { p_control_socket, p_close_socket };
static const WSK_PROVIDER_LISTEN_DISPATCH listen_dispatch = {
  .WskControlSocket = p_control_socket, .WskCloseSocket = p_close_socket,
  .WskBind = p_bind, .WskAccept = p_accept, .WskInspectComplete = p_inspect_complete, .WskGetLocalAddress = p_get_local_address,
};
static const WSK_PROVIDER_DATAGRAM_DISPATCH datagram_dispatch = {
  .WskControlSocket = p_control_socket, .WskCloseSocket = p_close_socket,
  .WskBind = p_bind, .WskSendTo = p_send_to, .WskReceiveFrom = p_receive_from, .WskRelease = p_release_datagrams,
  .WskGetLocalAddress = p_get_local_address, .WskSendMessages = p_send_messages,
};
static const WSK_PROVIDER_CONNECTION_DISPATCH connection_dispatch = {
  .WskControlSocket = p_control_socket, .WskCloseSocket = p_close_socket,
  .WskBind = p_bind, .WskConnect = p_connect, .WskGetLocalAddress = p_get_local_address,
  .WskGetRemoteAddress = p_get_remote_address, .WskSend = p_send, .WskReceive = p_receive, .WskDisconnect = p_disconnect,
  .WskRelease = p_release_data, .WskConnectEx = p_connect_ex, .WskSendEx = p_send_ex, .WskReceiveEx = p_receive_ex,
};
static const WSK_PROVIDER_STREAM_DISPATCH stream_dispatch = {
  .WskControlSocket = p_control_socket, .WskCloseSocket = p_close_socket,
  .WskBind = p_bind, .WskAccept = p_accept, .WskConnect = p_connect, .WskListen = p_listen, .WskSend = p_send,
  .WskReceive = p_receive, .WskDisconnect = p_disconnect, .WskRelease = p_release_data,
  .WskGetLocalAddress = p_get_local_address, .WskGetRemoteAddress = p_get_remote_address, .WskConnectEx = p_connect_ex,
  .WskSendEx = p_send_ex, .WskReceiveEx = p_receive_ex,
};

static PWSK_SOCKET socket_new(call_record *c, uint64_t handle, uint32_t flags, uint32_t family) {
  harness_socket *s = (harness_socket *)calloc(1, sizeof *s);
  if (!s) wsksim_fatal(WSKSIM_EXIT_WSKSIM, "out of memory");
  switch (flags) {
    case WSK_FLAG_LISTEN_SOCKET: s->socket.Dispatch = &listen_dispatch; break;
    case WSK_FLAG_DATAGRAM_SOCKET: s->socket.Dispatch = &datagram_dispatch; break;
    case WSK_FLAG_CONNECTION_SOCKET: s->socket.Dispatch = &connection_dispatch; break;
    case WSK_FLAG_STREAM_SOCKET: s->socket.Dispatch = &stream_dispatch; break;
    default: s->socket.Dispatch = &basic_dispatch; break;
  }
  s->handle = handle;
  s->flags = flags;
  s->family = family;
  s->context = c->socket_context;
  s->client_dispatch = c->socket_dispatch;
  socket_insert(s);
  return &s->socket;
}

/* ---- the client-level provider dispatch ---- */

char wsksim_client_object;

static NTSTATUS WSKAPI p_socket(PWSK_CLIENT Client, ADDRESS_FAMILY AddressFamily, USHORT SocketType, ULONG Protocol,
                                ULONG Flags, PVOID SocketContext, const VOID *Dispatch, PEPROCESS OwningProcess,
                                PETHREAD OwningThread, PSECURITY_DESCRIPTOR SecurityDescriptor, PIRP Irp) {
  (void)Client; (void)OwningProcess; (void)OwningThread;
  call_begin(FN_SOCKET, 6);
  cur.socket_context = SocketContext;
  cur.socket_dispatch = Dispatch;
  arg_value(AddressFamily);
  arg_value(SocketType);
  arg_value(Protocol);
  arg_value(Flags);
  arg_value((uintptr_t)SecurityDescriptor);
  arg_irp(Irp);
  return call_end();
}

static NTSTATUS WSKAPI p_socket_connect(PWSK_CLIENT Client, USHORT SocketType, ULONG Protocol, PSOCKADDR LocalAddress,
                                        PSOCKADDR RemoteAddress, ULONG Flags, PVOID SocketContext,
                                        const WSK_CLIENT_CONNECTION_DISPATCH *Dispatch, PEPROCESS OwningProcess,
                                        PETHREAD OwningThread, PSECURITY_DESCRIPTOR SecurityDescriptor, PIRP Irp) {
  (void)Client; (void)OwningProcess; (void)OwningThread;
  call_begin(FN_SOCKET_CONNECT, 7);
  cur.socket_context = SocketContext;
  cur.socket_dispatch = Dispatch;
  arg_value(SocketType);
  arg_value(Protocol);
  arg_buffer(LocalAddress, sockaddr_size_of(LocalAddress));
  arg_buffer(RemoteAddress, sockaddr_size_of(RemoteAddress));
  arg_value(Flags);
  arg_value((uintptr_t)SecurityDescriptor);
  arg_irp(Irp);
  return call_end();
}

static NTSTATUS WSKAPI p_control_client(PWSK_CLIENT Client, ULONG ControlCode, SIZE_T InputSize, PVOID InputBuffer,
                                        SIZE_T OutputSize, PVOID OutputBuffer, SIZE_T *OutputSizeReturned, PIRP Irp) {
  (void)Client;
  call_begin(FN_CONTROL_CLIENT, 7);
  arg_value(ControlCode);
  arg_value(InputSize);
  arg_buffer(InputBuffer, InputSize);
  arg_value(OutputSize);
  arg_buffer(OutputBuffer, OutputSize);
  arg_buffer(OutputSizeReturned, sizeof(SIZE_T));
  arg_irp(Irp);
  return call_end();
}

static NTSTATUS WSKAPI p_get_address_info(PWSK_CLIENT C, PUNICODE_STRING N, PUNICODE_STRING S, ULONG NS, GUID *P,
                                          PADDRINFOEXW H, PADDRINFOEXW *R, PEPROCESS OP, PETHREAD OT, PIRP Irp) {
  (void)C; (void)N; (void)S; (void)NS; (void)P; (void)H; (void)R; (void)OP; (void)OT;
  return local_not_implemented("WskGetAddressInfo", Irp);
}
static VOID WSKAPI p_free_address_info(PWSK_CLIENT C, PADDRINFOEXW A) { (void)C; (void)A; }
static NTSTATUS WSKAPI p_get_name_info(PWSK_CLIENT C, PSOCKADDR A, ULONG L, PUNICODE_STRING N, PUNICODE_STRING S,
                                       ULONG F, PEPROCESS OP, PETHREAD OT, PIRP Irp) {
  (void)C; (void)A; (void)L; (void)N; (void)S; (void)F; (void)OP; (void)OT;
  return local_not_implemented("WskGetNameInfo", Irp);
}

const WSK_PROVIDER_DISPATCH wsksim_provider_dispatch = {
  MAKE_WSK_VERSION(1, 0), 0, p_socket, p_socket_connect, p_control_client, p_get_address_info, p_free_address_info, p_get_name_info,
};

/* ---- registration (netio.sys's WskRegister family) ---- */

#define REGISTRATION_MAGIC 0x5753534Bull /* "KSSW": set by WskRegister, cleared by WskDeregister */

NTSTATUS WSKAPI WskRegister(PWSK_CLIENT_NPI WskClientNpi, PWSK_REGISTRATION WskRegistration) {
  if (!WskClientNpi || !WskRegistration || !WskClientNpi->Dispatch) return STATUS_INVALID_PARAMETER;
  if (WSK_MAJOR_VERSION(WskClientNpi->Dispatch->Version) != 1) return STATUS_NOT_SUPPORTED;
  WskRegistration->ReservedRegistrationState = REGISTRATION_MAGIC;
  WskRegistration->ReservedRegistrationContext = WskClientNpi;
  WskRegistration->ReservedRegistrationLock = 0;
  return STATUS_SUCCESS;
}

NTSTATUS WSKAPI WskCaptureProviderNPI(PWSK_REGISTRATION WskRegistration, ULONG WaitTimeout, PWSK_PROVIDER_NPI WskProviderNpi) {
  (void)WaitTimeout;
  if (!WskRegistration || !WskProviderNpi) return STATUS_INVALID_PARAMETER;
  if (WskRegistration->ReservedRegistrationState != REGISTRATION_MAGIC) return STATUS_DEVICE_NOT_READY;
  WskRegistration->ReservedRegistrationLock++;
  WskProviderNpi->Client = &wsksim_client_object;
  WskProviderNpi->Dispatch = &wsksim_provider_dispatch;
  return STATUS_SUCCESS;
}

VOID WSKAPI WskReleaseProviderNPI(PWSK_REGISTRATION WskRegistration) {
  if (!WskRegistration || WskRegistration->ReservedRegistrationState != REGISTRATION_MAGIC || WskRegistration->ReservedRegistrationLock == 0)
    wsksim_fatal(WSKSIM_EXIT_DRIVER_FAULT, "WskReleaseProviderNPI without a captured provider NPI");
  WskRegistration->ReservedRegistrationLock--;
}

NTSTATUS WSKAPI WskQueryProviderCharacteristics(PWSK_REGISTRATION WskRegistration, PWSK_PROVIDER_CHARACTERISTICS Characteristics) {
  if (!WskRegistration || !Characteristics) return STATUS_INVALID_PARAMETER;
  Characteristics->HighestVersion = MAKE_WSK_VERSION(1, 0);
  Characteristics->LowestVersion = MAKE_WSK_VERSION(1, 0);
  return STATUS_SUCCESS;
}

VOID WSKAPI WskDeregister(PWSK_REGISTRATION WskRegistration) {
  if (!WskRegistration || WskRegistration->ReservedRegistrationState != REGISTRATION_MAGIC)
    wsksim_fatal(WSKSIM_EXIT_DRIVER_FAULT, "WskDeregister of a registration WskRegister did not fill");
  if (WskRegistration->ReservedRegistrationLock != 0)
    wsksim_fatal(WSKSIM_EXIT_DRIVER_FAULT, "WskDeregister while the provider NPI is still captured (WskDeregister would wait forever)");
  WskRegistration->ReservedRegistrationState = 0;
}

/* ---- harness events of wsksim/harness.h (EVENT frames) ---- */

static const char *const EVENT_NAMES[] = { "?", "WsksimIncomingConnection", "WsksimPeerClose", "WsksimAdvanceTime", "WsksimAddRemoteListener" };

static void event_begin(uint32_t event, uint32_t nargs) {
  wsksim_os_lock();
  if (!session_up) wsksim_fatal(WSKSIM_EXIT_WSKSIM, "%s called outside the session (before DriverEntry or after exit)", EVENT_NAMES[event]);
  memset(&cur, 0, sizeof cur);
  cur.seq = next_seq++;
  frame_begin(F_EVENT, cur.seq);
  put_u32(event);
  put_u32(nargs);
}

/** Send the EVENT, take in the COMPLETIONs it causes until EVENT_DONE, run their routines; the event's value. */
static uint64_t event_end(uint32_t event) {
  frame_send();
  uint64_t value;
  for (;;) {
    frame f = read_frame();
    if (f.type == F_ERROR) server_error(&f);
    if (f.type == F_COMPLETION) { take_completion(&f); continue; }
    if (f.type != F_EVENT_DONE || f.seq != cur.seq) protocol_error("unexpected frame while waiting for EVENT_DONE");
    if (get_u32(&f) != event) protocol_error("EVENT_DONE for another event");
    uint32_t fault = get_u32(&f);
    value = get_u64(&f);
    get_str(&f, rule, sizeof rule);
    (void)get_u32(&f);
    if (f.left) protocol_error("trailing bytes after EVENT_DONE");
    if (fault) {
      wsksim_fatal(WSKSIM_EXIT_DRIVER_FAULT, "%s: fault %s (rule %s)", EVENT_NAMES[event],
                   fault < sizeof FAULT_NAMES / sizeof *FAULT_NAMES ? FAULT_NAMES[fault] : "?", rule);
    }
    break;
  }
  wsksim_os_unlock();
  wsksim_run_completions();
  return value;
}

static void event_address(const char *what, const SOCKADDR *a) {
  if (!a) wsksim_fatal(WSKSIM_EXIT_DRIVER_FAULT, "%s: a NULL address", what);
  arg_buffer(a, sockaddr_size_of((PSOCKADDR)a));
}

/** The socket object of a handle wsksim gave, or NULL. */
static PWSK_SOCKET socket_of_handle(uint64_t handle) {
  for (size_t j = 0; j < socket_cap; j++) if (socket_set[j] && socket_set[j]->handle == handle) return &socket_set[j]->socket;
  return NULL;
}

PWSK_SOCKET WsksimIncomingConnection(const SOCKADDR *From, const SOCKADDR *To) {
  event_begin(EV_INCOMING, 2);
  event_address(EVENT_NAMES[EV_INCOMING], From);
  event_address(EVENT_NAMES[EV_INCOMING], To);
  uint64_t listener = event_end(EV_INCOMING);
  wsksim_os_lock();
  PWSK_SOCKET s = listener ? socket_of_handle(listener) : NULL;
  wsksim_os_unlock();
  return s;
}

VOID WsksimPeerClose(PWSK_SOCKET Socket) {
  event_begin(EV_PEER_CLOSE, 1);
  arg_socket(Socket);
  (void)event_end(EV_PEER_CLOSE);
}

ULONGLONG WsksimAdvanceTime(ULONG Seconds) {
  event_begin(EV_ADVANCE_TIME, 1);
  arg_value(Seconds);
  return event_end(EV_ADVANCE_TIME);
}

VOID WsksimAddRemoteListener(const SOCKADDR *Address) {
  event_begin(EV_REMOTE_LISTENER, 1);
  event_address(EVENT_NAMES[EV_REMOTE_LISTENER], Address);
  (void)event_end(EV_REMOTE_LISTENER);
}

/* ---- queries of wsksim/harness.h ---- */

const char *WsksimPolicy(void) { return policy; }
const char *WsksimCompletion(void) { return completion_mode; }
const char *WsksimProfile(void) { return profile; }
const char *WsksimLastRule(void) { return rule; }
