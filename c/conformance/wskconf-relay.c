/*
 * User-mode relay of the conformance driver: reads frames (docs/MEASURING.md) from a file or stdin, hands each
 * vector to the driver with one DeviceIoControl, and writes the driver's answer frames to a file or stdout.
 * A vector whose DeviceIoControl fails (the provider's process died) or does not come back within the timeout is
 * reported (VECTOR_END crashed / hung) and the relay exits with status 3; its caller restarts the provider.
 *
 *   wskconf-relay [--in FILE|-] [--out FILE|-] [--install SYS_PATH] [--uninstall] [--timeout-ms N]
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "wskconf-proto.h"

#define OUT_CAP (8u << 20)

static HANDLE g_in, g_out;
static char g_inflight[MAX_PATH + 16]; /* OUT.inflight: the id of the vector being run (--out FILE only) */
static char **g_done;                  /* ids answered in an earlier run (--resume) */
static int g_ndone;
static DWORD g_timeout_ms = 60000;

static void die(const char *what, DWORD err)
{
  char msg[256];
  DWORD n;
  _snprintf(msg, sizeof msg, "wskconf-relay: %s (error %lu)\n", what, (unsigned long)err);
  WriteFile(GetStdHandle(STD_ERROR_HANDLE), msg, (DWORD)strlen(msg), &n, NULL);
  ExitProcess(2);
}

static void note(const char *what, DWORD a, DWORD b)
{
  char msg[256];
  DWORD n;
  _snprintf(msg, sizeof msg, "wskconf-relay: %s (%lu, %lu)\n", what, (unsigned long)a, (unsigned long)b);
  WriteFile(GetStdHandle(STD_ERROR_HANDLE), msg, (DWORD)strlen(msg), &n, NULL);
}

static BOOL read_all(HANDLE h, void *p, DWORD n)
{
  DWORD got;
  while (n) {
    if (!ReadFile(h, p, n, &got, NULL) || got == 0) return FALSE;
    p = (char *)p + got;
    n -= got;
  }
  return TRUE;
}

static void write_all(const void *p, DWORD n)
{
  DWORD put;
  while (n) {
    if (!WriteFile(g_out, p, n, &put, NULL) || put == 0) die("cannot write the answers", GetLastError());
    p = (const char *)p + put;
    n -= put;
  }
}

struct buf { unsigned char *p; DWORD n, cap; };
static void append(struct buf *b, const void *p, DWORD n)
{
  if (b->n + n > b->cap) {
    b->cap = (b->n + n) * 2 + 4096;
    b->p = realloc(b->p, b->cap);
    if (!b->p) die("out of memory", 0);
  }
  memcpy(b->p + b->n, p, n);
  b->n += n;
}
static void put16(struct buf *b, unsigned short v) { append(b, &v, 2); }
static void put32(struct buf *b, unsigned int v) { append(b, &v, 4); }
static void putstr(struct buf *b, const char *s) { put16(b, (unsigned short)strlen(s)); append(b, s, (DWORD)strlen(s)); }
static DWORD frame_begin(struct buf *b, unsigned short type, unsigned int seq)
{
  DWORD at = b->n;
  put32(b, 0); put16(b, type); put16(b, 0); put32(b, seq);
  return at;
}
static void frame_end(struct buf *b, DWORD at)
{
  unsigned int len = b->n - at - 4;
  memcpy(b->p + at, &len, 4);
}

/* The id a VECTOR_BEGIN frame (at p, n bytes) names, NUL-terminated into `id`. */
static void vector_id(const unsigned char *p, DWORD n, char *id, DWORD cap)
{
  unsigned short len = 0;
  id[0] = 0;
  if (n < WSKC_FRAME_HEADER + 10) return;
  memcpy(&len, p + WSKC_FRAME_HEADER + 8, 2);
  if (len >= cap || WSKC_FRAME_HEADER + 10 + len > n) return;
  memcpy(id, p + WSKC_FRAME_HEADER + 10, len);
  id[len] = 0;
}

static int answered_before(const char *id)
{
  int i;
  for (i = 0; i < g_ndone; i++) if (!strcmp(g_done[i], id)) return 1;
  return 0;
}

/* --resume: keeps the complete answers of an earlier run of the same plan (cut after the last VECTOR_END),
 * remembers their ids, and returns the id that was in flight when that run stopped ("" when none). */
static void resume(const char *out_path, char *inflight_id, DWORD cap)
{
  HANDLE h = CreateFileA(out_path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
  DWORD size, at = 0, keep = 0;
  unsigned char *data;
  char id[512] = "";
  inflight_id[0] = 0;
  if (h != INVALID_HANDLE_VALUE) {
    size = GetFileSize(h, NULL);
    data = malloc(size + 1);
    if (!data || !read_all(h, data, size)) size = 0;
    CloseHandle(h);
    while (at + WSKC_FRAME_HEADER <= size) {
      unsigned int len;
      unsigned short type;
      memcpy(&len, data + at, 4);
      memcpy(&type, data + at + 4, 2);
      if (len < 8 || at + 4 + len > size) break;
      if (type == WSKC_PROVIDER) keep = at + 4 + len;
      if (type == WSKC_VECTOR_BEGIN) vector_id(data + at, 4 + len, id, sizeof id);
      if (type == WSKC_VECTOR_END && id[0]) {
        g_done = realloc(g_done, (g_ndone + 1) * sizeof *g_done);
        g_done[g_ndone++] = _strdup(id);
        keep = at + 4 + len;
      }
      at += 4 + len;
    }
    free(data);
    h = CreateFileA(out_path, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, FILE_FLAG_WRITE_THROUGH, NULL);
    if (h != INVALID_HANDLE_VALUE) {
      SetFilePointer(h, (LONG)keep, NULL, FILE_BEGIN);
      SetEndOfFile(h);
      CloseHandle(h);
    }
  }
  h = CreateFileA(g_inflight, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
  if (h != INVALID_HANDLE_VALUE) {
    DWORD n = 0;
    if (ReadFile(h, inflight_id, cap - 1, &n, NULL)) inflight_id[n] = 0;
    CloseHandle(h);
    if (answered_before(inflight_id)) inflight_id[0] = 0;
  }
}

static void mark_inflight(const struct buf *req)
{
  char id[512];
  HANDLE h;
  DWORD n;
  if (!g_inflight[0]) return;
  vector_id(req->p, req->n, id, sizeof id);
  h = CreateFileA(g_inflight, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_WRITE_THROUGH, NULL);
  if (h == INVALID_HANDLE_VALUE) return;
  WriteFile(h, id, (DWORD)strlen(id), &n, NULL);
  FlushFileBuffers(h);
  CloseHandle(h);
}

/* Answer for a vector the driver did not answer: VECTOR_BEGIN (echoing the request's) and VECTOR_END(outcome). */
static void emit_outcome(const struct buf *req, unsigned int outcome, const char *message)
{
  struct buf b = { 0 };
  DWORD at;
  if (req->n >= 12) {
    unsigned int len;
    memcpy(&len, req->p, 4);
    if (len + 4 <= req->n) append(&b, req->p, len + 4);
  }
  at = frame_begin(&b, WSKC_VECTOR_END, 0);
  put32(&b, outcome);
  putstr(&b, message);
  frame_end(&b, at);
  write_all(b.p, b.n);
  free(b.p);
}

static SC_HANDLE open_service(DWORD access)
{
  SC_HANDLE scm = OpenSCManagerA(NULL, NULL, SC_MANAGER_ALL_ACCESS), svc;
  if (!scm) return NULL;
  svc = OpenServiceA(scm, WSKC_SERVICE_NAME, access);
  CloseServiceHandle(scm);
  return svc;
}

/* Starts the driver's service unless it runs; returns FALSE when it cannot. */
static BOOL start_driver(void)
{
  SC_HANDLE svc = open_service(SERVICE_ALL_ACCESS);
  SERVICE_STATUS st;
  BOOL ok;
  if (!svc) return FALSE;
  if (QueryServiceStatus(svc, &st) && st.dwCurrentState == SERVICE_RUNNING) { CloseServiceHandle(svc); return TRUE; }
  ok = StartServiceA(svc, 0, NULL) || GetLastError() == ERROR_SERVICE_ALREADY_RUNNING;
  if (!ok) note("StartService failed: state, error", st.dwCurrentState, GetLastError());
  CloseServiceHandle(svc);
  return ok;
}

static void stop_driver(void)
{
  SC_HANDLE svc = open_service(SERVICE_ALL_ACCESS);
  SERVICE_STATUS st;
  if (!svc) return;
  if (!ControlService(svc, SERVICE_CONTROL_STOP, &st)) note("stop: ControlService failed: state, error", st.dwCurrentState, GetLastError());
  CloseServiceHandle(svc);
}

static HANDLE open_device(void)
{
  int i;
  for (i = 0; i < 100; i++) {
    HANDLE h = CreateFileA(WSKC_USER_PATH, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
    if (h != INVALID_HANDLE_VALUE) return h;
    Sleep(100);
  }
  return INVALID_HANDLE_VALUE;
}

static int install(const char *sys_path)
{
  SC_HANDLE scm = OpenSCManagerA(NULL, NULL, SC_MANAGER_ALL_ACCESS), svc;
  char full[MAX_PATH];
  if (!scm) die("cannot open the service manager (run as administrator)", GetLastError());
  if (!GetFullPathNameA(sys_path, sizeof full, full, NULL)) die("bad driver path", GetLastError());
  svc = CreateServiceA(scm, WSKC_SERVICE_NAME, WSKC_SERVICE_NAME, SERVICE_ALL_ACCESS, SERVICE_KERNEL_DRIVER,
                       SERVICE_DEMAND_START, SERVICE_ERROR_NORMAL, full, NULL, NULL, NULL, NULL, NULL);
  if (!svc && GetLastError() == ERROR_SERVICE_EXISTS) {
    svc = OpenServiceA(scm, WSKC_SERVICE_NAME, SERVICE_ALL_ACCESS);
    if (svc) ChangeServiceConfigA(svc, SERVICE_KERNEL_DRIVER, SERVICE_DEMAND_START, SERVICE_ERROR_NORMAL, full,
                                  NULL, NULL, NULL, NULL, NULL, NULL);
  }
  if (!svc) die("cannot create the wskconf service", GetLastError());
  CloseServiceHandle(svc);
  CloseServiceHandle(scm);
  return 0;
}

static int uninstall(void)
{
  SC_HANDLE svc;
  stop_driver();
  svc = open_service(SERVICE_ALL_ACCESS);
  if (svc) { DeleteService(svc); CloseServiceHandle(svc); }
  return 0;
}

/* PROVIDER frame: the provider, its version and the machine, as the relay sees them. */
static void emit_provider(HANDLE dev)
{
  struct buf b = { 0 };
  char provider[128], version[160], machine[256], host[128];
  DWORD at, n = sizeof host;
  unsigned char info[16] = { 0 };
  OVERLAPPED ov = { 0 };
  RTL_OSVERSIONINFOW vi = { sizeof vi };
  HMODULE ntdll = GetModuleHandleA("ntdll.dll");
  const char *(CDECL *wine_version)(void) = (void *)GetProcAddress(ntdll, "wine_get_version");
  void (CDECL *wine_host)(const char **, const char **) = (void *)GetProcAddress(ntdll, "wine_get_host_version");
  LONG (WINAPI *rtl_version)(RTL_OSVERSIONINFOW *) = (void *)GetProcAddress(ntdll, "RtlGetVersion");
  unsigned short dispatch_version = 0;

  ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
  if (DeviceIoControl(dev, WSKC_IOCTL_INFO, NULL, 0, info, sizeof info, &n, &ov) ||
      (GetLastError() == ERROR_IO_PENDING && GetOverlappedResult(dev, &ov, &n, TRUE)))
    memcpy(&dispatch_version, info + 8, 2);
  CloseHandle(ov.hEvent);
  if (rtl_version) rtl_version(&vi);
  if (!GetComputerNameA(host, &n)) strcpy(host, "unknown");
  if (wine_version) {
    const char *sys = "", *rel = "";
    if (wine_host) wine_host(&sys, &rel);
    _snprintf(provider, sizeof provider, "Wine netio.sys");
    _snprintf(version, sizeof version, "wine-%s (reports Windows %lu.%lu.%lu; WSK dispatch version %u.%u)", wine_version(),
              vi.dwMajorVersion, vi.dwMinorVersion, vi.dwBuildNumber, dispatch_version >> 8, dispatch_version & 0xff);
    _snprintf(machine, sizeof machine, "%s (%s %s, x64)", host, sys, rel);
  } else {
    _snprintf(provider, sizeof provider, "Windows netio.sys");
    _snprintf(version, sizeof version, "Windows %lu.%lu.%lu (WSK dispatch version %u.%u)", vi.dwMajorVersion,
              vi.dwMinorVersion, vi.dwBuildNumber, dispatch_version >> 8, dispatch_version & 0xff);
    _snprintf(machine, sizeof machine, "%s (x64)", host);
  }
  at = frame_begin(&b, WSKC_PROVIDER, 0);
  putstr(&b, provider); putstr(&b, version); putstr(&b, machine); putstr(&b, WSKC_DRIVER_VERSION);
  frame_end(&b, at);
  write_all(b.p, b.n);
  free(b.p);
}

/* Sends one vector; 0 = answered, 1 = DeviceIoControl failed, 3 = no answer within the timeout. */
static int run_vector(HANDLE dev, const struct buf *req, unsigned char *out)
{
  OVERLAPPED ov = { 0 };
  DWORD got = 0;
  BOOL ok;
  ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
  ok = DeviceIoControl(dev, WSKC_IOCTL_RUN_VECTOR, req->p, req->n, out, OUT_CAP, &got, &ov);
  if (!ok && GetLastError() == ERROR_IO_PENDING) {
    if (WaitForSingleObject(ov.hEvent, g_timeout_ms) != WAIT_OBJECT_0) {
      CancelIo(dev);
      CloseHandle(ov.hEvent);
      return 3;
    }
    ok = GetOverlappedResult(dev, &ov, &got, FALSE);
  }
  CloseHandle(ov.hEvent);
  if (!ok || got == 0) return 1;
  write_all(out, got);
  FlushFileBuffers(g_out);
  if (g_inflight[0]) DeleteFileA(g_inflight);
  return 0;
}

int main(int argc, char **argv)
{
  const char *in_path = "-", *out_path = "-";
  int resuming = 0;
  char inflight_id[512] = "";
  HANDLE dev;
  struct buf req = { 0 };
  unsigned char *out;
  int i;

  for (i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--in") && i + 1 < argc) in_path = argv[++i];
    else if (!strcmp(argv[i], "--out") && i + 1 < argc) out_path = argv[++i];
    else if (!strcmp(argv[i], "--timeout-ms") && i + 1 < argc) g_timeout_ms = strtoul(argv[++i], NULL, 10);
    else if (!strcmp(argv[i], "--install") && i + 1 < argc) return install(argv[++i]);
    else if (!strcmp(argv[i], "--uninstall")) return uninstall();
    else if (!strcmp(argv[i], "--resume")) resuming = 1;
    else die("usage: wskconf-relay [--in FILE|-] [--out FILE|-] [--resume] [--timeout-ms N] | --install SYS_PATH | --uninstall", 0);
  }
  g_in = strcmp(in_path, "-") ? CreateFileA(in_path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL)
                              : GetStdHandle(STD_INPUT_HANDLE);
  if (g_in == INVALID_HANDLE_VALUE) die("cannot open the input", GetLastError());
  if (resuming && !strcmp(out_path, "-")) die("--resume needs --out FILE", 0);
  if (strcmp(out_path, "-")) {
    _snprintf(g_inflight, sizeof g_inflight, "%s.inflight", out_path);
    if (resuming) resume(out_path, inflight_id, sizeof inflight_id);
    g_out = CreateFileA(out_path, GENERIC_WRITE, 0, NULL, resuming ? OPEN_ALWAYS : CREATE_ALWAYS, FILE_FLAG_WRITE_THROUGH, NULL);
    if (g_out != INVALID_HANDLE_VALUE) SetFilePointer(g_out, 0, NULL, FILE_END);
  } else {
    g_out = GetStdHandle(STD_OUTPUT_HANDLE);
  }
  if (g_out == INVALID_HANDLE_VALUE) die("cannot open the output", GetLastError());

  if (!start_driver()) die("cannot start the wskconf service (install it first: wskconf-relay --install wskconf.sys)", GetLastError());
  dev = open_device();
  if (dev == INVALID_HANDLE_VALUE) die("cannot open \\\\.\\WskConformance", GetLastError());
  out = malloc(OUT_CAP);
  if (!out) die("out of memory", 0);
  if (!resuming || g_ndone == 0) emit_provider(dev);

  for (;;) {
    unsigned char hdr[WSKC_FRAME_HEADER];
    unsigned int len;
    unsigned short type;
    unsigned char *body;
    if (!read_all(g_in, hdr, 4)) break;
    memcpy(&len, hdr, 4);
    if (len < 8 || len > (64u << 20)) die("malformed frame on input", len);
    if (!read_all(g_in, hdr + 4, 8)) die("truncated frame on input", 0);
    memcpy(&type, hdr + 4, 2);
    if (type == WSKC_BYE) break;
    if (type == WSKC_VECTOR_BEGIN) req.n = 0;
    append(&req, hdr, WSKC_FRAME_HEADER);
    body = malloc(len - 8 + 1);
    if (!body || !read_all(g_in, body, len - 8)) die("truncated frame on input", 0);
    append(&req, body, len - 8);
    free(body);
    if (type != WSKC_VECTOR_END) continue;

    if (resuming) {
      char id[512];
      vector_id(req.p, req.n, id, sizeof id);
      if (answered_before(id)) { req.n = 0; continue; }
      if (inflight_id[0] && !strcmp(id, inflight_id)) {
        /* the earlier run stopped inside this vector: the provider took the machine down (bugcheck) */
        emit_outcome(&req, WSKC_OUTCOME_CRASHED, "the machine stopped while the provider ran this vector (earlier run)");
        req.n = 0;
        continue;
      }
    }
    mark_inflight(&req);

    switch (run_vector(dev, &req, out)) {
    case 0: break;
    case 3:
      emit_outcome(&req, WSKC_OUTCOME_HUNG, "no answer from the driver within the timeout");
      ExitProcess(3);
    default:
      /* The provider's process died. Under Wine its service still reads as running, so the relay ends here and
       * its caller restarts Wine (wsksim compare does); on Windows a provider crash is a bugcheck anyway. */
      emit_outcome(&req, WSKC_OUTCOME_CRASHED, "DeviceIoControl failed: the provider's process died");
      ExitProcess(3);
    }
    req.n = 0;
  }
  if (dev != INVALID_HANDLE_VALUE) CloseHandle(dev);
  return 0;
}
