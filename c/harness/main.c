/*
 * The program's entry: a DRIVER_OBJECT and registry path as the I/O manager gives them, DriverEntry, then the
 * driver's DriverUnload when DriverEntry succeeded and set one. Exit status: 0 when DriverEntry succeeded, 1
 * otherwise (2: a wsksim error, 3: a driver fault the harness detected; see c/README.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* DriverEntry as the driver declares it: NTAPI (DRIVER_INITIALIZE) or, with WSKSIM_DRIVERENTRY_CDECL, plain C
   (on x86 the two link under different names; `wsksim cc` picks the one the driver's objects define). */
#ifdef WSKSIM_DRIVERENTRY_CDECL
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath);
#else
NTSTATUS NTAPI DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath);
#endif

static DRIVER_OBJECT driver_object;
static DRIVER_EXTENSION driver_extension;
static WCHAR registry_path[512];
static WCHAR driver_name[300];

static void set_names(const char *program) {
  const char *base = program;
  for (const char *p = program; *p; p++) if (*p == '/' || *p == '\\') base = p + 1;
  char name[200];
  size_t n = 0;
  while (base[n] && base[n] != '.' && n < sizeof name - 1) { name[n] = base[n]; n++; }
  name[n] = 0;
  if (!n) strcpy(name, "wsksim");
  _snwprintf(registry_path, 511, L"\\REGISTRY\\MACHINE\\SYSTEM\\ControlSet001\\Services\\%hs", name);
  _snwprintf(driver_name, 299, L"\\Driver\\%hs", name);
}

int main(int argc, char **argv) {
  (void)argc;
  wsksim_os_init();
  wsksim_os_install_irql_emulation();
  const char *program = argv[0] ? argv[0] : "driver.exe";
  set_names(program);
  wsksim_session_start(program);

  UNICODE_STRING registry;
  RtlInitUnicodeString(&registry, registry_path);
  driver_object.Type = IO_TYPE_DRIVER;
  driver_object.Size = sizeof driver_object;
  driver_object.DriverExtension = &driver_extension;
  driver_extension.DriverObject = &driver_object;
  RtlInitUnicodeString(&driver_object.DriverName, driver_name);
  driver_object.HardwareDatabase = &registry;

  NTSTATUS status = DriverEntry(&driver_object, &registry);
  wsksim_run_completions();
  if (NT_SUCCESS(status) && driver_object.DriverUnload) {
    driver_object.DriverUnload(&driver_object);
    wsksim_run_completions();
  }
  int exit_status = NT_SUCCESS(status) ? 0 : 1;
  if (!NT_SUCCESS(status)) fprintf(stderr, "wsksim: DriverEntry returned 0x%08lX\n", (unsigned long)status);
  if (wsksim_pool_outstanding > 0)
    wsksim_warn("%lld pool allocation(s) not freed at exit", (long long)wsksim_pool_outstanding);
  wsksim_session_end((uint32_t)exit_status);
  fflush(stderr);
  return exit_status;
}
