/*
 * The harness's operating-system layer (os.c, the only file that includes <windows.h>): the protocol channel,
 * one global lock with a condition variable, threads and time. Plain C types only, so kernel-mode files
 * (which include <ntddk.h>) can use it.
 */
#ifndef WSKSIM_OS_H
#define WSKSIM_OS_H

#include <stddef.h>
#include <stdint.h>

/** Take the program's stdin/stdout as the channel and point the C runtime's stdout at stderr. */
void wsksim_os_init(void);
/** Write all bytes to the channel; 0 on success, -1 when the channel is closed. */
int wsksim_os_write(const void *data, size_t size);
/** Read up to `size` bytes (at least 1) from the channel; the count, or 0 at end of file, -1 on error. */
long wsksim_os_read(void *data, size_t size);

/** The one harness lock (harness state and the channel); never held while driver code runs. */
void wsksim_os_lock(void);
void wsksim_os_unlock(void);
/** Wait (lock held) until woken or `ms` milliseconds pass (UINT32_MAX: no limit). */
void wsksim_os_sleep_locked(uint32_t ms);
/** Wake every thread in wsksim_os_sleep_locked. */
void wsksim_os_wake_all(void);

/** Start a thread running fn(ctx); its OS handle, or NULL. */
void *wsksim_os_thread_start(void (*fn)(void *), void *ctx);
/** End the calling thread. */
void wsksim_os_thread_exit(void) __attribute__((noreturn));
/** Close an OS handle. */
void wsksim_os_close_handle(void *handle);
/** Sleep the calling thread without the lock. */
void wsksim_os_sleep_ms(uint32_t ms);

/** Monotonic time in 100 ns units; the system time in 100 ns units since 1601. */
uint64_t wsksim_os_now(void);
uint64_t wsksim_os_system_time(void);

/** Install the handler that emulates `mov reg, cr8` / `mov cr8, reg` (x64 KeGetCurrentIrql, KeRaiseIrql). */
void wsksim_os_install_irql_emulation(void);
/** The emulated IRQL of the calling code. */
extern volatile unsigned char wsksim_irql;

#endif
