/*
 * Internal interface between the harness's kernel stand-ins (kernel.c), its WSK provider and protocol client
 * (provider.c, channel.c) and its main (main.c).
 */
#ifndef WSKSIM_HARNESS_H
#define WSKSIM_HARNESS_H

/* The harness defines the kernel's exports: declare them without dllimport here. */
#define _NTOSKRNL_ 1
#define _NTSYSTEM_ 1
#define _NTHALDLL_ 1
#define _NTHAL_ 1
#include <ntddk.h>
#include <wsk.h>
#include <stdint.h>

#include "os.h"

/** Exit status for wsksim's own errors (bad channel, server ERROR frame). */
#define WSKSIM_EXIT_WSKSIM 2
/** Exit status for a driver fault the harness detected (an ABI fault the server reported, a wait that can
 *  never end, an IRP misuse a real kernel would bugcheck on). */
#define WSKSIM_EXIT_DRIVER_FAULT 3

/** Print "wsksim: MESSAGE" on one line to stderr, say BYE when the session is up (not after a server ERROR),
 *  and exit with `status`. */
void wsksim_fatal(int status, const char *format, ...) __attribute__((noreturn, format(printf, 2, 3)));
/** Print "wsksim: warning: MESSAGE" on stderr. */
void wsksim_warn(const char *format, ...) __attribute__((format(printf, 1, 2)));

/** Open the session: HELLO, WELCOME. */
void wsksim_session_start(const char *program);
/** Close the session: BYE with the exit status. */
void wsksim_session_end(uint32_t exit_status);

/** Number of IRPs the server answered STATUS_PENDING and has not completed yet (lock held). */
unsigned wsksim_pending_irps(void);
/** True when `irp` is pending at the provider (lock held). */
BOOLEAN wsksim_irp_is_pending(PIRP irp);
/** The pending IRPs as text, "WskAccept of call 5, ..." (lock held). */
void wsksim_pending_summary(char *out, size_t size);
/** Send DELIVER and take in the completions it brings (lock held); the number delivered. */
uint32_t wsksim_deliver(void);
/** Run the completion routines of completions taken in but not run yet (lock NOT held). */
void wsksim_run_completions(void);

/** Complete `irp` as the provider does: take the next stack location, mark it pending if the call returned
 *  STATUS_PENDING, and run IoCompleteRequest. */
void wsksim_complete_irp(PIRP irp, BOOLEAN was_pending);

/** Number of running system threads created by PsCreateSystemThread (lock held to read). */
extern LONG wsksim_system_threads;

/** Pool allocations not freed yet, and their bytes (reported at exit). */
extern LONG64 wsksim_pool_outstanding;

/** The WSK_PROVIDER_DISPATCH WskCaptureProviderNPI hands out, and the WSK client object. */
extern const WSK_PROVIDER_DISPATCH wsksim_provider_dispatch;
extern char wsksim_client_object;

#endif
