/*
 * Shared by wsksim's example drivers: the result check (evaluate once, compare, print, fail DriverEntry on the
 * first mismatch) and the completion routine of the synchronous pattern. EXAMPLE is the example's name; the
 * function using EXPECT declares `NTSTATUS result` and a `done:` label.
 */
#ifndef WSKSIM_EXAMPLE_H
#define WSKSIM_EXAMPLE_H

#define EXPECT(what, got, want)                                                                              \
  do {                                                                                                       \
    ULONG_PTR got_ = (ULONG_PTR)(got), want_ = (ULONG_PTR)(want);                                           \
    if (got_ != want_) {                                                                                     \
      DbgPrint(EXAMPLE ": MISMATCH %s: got 0x%lX, expected 0x%lX\n", what, (ULONG)got_, (ULONG)want_);       \
      result = STATUS_UNSUCCESSFUL;                                                                          \
      goto done;                                                                                             \
    }                                                                                                        \
    DbgPrint(EXAMPLE ": %s: 0x%lX as expected\n", what, (ULONG)got_);                                       \
  } while (0)

#endif
