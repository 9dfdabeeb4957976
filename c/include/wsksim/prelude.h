/*
 * Forced into every driver source by `wsksim cc` (gcc -include), before the source's own first line. It holds
 * only macros and one declaration, so the source's includes behave as they would without it:
 *
 * - `__try { ... } __except (filter) { ... }` and `__try { ... } __finally { ... }` (Microsoft structured
 *   exception handling, which gcc lacks) compile to the `__try` block alone: the `__except` block is dead code and
 *   the filter is not evaluated. The harness's MmProbeAndLockPages never raises, so code that wraps it in
 *   `__try/__except` behaves as on a machine where the probe succeeds. `__leave` is not supported.
 * - `ExAllocatePool2` and the POOL_FLAG_* values (Windows 10 2004 wdm.h; absent from mingw-w64 10).
 * `#pragma prefast(...)` / `#pragma warning(...)` are accepted because `wsksim cc` passes -Wno-unknown-pragmas.
 */
#ifndef WSKSIM_PRELUDE_H
#define WSKSIM_PRELUDE_H

#define __try if (1)
#define __except(filter) else if (0)
#define __finally if (1)

#ifndef POOL_FLAG_USE_QUOTA
#define POOL_FLAG_USE_QUOTA 0x0000000000000001ULL
#define POOL_FLAG_UNINITIALIZED 0x0000000000000002ULL
#define POOL_FLAG_SESSION 0x0000000000000004ULL
#define POOL_FLAG_CACHE_ALIGNED 0x0000000000000008ULL
#define POOL_FLAG_RAISE_ON_FAILURE 0x0000000000000020ULL
#define POOL_FLAG_NON_PAGED 0x0000000000000040ULL
#define POOL_FLAG_NON_PAGED_EXECUTE 0x0000000000000080ULL
#define POOL_FLAG_PAGED 0x0000000000000100ULL
#endif
typedef unsigned long long POOL_FLAGS;
#ifdef _WIN64
void *ExAllocatePool2(POOL_FLAGS Flags, unsigned long long NumberOfBytes, unsigned long Tag);
#else
void *__attribute__((stdcall)) ExAllocatePool2(POOL_FLAGS Flags, unsigned long NumberOfBytes, unsigned long Tag);
#endif

#endif
