/*
 * Kernel stand-ins: the ntoskrnl/hal functions a WSK client calls, in user mode. mingw-w64's <wdm.h> declares
 * them dllimport (NTKERNELAPI), so a driver's call goes through an import pointer (`__imp_IoAllocateIrp` on x64,
 * `__imp__IoAllocateIrp@8` on x86): each function here is exported with that pointer too (IMPORT below). A kernel
 * function the harness does not define leaves its `__imp_` reference unresolved, and the link fails naming it.
 *
 * Threads: PsCreateSystemThread starts a real thread. Driver code never runs under the harness lock; a wait is
 * where completions of pending IRPs are delivered (DELIVER), and a wait nothing can end (no pending IRP, no other
 * thread) is reported instead of hanging.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* Import pointers: `void *__imp_NAME = NAME;` under the decorated name the caller's object references. */
#ifdef _WIN64
#define IMPORT_STDCALL(name, bytes) void *wsksim_imp_##name __asm__("__imp_" #name) = (void *)(name);
#define IMPORT_FASTCALL(name, bytes) IMPORT_STDCALL(name, bytes)
#define IMPORT_CDECL(name) void *wsksim_imp_##name __asm__("__imp_" #name) = (void *)(name);
#else
#define IMPORT_STDCALL(name, bytes) void *wsksim_imp_##name __asm__("__imp__" #name "@" #bytes) = (void *)(name);
#define IMPORT_FASTCALL(name, bytes) void *wsksim_imp_##name __asm__("__imp_@" #name "@" #bytes) = (void *)(name);
#define IMPORT_CDECL(name) void *wsksim_imp_##name __asm__("__imp__" #name) = (void *)(name);
#endif

LONG wsksim_system_threads;

/* ---- pool ---- */

/* Every block carries its size in front, so ExFreePool can count what is outstanding. */
typedef union pool_header { struct { SIZE_T size; ULONG tag; ULONG magic; } h; long double align; } pool_header;
#define POOL_MAGIC 0x4C4F4F50u /* "POOL" */

static PVOID pool_alloc(SIZE_T bytes, ULONG tag, BOOLEAN zero) {
  if (bytes > ((SIZE_T)-1) / 2) return NULL;
  pool_header *h = (pool_header *)(zero ? calloc(1, sizeof *h + bytes) : malloc(sizeof *h + bytes));
  if (!h) return NULL;
  h->h.size = bytes;
  h->h.tag = tag;
  h->h.magic = POOL_MAGIC;
  wsksim_os_lock();
  wsksim_pool_outstanding++;
  wsksim_os_unlock();
  if (!zero) memset(h + 1, 0xcd, bytes); /* uninitialised pool is not zero on Windows either */
  return h + 1;
}

static void pool_free(PVOID p, const char *who) {
  if (!p) wsksim_fatal(WSKSIM_EXIT_DRIVER_FAULT, "%s(NULL) (a real kernel bugchecks)", who);
  pool_header *h = (pool_header *)p - 1;
  if (h->h.magic != POOL_MAGIC) wsksim_fatal(WSKSIM_EXIT_DRIVER_FAULT, "%s of memory that is not pool (or freed twice)", who);
  h->h.magic = 0;
  wsksim_os_lock();
  wsksim_pool_outstanding--;
  wsksim_os_unlock();
  free(h);
}

PVOID NTAPI ExAllocatePool(POOL_TYPE PoolType, SIZE_T NumberOfBytes) { (void)PoolType; return pool_alloc(NumberOfBytes, 0, FALSE); }
#undef ExAllocatePoolWithTag
PVOID NTAPI ExAllocatePoolWithTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag) { (void)PoolType; return pool_alloc(NumberOfBytes, Tag, FALSE); }
/** ExAllocatePool2 (Windows 10 2004): zeroed unless POOL_FLAG_UNINITIALIZED (0x2). Declared by wsksim's cc prelude. */
PVOID NTAPI ExAllocatePool2(ULONG64 Flags, SIZE_T NumberOfBytes, ULONG Tag);
PVOID NTAPI ExAllocatePool2(ULONG64 Flags, SIZE_T NumberOfBytes, ULONG Tag) { return pool_alloc(NumberOfBytes, Tag, (Flags & 0x2) == 0); }
VOID NTAPI ExFreePool(PVOID P) { pool_free(P, "ExFreePool"); }
#undef ExFreePoolWithTag
VOID NTAPI ExFreePoolWithTag(PVOID P, ULONG Tag) { (void)Tag; pool_free(P, "ExFreePoolWithTag"); }
IMPORT_STDCALL(ExAllocatePool, 8)
IMPORT_STDCALL(ExAllocatePoolWithTag, 12)
IMPORT_STDCALL(ExAllocatePool2, 16)
IMPORT_STDCALL(ExFreePool, 4)
IMPORT_STDCALL(ExFreePoolWithTag, 8)

/* ---- IRPs ---- */

/* IRPs from IoAllocateIrp, so IoFreeIrp can tell them from embedded ones (a small open-addressing set). */
static PIRP *irp_set;
static size_t irp_cap, irp_count;
static size_t irp_slot(PIRP p, size_t cap) { uint64_t x = (uint64_t)(uintptr_t)p; x ^= x >> 33; x *= 0xff51afd7ed558ccdULL; x ^= x >> 33; return (size_t)x & (cap - 1); }
#define TOMBSTONE ((PIRP)(uintptr_t)1)

static void irp_set_add(PIRP irp) {
  if ((irp_count + 1) * 2 > irp_cap) {
    size_t cap = irp_cap ? irp_cap * 2 : 64;
    PIRP *t = (PIRP *)calloc(cap, sizeof *t);
    if (!t) wsksim_fatal(WSKSIM_EXIT_WSKSIM, "out of memory");
    irp_count = 0;
    for (size_t i = 0; i < irp_cap; i++) {
      if (!irp_set[i] || irp_set[i] == TOMBSTONE) continue;
      size_t j = irp_slot(irp_set[i], cap);
      while (t[j]) j = (j + 1) & (cap - 1);
      t[j] = irp_set[i];
      irp_count++;
    }
    free(irp_set);
    irp_set = t;
    irp_cap = cap;
  }
  size_t j = irp_slot(irp, irp_cap);
  while (irp_set[j] && irp_set[j] != TOMBSTONE) j = (j + 1) & (irp_cap - 1);
  irp_set[j] = irp;
  irp_count++;
}

static BOOLEAN irp_set_remove(PIRP irp) {
  if (!irp_cap) return FALSE;
  for (size_t j = irp_slot(irp, irp_cap); irp_set[j]; j = (j + 1) & (irp_cap - 1)) {
    if (irp_set[j] == irp) { irp_set[j] = TOMBSTONE; return TRUE; }
  }
  return FALSE;
}

VOID NTAPI IoInitializeIrp(PIRP Irp, USHORT PacketSize, CCHAR StackSize) {
  memset(Irp, 0, PacketSize);
  Irp->Type = IO_TYPE_IRP;
  Irp->Size = PacketSize;
  Irp->StackCount = StackSize;
  Irp->CurrentLocation = (CHAR)(StackSize + 1);
  Irp->Tail.Overlay.CurrentStackLocation = (PIO_STACK_LOCATION)(Irp + 1) + StackSize;
  InitializeListHead(&Irp->ThreadListEntry);
}

PIRP NTAPI IoAllocateIrp(CCHAR StackSize, BOOLEAN ChargeQuota) {
  (void)ChargeQuota;
  if (StackSize < 1) return NULL;
  USHORT size = IoSizeOfIrp(StackSize);
  PIRP irp = (PIRP)malloc(size);
  if (!irp) return NULL;
  IoInitializeIrp(irp, size, StackSize);
  wsksim_os_lock();
  irp_set_add(irp);
  wsksim_os_unlock();
  return irp;
}

VOID NTAPI IoReuseIrp(PIRP Irp, NTSTATUS Iostatus) {
  wsksim_os_lock();
  BOOLEAN pending = wsksim_irp_is_pending(Irp);
  wsksim_os_unlock();
  if (pending) wsksim_fatal(WSKSIM_EXIT_DRIVER_FAULT, "IoReuseIrp of an IRP still pending at the provider");
  UCHAR flags = Irp->AllocationFlags;
  IoInitializeIrp(Irp, Irp->Size, Irp->StackCount);
  Irp->IoStatus.Status = Iostatus;
  Irp->AllocationFlags = flags;
}

VOID NTAPI IoFreeIrp(PIRP Irp) {
  wsksim_os_lock();
  BOOLEAN pending = wsksim_irp_is_pending(Irp);
  BOOLEAN ours = !pending && irp_set_remove(Irp);
  wsksim_os_unlock();
  if (pending) wsksim_fatal(WSKSIM_EXIT_DRIVER_FAULT, "IoFreeIrp of an IRP still pending at the provider");
  if (!ours) wsksim_fatal(WSKSIM_EXIT_DRIVER_FAULT, "IoFreeIrp of an IRP IoAllocateIrp did not allocate (or freed twice)");
  Irp->Type = 0;
  free(Irp);
}

BOOLEAN NTAPI IoCancelIrp(PIRP Irp) {
  /* Cancellation is not part of protocol version 1: the IRP is marked, and a later completion runs the
     InvokeOnCancel routines as IoCompleteRequest does. No cancel routine is set, so the answer is FALSE. */
  Irp->Cancel = TRUE;
  return FALSE;
}

/** IoCompleteRequest: run the completion routines from the current stack location up. */
VOID FASTCALL IofCompleteRequest(PIRP Irp, CCHAR PriorityBoost) {
  (void)PriorityBoost;
  if (Irp->CurrentLocation > Irp->StackCount + 1 || Irp->Type != IO_TYPE_IRP)
    wsksim_fatal(WSKSIM_EXIT_DRIVER_FAULT, "IoCompleteRequest of an IRP completed twice or not initialised (MULTIPLE_IRP_COMPLETE_REQUESTS)");
  if (Irp->IoStatus.Status == STATUS_PENDING)
    wsksim_fatal(WSKSIM_EXIT_DRIVER_FAULT, "IoCompleteRequest with IoStatus.Status STATUS_PENDING");
  PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
  for (; Irp->CurrentLocation <= Irp->StackCount; sp++) {
    Irp->CurrentLocation++;
    Irp->Tail.Overlay.CurrentStackLocation++;
    Irp->PendingReturned = (sp->Control & SL_PENDING_RETURNED) != 0;
    BOOLEAN ok = NT_SUCCESS(Irp->IoStatus.Status);
    if ((ok && (sp->Control & SL_INVOKE_ON_SUCCESS)) || (!ok && (sp->Control & SL_INVOKE_ON_ERROR)) ||
        (Irp->Cancel && (sp->Control & SL_INVOKE_ON_CANCEL))) {
      sp->MinorFunction = 0;
      sp->Flags = 0;
      sp->Control = 0;
      PDEVICE_OBJECT device = Irp->CurrentLocation == Irp->StackCount + 1 ? NULL : IoGetCurrentIrpStackLocation(Irp)->DeviceObject;
      NTSTATUS st = sp->CompletionRoutine(device, Irp, sp->Context);
      if (st == STATUS_MORE_PROCESSING_REQUIRED) return;
    } else {
      if (Irp->CurrentLocation <= Irp->StackCount && Irp->PendingReturned) IoMarkIrpPending(Irp);
      sp->MinorFunction = 0;
      sp->Flags = 0;
      sp->Control = 0;
    }
  }
  wsksim_warn("an IRP completed past its last stack location (no completion routine returned STATUS_MORE_PROCESSING_REQUIRED): "
              "the I/O manager would now complete it to a thread, which a driver-allocated IRP does not have");
}

void wsksim_complete_irp(PIRP irp, BOOLEAN was_pending) {
  if (irp->CurrentLocation <= 1)
    wsksim_fatal(WSKSIM_EXIT_DRIVER_FAULT, "an IRP given to the WSK provider has no stack location left for it (NO_MORE_IRP_STACK_LOCATIONS)");
  IoSetNextIrpStackLocation(irp);
  if (was_pending) IoMarkIrpPending(irp);
  IofCompleteRequest(irp, IO_NO_INCREMENT);
}

IMPORT_STDCALL(IoInitializeIrp, 12)
IMPORT_STDCALL(IoAllocateIrp, 8)
IMPORT_STDCALL(IoReuseIrp, 8)
IMPORT_STDCALL(IoFreeIrp, 4)
IMPORT_STDCALL(IoCancelIrp, 4)
IMPORT_FASTCALL(IofCompleteRequest, 8)

/* ---- MDLs ---- */

PMDL NTAPI IoAllocateMdl(PVOID VirtualAddress, ULONG Length, BOOLEAN SecondaryBuffer, BOOLEAN ChargeQuota, PIRP Irp) {
  (void)ChargeQuota;
  SIZE_T pages = ADDRESS_AND_SIZE_TO_SPAN_PAGES(VirtualAddress, Length);
  PMDL mdl = (PMDL)calloc(1, sizeof(MDL) + pages * sizeof(PFN_NUMBER));
  if (!mdl) return NULL;
  MmInitializeMdl(mdl, VirtualAddress, Length);
  if (Irp) {
    if (!SecondaryBuffer) Irp->MdlAddress = mdl;
    else {
      PMDL m = Irp->MdlAddress;
      while (m && m->Next) m = m->Next;
      if (m) m->Next = mdl; else Irp->MdlAddress = mdl;
    }
  }
  return mdl;
}

VOID NTAPI IoFreeMdl(PMDL Mdl) { free(Mdl); }

VOID NTAPI MmBuildMdlForNonPagedPool(PMDL MemoryDescriptorList) {
  MemoryDescriptorList->MdlFlags |= MDL_SOURCE_IS_NONPAGED_POOL;
  MemoryDescriptorList->MappedSystemVa = (PCHAR)MemoryDescriptorList->StartVa + MemoryDescriptorList->ByteOffset;
}

/** Never raises: user-mode memory of this process is always "resident" (so a __try around it is harmless). */
VOID NTAPI MmProbeAndLockPages(PMDL MemoryDescriptorList, KPROCESSOR_MODE AccessMode, LOCK_OPERATION Operation) {
  (void)AccessMode; (void)Operation;
  if (MemoryDescriptorList->MdlFlags & MDL_PAGES_LOCKED)
    wsksim_fatal(WSKSIM_EXIT_DRIVER_FAULT, "MmProbeAndLockPages of an MDL whose pages are already locked");
  MemoryDescriptorList->MdlFlags |= MDL_PAGES_LOCKED;
}

VOID NTAPI MmUnlockPages(PMDL MemoryDescriptorList) {
  if (!(MemoryDescriptorList->MdlFlags & MDL_PAGES_LOCKED))
    wsksim_fatal(WSKSIM_EXIT_DRIVER_FAULT, "MmUnlockPages of an MDL whose pages are not locked");
  MemoryDescriptorList->MdlFlags &= ~(MDL_PAGES_LOCKED | MDL_MAPPED_TO_SYSTEM_VA);
}

PVOID NTAPI MmMapLockedPagesSpecifyCache(PMDL MemoryDescriptorList, KPROCESSOR_MODE AccessMode, MEMORY_CACHING_TYPE CacheType,
                                         PVOID RequestedAddress, ULONG BugCheckOnFailure, MM_PAGE_PRIORITY Priority) {
  (void)AccessMode; (void)CacheType; (void)RequestedAddress; (void)BugCheckOnFailure; (void)Priority;
  MemoryDescriptorList->MdlFlags |= MDL_MAPPED_TO_SYSTEM_VA;
  MemoryDescriptorList->MappedSystemVa = (PCHAR)MemoryDescriptorList->StartVa + MemoryDescriptorList->ByteOffset;
  return MemoryDescriptorList->MappedSystemVa;
}

VOID NTAPI MmUnmapLockedPages(PVOID BaseAddress, PMDL MemoryDescriptorList) {
  (void)BaseAddress;
  MemoryDescriptorList->MdlFlags &= ~MDL_MAPPED_TO_SYSTEM_VA;
}

IMPORT_STDCALL(IoAllocateMdl, 20)
IMPORT_STDCALL(IoFreeMdl, 4)
IMPORT_STDCALL(MmBuildMdlForNonPagedPool, 4)
IMPORT_STDCALL(MmProbeAndLockPages, 12)
IMPORT_STDCALL(MmUnlockPages, 4)
IMPORT_STDCALL(MmMapLockedPagesSpecifyCache, 24)
IMPORT_STDCALL(MmUnmapLockedPages, 8)

/* ---- events and waits ---- */

VOID NTAPI KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type, BOOLEAN State) {
  Event->Header.Type = (UCHAR)Type;
  Event->Header.Size = sizeof(KEVENT) / sizeof(LONG);
  Event->Header.SignalState = State;
  InitializeListHead(&Event->Header.WaitListHead);
}

LONG NTAPI KeSetEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait) {
  (void)Increment; (void)Wait;
  wsksim_os_lock();
  LONG previous = Event->Header.SignalState;
  Event->Header.SignalState = 1;
  wsksim_os_wake_all();
  wsksim_os_unlock();
  return previous;
}

LONG NTAPI KeResetEvent(PRKEVENT Event) {
  wsksim_os_lock();
  LONG previous = Event->Header.SignalState;
  Event->Header.SignalState = 0;
  wsksim_os_unlock();
  return previous;
}

VOID NTAPI KeClearEvent(PRKEVENT Event) { Event->Header.SignalState = 0; }
LONG NTAPI KeReadStateEvent(PRKEVENT Event) { return Event->Header.SignalState; }

/** A system thread object: what ObReferenceObjectByHandle returns for a PsCreateSystemThread handle. */
typedef struct harness_thread {
  DISPATCHER_HEADER Header;     /* first, like a KTHREAD: Type ThreadObject, SignalState 1 once it ended */
  void *os_handle;
  PKSTART_ROUTINE start;
  PVOID context;
  LONG references;
} harness_thread;

#define THREAD_OBJECT_TYPE 6 /* ThreadObject in KOBJECTS */
static __thread harness_thread *current_thread_object;
#define EVENT_SYNCHRONIZATION 1

/** Satisfied: consume a synchronization event's signal. Lock held. */
static BOOLEAN try_satisfy(DISPATCHER_HEADER *h) {
  if (h->SignalState <= 0) return FALSE;
  if (h->Type == EVENT_SYNCHRONIZATION) h->SignalState = 0;
  return TRUE;
}

NTSTATUS NTAPI KeWaitForSingleObject(PVOID Object, KWAIT_REASON WaitReason, KPROCESSOR_MODE WaitMode, BOOLEAN Alertable, PLARGE_INTEGER Timeout) {
  (void)WaitReason; (void)WaitMode; (void)Alertable;
  DISPATCHER_HEADER *h = (DISPATCHER_HEADER *)Object;
  uint64_t deadline = UINT64_MAX;
  if (Timeout) {
    LONGLONG t = Timeout->QuadPart;
    if (t < 0) deadline = wsksim_os_now() + (uint64_t)(-t);
    else { uint64_t now = wsksim_os_system_time(); deadline = wsksim_os_now() + ((uint64_t)t > now ? (uint64_t)t - now : 0); }
  }
  wsksim_os_lock();
  for (;;) {
    if (try_satisfy(h)) { wsksim_os_unlock(); return STATUS_SUCCESS; }
    if (Timeout && Timeout->QuadPart == 0) break;
    if (wsksim_pending_irps() > 0 && wsksim_deliver() > 0) {
      wsksim_os_unlock();
      wsksim_run_completions();
      wsksim_os_lock();
      continue;
    }
    /* Someone else may signal it: a system thread (or, seen from a system thread, the driver's main thread). */
    if (current_thread_object || wsksim_system_threads > 0) {
      uint64_t now = wsksim_os_now();
      if (now >= deadline) break;
      uint64_t left_ms = deadline == UINT64_MAX ? 20 : (deadline - now) / 10000 + 1;
      wsksim_os_sleep_locked((uint32_t)(left_ms < 20 ? left_ms : 20));
      continue;
    }
    /* Nothing can signal the object: no IRP the provider may still complete, no other thread. */
    if (!Timeout && wsksim_pending_irps() == 0) {
      wsksim_fatal(WSKSIM_EXIT_DRIVER_FAULT,
                   "KeWaitForSingleObject would wait forever: the object is not signalled, no IRP is pending at the provider "
                   "(0) and no other thread runs");
    }
    if (!Timeout) {
      char what[160];
      wsksim_pending_summary(what, sizeof what);
      wsksim_fatal(WSKSIM_EXIT_DRIVER_FAULT,
                   "KeWaitForSingleObject would wait forever: the object is not signalled and the IRPs pending at the provider "
                   "(%s) wait for a harness event (a connection for WskAccept: WsksimIncomingConnection, or "
                   "`wsksim drive --event incoming:ADDRESS`)", what);
    }
    break; /* the timeout elapses (simulated at once: nothing can happen meanwhile) */
  }
  wsksim_os_unlock();
  return STATUS_TIMEOUT;
}

NTSTATUS NTAPI KeDelayExecutionThread(KPROCESSOR_MODE WaitMode, BOOLEAN Alertable, PLARGE_INTEGER Interval) {
  (void)WaitMode; (void)Alertable;
  LONGLONG t = Interval ? Interval->QuadPart : 0;
  if (t < 0) wsksim_os_sleep_ms((uint32_t)((-t) / 10000));
  wsksim_os_lock();
  if (wsksim_pending_irps() > 0 && wsksim_deliver() > 0) { wsksim_os_unlock(); wsksim_run_completions(); }
  else wsksim_os_unlock();
  return STATUS_SUCCESS;
}

#ifndef _WIN64 /* on x64 KeQuerySystemTime is a macro reading KUSER_SHARED_DATA, which user mode has elsewhere */
VOID NTAPI KeQuerySystemTime(PLARGE_INTEGER CurrentTime) { CurrentTime->QuadPart = (LONGLONG)wsksim_os_system_time(); }
IMPORT_STDCALL(KeQuerySystemTime, 4)
#endif

IMPORT_STDCALL(KeInitializeEvent, 12)
IMPORT_STDCALL(KeSetEvent, 12)
IMPORT_STDCALL(KeResetEvent, 4)
IMPORT_STDCALL(KeClearEvent, 4)
IMPORT_STDCALL(KeReadStateEvent, 4)
IMPORT_STDCALL(KeWaitForSingleObject, 20)
IMPORT_STDCALL(KeDelayExecutionThread, 12)

#ifdef _WIN64
/* Spin locks (x64 exports; KeInitializeSpinLock is inline): a spinning test-and-set on the KSPIN_LOCK. */
KIRQL NTAPI KeAcquireSpinLockRaiseToDpc(PKSPIN_LOCK SpinLock) {
  while (__sync_lock_test_and_set(SpinLock, 1)) wsksim_os_sleep_ms(0);
  KIRQL old = wsksim_irql;
  wsksim_irql = DISPATCH_LEVEL;
  return old;
}
VOID NTAPI KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql) { __sync_lock_release(SpinLock); wsksim_irql = NewIrql; }
IMPORT_STDCALL(KeAcquireSpinLockRaiseToDpc, 4)
IMPORT_STDCALL(KeReleaseSpinLock, 8)
#else
KIRQL NTAPI KeGetCurrentIrql(VOID) { return wsksim_irql; }
IMPORT_STDCALL(KeGetCurrentIrql, 0)
#endif

/* ---- system threads ---- */

static void thread_trampoline(void *p) {
  harness_thread *t = (harness_thread *)p;
  current_thread_object = t;
  t->start(t->context);
  PsTerminateSystemThread(STATUS_SUCCESS);
}

NTSTATUS NTAPI PsCreateSystemThread(PHANDLE ThreadHandle, ULONG DesiredAccess, POBJECT_ATTRIBUTES ObjectAttributes,
                                    HANDLE ProcessHandle, PCLIENT_ID ClientId, PKSTART_ROUTINE StartRoutine, PVOID StartContext) {
  (void)DesiredAccess; (void)ObjectAttributes; (void)ProcessHandle; (void)ClientId;
  harness_thread *t = (harness_thread *)calloc(1, sizeof *t);
  if (!t) return STATUS_INSUFFICIENT_RESOURCES;
  t->Header.Type = THREAD_OBJECT_TYPE;
  t->start = StartRoutine;
  t->context = StartContext;
  t->references = 1;
  wsksim_os_lock();
  wsksim_system_threads++;
  wsksim_os_unlock();
  t->os_handle = wsksim_os_thread_start(thread_trampoline, t);
  if (!t->os_handle) {
    wsksim_os_lock();
    wsksim_system_threads--;
    wsksim_os_unlock();
    free(t);
    return STATUS_INSUFFICIENT_RESOURCES;
  }
  *ThreadHandle = (HANDLE)t;
  return STATUS_SUCCESS;
}

NTSTATUS NTAPI PsTerminateSystemThread(NTSTATUS ExitStatus) {
  (void)ExitStatus;
  wsksim_os_lock();
  wsksim_system_threads--;
  if (current_thread_object) /* the thread object is signalled once the thread ends */ current_thread_object->Header.SignalState = 1;
  wsksim_os_wake_all();
  wsksim_os_unlock();
  wsksim_os_thread_exit();
}

/* ObReferenceObjectByHandle / ObDereferenceObject / ZwClose for thread handles (the handle is the object). */
NTSTATUS NTAPI ObReferenceObjectByHandle(HANDLE Handle, ACCESS_MASK DesiredAccess, POBJECT_TYPE ObjectType, KPROCESSOR_MODE AccessMode,
                                         PVOID *Object, POBJECT_HANDLE_INFORMATION HandleInformation) {
  (void)DesiredAccess; (void)ObjectType; (void)AccessMode; (void)HandleInformation;
  harness_thread *t = (harness_thread *)Handle;
  if (!t || t->Header.Type != THREAD_OBJECT_TYPE) return STATUS_INVALID_HANDLE;
  wsksim_os_lock();
  t->references++;
  wsksim_os_unlock();
  *Object = t;
  return STATUS_SUCCESS;
}

LONG_PTR FASTCALL ObfDereferenceObject(PVOID Object) {
  harness_thread *t = (harness_thread *)Object;
  wsksim_os_lock();
  LONG n = --t->references;
  wsksim_os_unlock();
  return n;
}

NTSTATUS NTAPI ZwClose(HANDLE Handle) {
  harness_thread *t = (harness_thread *)Handle;
  if (t && t->Header.Type == THREAD_OBJECT_TYPE) {
    wsksim_os_close_handle(t->os_handle);
    ObfDereferenceObject(t);
    return STATUS_SUCCESS;
  }
  return STATUS_INVALID_HANDLE;
}

IMPORT_STDCALL(PsCreateSystemThread, 28)
IMPORT_STDCALL(PsTerminateSystemThread, 4)
IMPORT_STDCALL(ObReferenceObjectByHandle, 24)
IMPORT_FASTCALL(ObfDereferenceObject, 4)
IMPORT_STDCALL(ZwClose, 4)

/* ---- debugging output and strings ---- */

/*
 * DbgPrint's format: the C runtime's conversions, plus the kernel's %Z (PANSI_STRING / PSTRING) and %wZ
 * (PUNICODE_STRING), which the C runtime lacks. Each conversion is handed to the C runtime alone, with its
 * argument taken from the list by its length modifier.
 */
static void debug_vprint(PCSTR format, va_list ap) {
  char out[2048];
  size_t n = 0;
#define PUT(...) do { int k_ = snprintf(out + n, sizeof out - n, __VA_ARGS__); if (k_ > 0) n += (size_t)k_ < sizeof out - n ? (size_t)k_ : sizeof out - n - 1; } while (0)
  for (const char *p = format; *p && n < sizeof out - 1;) {
    if (*p != '%') { out[n++] = *p++; continue; }
    const char *start = p++;
    if (*p == '%') { out[n++] = '%'; p++; continue; }
    char spec[32];
    while (*p && strchr("-+ #0", *p)) p++;
    int star_width = 0, star_prec = 0, width = 0, prec = 0;
    if (*p == '*') { star_width = 1; width = va_arg(ap, int); p++; } else while (*p >= '0' && *p <= '9') p++;
    if (*p == '.') { p++; if (*p == '*') { star_prec = 1; prec = va_arg(ap, int); p++; } else while (*p >= '0' && *p <= '9') p++; }
    int w = 0, l = 0, ll = 0, h = 0, i64 = 0, z = 0;
    for (;;) {
      if (*p == 'w') { w = 1; p++; }
      else if (*p == 'l') { if (l) ll = 1; l = 1; p++; }
      else if (*p == 'h') { h = 1; p++; }
      else if (*p == 'I' && p[1] == '6' && p[2] == '4') { i64 = 1; p += 3; }
      else if (*p == 'I' && p[1] == '3' && p[2] == '2') { p += 3; }
      else if (*p == 'I' || *p == 'z' || *p == 'j' || *p == 't') { z = 1; p++; }
      else break;
    }
    char conv = *p ? *p++ : 0;
    size_t len = (size_t)(p - start);
    if (len >= sizeof spec || !conv) break;
    memcpy(spec, start, len);
    spec[len] = 0;
    if (conv == 'Z') {
      if (w) { PCUNICODE_STRING u = va_arg(ap, PCUNICODE_STRING); if (u && u->Buffer) PUT("%.*ls", (int)(u->Length / sizeof(WCHAR)), u->Buffer); else PUT("(null)"); }
      else { PCANSI_STRING a = va_arg(ap, PCANSI_STRING); if (a && a->Buffer) PUT("%.*s", (int)a->Length, a->Buffer); else PUT("(null)"); }
      continue;
    }
    /* Rebuild the conversion without the kernel-only modifiers, for the C runtime. */
    char fmt[40];
    size_t f = 0;
    for (const char *q = start; q < p - 1 && f < sizeof fmt - 8; q++) {
      if (*q == 'w' || *q == 'l' || *q == 'h' || *q == 'z' || *q == 'j' || *q == 't') continue;
      if (*q == 'I') { if (q[1] == '6' || q[1] == '3') q += 2; continue; }
      fmt[f++] = *q;
    }
    int wide_str = (conv == 's' && (w || l)) || conv == 'S';
    int wide_chr = (conv == 'c' && (w || l)) || conv == 'C';
    if (strchr("diouxX", conv)) {
      int big = ll || i64 || (z && sizeof(void *) == 8);
      if (big) { fmt[f++] = 'I'; fmt[f++] = '6'; fmt[f++] = '4'; }
      fmt[f++] = conv;
      fmt[f] = 0;
      if (big) { long long v = va_arg(ap, long long); if (star_width && star_prec) PUT(fmt, width, prec, v); else if (star_width) PUT(fmt, width, v); else if (star_prec) PUT(fmt, prec, v); else PUT(fmt, v); }
      else { int v = va_arg(ap, int); if (h && conv != 'd' && conv != 'i') v &= 0xFFFF; if (star_width && star_prec) PUT(fmt, width, prec, v); else if (star_width) PUT(fmt, width, v); else if (star_prec) PUT(fmt, prec, v); else PUT(fmt, v); }
      continue;
    }
    if (wide_str) { fmt[f++] = 'l'; fmt[f++] = 's'; } else if (wide_chr) { fmt[f++] = 'l'; fmt[f++] = 'c'; } else fmt[f++] = conv == 'S' ? 's' : conv;
    fmt[f] = 0;
    if (strchr("eEfgGaA", conv)) { double v = va_arg(ap, double); if (star_width && star_prec) PUT(fmt, width, prec, v); else if (star_width) PUT(fmt, width, v); else if (star_prec) PUT(fmt, prec, v); else PUT(fmt, v); }
    else if (conv == 'c' || conv == 'C') { int v = va_arg(ap, int); if (star_width) PUT(fmt, width, v); else PUT(fmt, v); }
    else if (conv == 's' || conv == 'S' || conv == 'p') {
      void *v = va_arg(ap, void *);
      if (conv != 'p' && !v) { PUT("(null)"); continue; }
      if (star_width && star_prec) PUT(fmt, width, prec, v); else if (star_width) PUT(fmt, width, v); else if (star_prec) PUT(fmt, prec, v); else PUT(fmt, v);
    } else if (conv == 'n') { (void)va_arg(ap, void *); }
    else { PUT("%s", spec); }
  }
#undef PUT
  out[n < sizeof out ? n : sizeof out - 1] = 0;
  fputs(out, stderr);
}

ULONG __cdecl DbgPrint(PCSTR Format, ...) {
  va_list ap;
  va_start(ap, Format);
  debug_vprint(Format, ap);
  va_end(ap);
  return 0;
}

ULONG __cdecl DbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format, ...) {
  (void)ComponentId; (void)Level;
  va_list ap;
  va_start(ap, Format);
  debug_vprint(Format, ap);
  va_end(ap);
  return 0;
}
IMPORT_CDECL(DbgPrintEx)

VOID NTAPI RtlAssert(PVOID FailedAssertion, PVOID FileName, ULONG LineNumber, PSTR Message) {
  wsksim_fatal(WSKSIM_EXIT_DRIVER_FAULT, "ASSERT failed: %s at %s:%lu%s%s", (const char *)FailedAssertion, (const char *)FileName,
               (unsigned long)LineNumber, Message ? ": " : "", Message ? Message : "");
}

VOID NTAPI RtlInitUnicodeString(PUNICODE_STRING DestinationString, PCWSTR SourceString) {
  SIZE_T n = 0;
  if (SourceString) while (SourceString[n]) n++;
  DestinationString->Buffer = (PWSTR)SourceString;
  DestinationString->Length = (USHORT)(n * sizeof(WCHAR));
  DestinationString->MaximumLength = (USHORT)(SourceString ? (n + 1) * sizeof(WCHAR) : 0);
}

IMPORT_STDCALL(RtlAssert, 16)
IMPORT_STDCALL(RtlInitUnicodeString, 8)
