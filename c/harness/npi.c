/* NPI_WSK_INTERFACE_ID, the WSK Network Programming Interface identifier (its own object file, so a driver that
   defines the GUID itself links without a duplicate). Value as real WSK clients define it. */
#define WSK_DEFINE_NPI_WSK_INTERFACE_ID
#include "harness.h"
