/*
 * The harness's operating-system layer: Win32 primitives behind the plain-C interface of os.h.
 */
#include <windows.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>

#include "os.h"

static HANDLE channel_in = INVALID_HANDLE_VALUE;
static HANDLE channel_out = INVALID_HANDLE_VALUE;
static CRITICAL_SECTION big_lock;
static CONDITION_VARIABLE wakeup;
static LARGE_INTEGER qpc_frequency;
volatile unsigned char wsksim_irql;

void wsksim_os_init(void) {
  InitializeCriticalSection(&big_lock);
  InitializeConditionVariable(&wakeup);
  QueryPerformanceFrequency(&qpc_frequency);
  HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
  HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
  HANDLE self = GetCurrentProcess();
  if (!DuplicateHandle(self, in, self, &channel_in, 0, FALSE, DUPLICATE_SAME_ACCESS)) channel_in = in;
  if (!DuplicateHandle(self, out, self, &channel_out, 0, FALSE, DUPLICATE_SAME_ACCESS)) channel_out = out;
  /* Stray printf output of driver code must not reach the channel: the C runtime's stdout becomes stderr. */
  fflush(stdout);
  _dup2(_fileno(stderr), _fileno(stdout));
  _setmode(_fileno(stdin), _O_BINARY);
  _setmode(_fileno(stderr), _O_BINARY); /* DbgPrint lines end in \n, not \r\n */
  setvbuf(stderr, NULL, _IONBF, 0);
}

int wsksim_os_write(const void *data, size_t size) {
  const char *p = (const char *)data;
  while (size > 0) {
    DWORD chunk = size > 0x40000000u ? 0x40000000u : (DWORD)size;
    DWORD done = 0;
    if (!WriteFile(channel_out, p, chunk, &done, NULL) || done == 0) return -1;
    p += done;
    size -= done;
  }
  return 0;
}

long wsksim_os_read(void *data, size_t size) {
  DWORD chunk = size > 0x40000000u ? 0x40000000u : (DWORD)size;
  DWORD done = 0;
  if (!ReadFile(channel_in, data, chunk, &done, NULL)) {
    DWORD e = GetLastError();
    return (e == ERROR_BROKEN_PIPE || e == ERROR_HANDLE_EOF) ? 0 : -1;
  }
  return (long)done;
}

void wsksim_os_lock(void) { EnterCriticalSection(&big_lock); }
void wsksim_os_unlock(void) { LeaveCriticalSection(&big_lock); }
void wsksim_os_sleep_locked(uint32_t ms) { SleepConditionVariableCS(&wakeup, &big_lock, ms == UINT32_MAX ? INFINITE : ms); }
void wsksim_os_wake_all(void) { WakeAllConditionVariable(&wakeup); }

struct thread_start { void (*fn)(void *); void *ctx; };

static DWORD WINAPI thread_main(LPVOID p) {
  struct thread_start s = *(struct thread_start *)p;
  free(p);
  s.fn(s.ctx);
  return 0;
}

void *wsksim_os_thread_start(void (*fn)(void *), void *ctx) {
  struct thread_start *s = (struct thread_start *)malloc(sizeof *s);
  if (!s) return NULL;
  s->fn = fn;
  s->ctx = ctx;
  HANDLE h = CreateThread(NULL, 0, thread_main, s, 0, NULL);
  if (!h) free(s);
  return h;
}

void wsksim_os_thread_exit(void) { ExitThread(0); }
void wsksim_os_close_handle(void *handle) { CloseHandle((HANDLE)handle); }
void wsksim_os_sleep_ms(uint32_t ms) { Sleep(ms); }

uint64_t wsksim_os_now(void) {
  LARGE_INTEGER c;
  QueryPerformanceCounter(&c);
  return (uint64_t)((double)c.QuadPart * 1e7 / (double)qpc_frequency.QuadPart);
}

uint64_t wsksim_os_system_time(void) {
  FILETIME ft;
  GetSystemTimeAsFileTime(&ft);
  return ((uint64_t)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
}

#ifdef _WIN64
/* `mov r64, cr8` is 44? 0F 20 C0+r (REX.R selects cr8, REX.B the GPR); `mov cr8, r64` is 44? 0F 22 C0+r. */
static DWORD64 *gpr(PCONTEXT c, unsigned n) {
  DWORD64 *regs[16] = { &c->Rax, &c->Rcx, &c->Rdx, &c->Rbx, &c->Rsp, &c->Rbp, &c->Rsi, &c->Rdi,
                        &c->R8, &c->R9, &c->R10, &c->R11, &c->R12, &c->R13, &c->R14, &c->R15 };
  return regs[n & 15];
}

static LONG CALLBACK irql_handler(PEXCEPTION_POINTERS e) {
  DWORD code = e->ExceptionRecord->ExceptionCode;
  if (code != EXCEPTION_PRIV_INSTRUCTION && code != EXCEPTION_ACCESS_VIOLATION && code != EXCEPTION_ILLEGAL_INSTRUCTION)
    return EXCEPTION_CONTINUE_SEARCH;
  const unsigned char *ip = (const unsigned char *)e->ContextRecord->Rip;
  unsigned rex = 0, len = 0;
  if ((ip[0] & 0xF0) == 0x40) { rex = ip[0]; len = 1; }
  if (!(rex & 4) || ip[len] != 0x0F || (ip[len + 1] != 0x20 && ip[len + 1] != 0x22) || (ip[len + 2] & 0xF8) != 0xC0) return EXCEPTION_CONTINUE_SEARCH;
  unsigned reg = (ip[len + 2] & 7) | ((rex & 1) << 3);
  if (ip[len + 1] == 0x20) *gpr(e->ContextRecord, reg) = wsksim_irql;
  else wsksim_irql = (unsigned char)*gpr(e->ContextRecord, reg);
  e->ContextRecord->Rip += len + 3;
  return EXCEPTION_CONTINUE_EXECUTION;
}

void wsksim_os_install_irql_emulation(void) { AddVectoredExceptionHandler(1, irql_handler); }
#else
void wsksim_os_install_irql_emulation(void) {}
#endif
