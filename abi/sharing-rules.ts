/**
 * Address-sharing profiles (docs/SHARING.md, docs/POLICY.md#bind): one row per table cell, each citing its source.
 * Data only; src/provider/sharing.ts compiles these rows into a lookup and holds no per-cell logic.
 *
 * Cell identifiers (used as provider.reason.rule):
 *   `<profile>[.<table>]:<FIRST>/<SECOND>`
 * FIRST is the socket already bound, SECOND the socket whose bind is judged, always in bind order, whatever the
 * orientation of the source table (the WSK table has rows = second bind; user-mode tables A, B, C have rows = first
 * bind). FIRST and SECOND are `<option>-<address kind>`: D (no option), R (SO_REUSEADDR), E (SO_EXCLUSIVEADDRUSE);
 * W (wildcard), S (specific). Examples: `wsk:E-W/D-S` = an SO_EXCLUSIVEADDRUSE wildcard bind first, then a plain
 * specific bind; `winsock.B:D-W/R-W` = table B (same owner); `winsock.C:…` = table C (different owners);
 * `winsock.measured:E-W/D-W` = a measured override row; `winsock-xp.A:…` = table A.
 */
import type { BindKind, Citation, OutcomeReport, SharingCell, SharingOutcome, SharingProfile } from './schema';

const WSK_PAGE = 'sharing-transport-addresses.md, outcome table';

/** How each bind kind reads in a cell's sentence. */
const KIND_TEXT: { readonly [K in BindKind]: string } = {
  'D-W': 'a wildcard bind without sharing options', 'D-S': 'a specific-address bind without sharing options',
  'R-W': 'an SO_REUSEADDR wildcard bind', 'R-S': 'an SO_REUSEADDR specific-address bind',
  'E-W': 'an SO_EXCLUSIVEADDRUSE wildcard bind', 'E-S': 'an SO_EXCLUSIVEADDRUSE specific-address bind',
};
const OUTCOME_TEXT: { readonly [K in SharingOutcome]: string } = {
  SUCCESS: 'is allowed',
  INUSE: 'is refused as address in use (INUSE)',
  DENIED: 'is refused as access denied (DENIED)',
  CHECK: "is allowed only if the earlier socket's security descriptor grants the new socket's owner access, else refused as access denied (CHECK)",
};
const OWNERS_TEXT: { readonly [K in 'any' | 'same' | 'different']: string } = { any: '', same: ' of the same owner', different: ' of another owner' };

/** The sentence of a cell: `SECOND, on a port where FIRST holds an overlapping address, OUTCOME (TABLE).` */
const sentence = (first: BindKind, second: BindKind, outcome: SharingOutcome, owners: 'any' | 'same' | 'different', table: string): string =>
  `${KIND_TEXT[second][0]!.toUpperCase()}${KIND_TEXT[second].slice(1)}${OWNERS_TEXT[owners]}, on a port where ${KIND_TEXT[first].replace(' bind', ' binding')} holds an overlapping address, ${OUTCOME_TEXT[outcome]} (${table}).`;
const W1_PAGE = 'using-so-reuseaddr-and-so-exclusiveaddruse.md';

/** A WSK table cell, written in the page's own orientation: (row = SECOND bind, column = FIRST bind). */
const K = (second: BindKind, first: BindKind, outcome: SharingOutcome): SharingCell => ({
  id: `wsk:${first}/${second}`, first, second, owners: 'any', outcome,
  description: sentence(first, second, outcome, 'any', 'WSK sharing table'),
  source: { ref: 'D2', at: `${WSK_PAGE}, row (second bind) ${second}, column (first bind) ${first} (docs/SHARING.md#wsk)`, layer: 'WSK' },
});

/** A user-mode table cell, written in the page's own orientation: (row = FIRST bind, column = SECOND bind). */
const U = (table: 'A' | 'B' | 'C', profile: 'winsock' | 'winsock-xp', anchor: string, owners: 'any' | 'same' | 'different') =>
  (first: BindKind, second: BindKind, outcome: SharingOutcome): SharingCell => ({
    id: `${profile}.${table}:${first}/${second}`, first, second, owners, outcome,
    description: sentence(first, second, outcome, owners, `user-mode table ${table}`),
    source: { ref: 'W1', at: `${W1_PAGE}, table ${table}, row (first bind) ${first}, column (second bind) ${second} (docs/SHARING.md#${anchor})`, layer: 'user-mode Winsock' },
  });

const A = U('A', 'winsock-xp', 'winsock-xp-a', 'any');
const B = U('B', 'winsock', 'winsock-b', 'same');
const C = U('C', 'winsock', 'winsock-c', 'different');

/** WSK "Sharing Transport Addresses" (D2), rows = SECOND bind, columns = FIRST bind, transcribed row by row. */
export const WSK_TABLE: readonly SharingCell[] = [
  K('D-W', 'D-W', 'INUSE'), K('D-W', 'D-S', 'SUCCESS'), K('D-W', 'R-W', 'INUSE'), K('D-W', 'R-S', 'SUCCESS'), K('D-W', 'E-W', 'INUSE'), K('D-W', 'E-S', 'SUCCESS'),
  K('D-S', 'D-W', 'CHECK'), K('D-S', 'D-S', 'INUSE'), K('D-S', 'R-W', 'CHECK'), K('D-S', 'R-S', 'DENIED'), K('D-S', 'E-W', 'DENIED'), K('D-S', 'E-S', 'INUSE'),
  K('R-W', 'D-W', 'DENIED'), K('R-W', 'D-S', 'SUCCESS'), K('R-W', 'R-W', 'SUCCESS'), K('R-W', 'R-S', 'SUCCESS'), K('R-W', 'E-W', 'DENIED'), K('R-W', 'E-S', 'SUCCESS'),
  K('R-S', 'D-W', 'CHECK'), K('R-S', 'D-S', 'DENIED'), K('R-S', 'R-W', 'SUCCESS'), K('R-S', 'R-S', 'SUCCESS'), K('R-S', 'E-W', 'DENIED'), K('R-S', 'E-S', 'DENIED'),
  K('E-W', 'D-W', 'INUSE'), K('E-W', 'D-S', 'INUSE'), K('E-W', 'R-W', 'INUSE'), K('E-W', 'R-S', 'INUSE'), K('E-W', 'E-W', 'INUSE'), K('E-W', 'E-S', 'INUSE'),
  K('E-S', 'D-W', 'CHECK'), K('E-S', 'D-S', 'INUSE'), K('E-S', 'R-W', 'CHECK'), K('E-S', 'R-S', 'INUSE'), K('E-S', 'E-W', 'DENIED'), K('E-S', 'E-S', 'INUSE'),
];

/** User-mode table A, Windows XP and earlier (W1), rows = FIRST bind, columns = SECOND bind. ACCESS = DENIED. */
export const WINSOCK_TABLE_A: readonly SharingCell[] = [
  A('D-W', 'D-W', 'INUSE'), A('D-W', 'D-S', 'INUSE'), A('D-W', 'R-W', 'SUCCESS'), A('D-W', 'R-S', 'SUCCESS'), A('D-W', 'E-W', 'INUSE'), A('D-W', 'E-S', 'INUSE'),
  A('D-S', 'D-W', 'INUSE'), A('D-S', 'D-S', 'INUSE'), A('D-S', 'R-W', 'SUCCESS'), A('D-S', 'R-S', 'SUCCESS'), A('D-S', 'E-W', 'INUSE'), A('D-S', 'E-S', 'INUSE'),
  A('R-W', 'D-W', 'INUSE'), A('R-W', 'D-S', 'INUSE'), A('R-W', 'R-W', 'SUCCESS'), A('R-W', 'R-S', 'SUCCESS'), A('R-W', 'E-W', 'INUSE'), A('R-W', 'E-S', 'INUSE'),
  A('R-S', 'D-W', 'INUSE'), A('R-S', 'D-S', 'INUSE'), A('R-S', 'R-W', 'SUCCESS'), A('R-S', 'R-S', 'SUCCESS'), A('R-S', 'E-W', 'INUSE'), A('R-S', 'E-S', 'INUSE'),
  A('E-W', 'D-W', 'INUSE'), A('E-W', 'D-S', 'INUSE'), A('E-W', 'R-W', 'DENIED'), A('E-W', 'R-S', 'DENIED'), A('E-W', 'E-W', 'INUSE'), A('E-W', 'E-S', 'INUSE'),
  A('E-S', 'D-W', 'INUSE'), A('E-S', 'D-S', 'INUSE'), A('E-S', 'R-W', 'DENIED'), A('E-S', 'R-S', 'DENIED'), A('E-S', 'E-W', 'INUSE'), A('E-S', 'E-S', 'INUSE'),
];

/** User-mode table B, Windows Server 2003 and later, same user account (W1), rows = FIRST bind. */
export const WINSOCK_TABLE_B: readonly SharingCell[] = [
  B('D-W', 'D-W', 'INUSE'), B('D-W', 'D-S', 'SUCCESS'), B('D-W', 'R-W', 'DENIED'), B('D-W', 'R-S', 'SUCCESS'), B('D-W', 'E-W', 'INUSE'), B('D-W', 'E-S', 'SUCCESS'),
  B('D-S', 'D-W', 'SUCCESS'), B('D-S', 'D-S', 'INUSE'), B('D-S', 'R-W', 'SUCCESS'), B('D-S', 'R-S', 'DENIED'), B('D-S', 'E-W', 'INUSE'), B('D-S', 'E-S', 'INUSE'),
  B('R-W', 'D-W', 'INUSE'), B('R-W', 'D-S', 'SUCCESS'), B('R-W', 'R-W', 'SUCCESS'), B('R-W', 'R-S', 'SUCCESS'), B('R-W', 'E-W', 'INUSE'), B('R-W', 'E-S', 'SUCCESS'),
  B('R-S', 'D-W', 'SUCCESS'), B('R-S', 'D-S', 'INUSE'), B('R-S', 'R-W', 'SUCCESS'), B('R-S', 'R-S', 'SUCCESS'), B('R-S', 'E-W', 'INUSE'), B('R-S', 'E-S', 'INUSE'),
  B('E-W', 'D-W', 'INUSE'), B('E-W', 'D-S', 'DENIED'), B('E-W', 'R-W', 'DENIED'), B('E-W', 'R-S', 'DENIED'), B('E-W', 'E-W', 'INUSE'), B('E-W', 'E-S', 'DENIED'),
  B('E-S', 'D-W', 'SUCCESS'), B('E-S', 'D-S', 'INUSE'), B('E-S', 'R-W', 'SUCCESS'), B('E-S', 'R-S', 'DENIED'), B('E-S', 'E-W', 'INUSE'), B('E-S', 'E-S', 'INUSE'),
];

/** User-mode table C, Windows Server 2003 and later, different user accounts (W1), rows = FIRST bind. */
export const WINSOCK_TABLE_C: readonly SharingCell[] = [
  C('D-W', 'D-W', 'INUSE'), C('D-W', 'D-S', 'DENIED'), C('D-W', 'R-W', 'DENIED'), C('D-W', 'R-S', 'DENIED'), C('D-W', 'E-W', 'INUSE'), C('D-W', 'E-S', 'DENIED'),
  C('D-S', 'D-W', 'SUCCESS'), C('D-S', 'D-S', 'INUSE'), C('D-S', 'R-W', 'SUCCESS'), C('D-S', 'R-S', 'DENIED'), C('D-S', 'E-W', 'INUSE'), C('D-S', 'E-S', 'INUSE'),
  C('R-W', 'D-W', 'INUSE'), C('R-W', 'D-S', 'DENIED'), C('R-W', 'R-W', 'SUCCESS'), C('R-W', 'R-S', 'SUCCESS'), C('R-W', 'E-W', 'INUSE'), C('R-W', 'E-S', 'DENIED'),
  C('R-S', 'D-W', 'SUCCESS'), C('R-S', 'D-S', 'INUSE'), C('R-S', 'R-W', 'SUCCESS'), C('R-S', 'R-S', 'SUCCESS'), C('R-S', 'E-W', 'INUSE'), C('R-S', 'E-S', 'INUSE'),
  C('E-W', 'D-W', 'INUSE'), C('E-W', 'D-S', 'DENIED'), C('E-W', 'R-W', 'DENIED'), C('E-W', 'R-S', 'DENIED'), C('E-W', 'E-W', 'INUSE'), C('E-W', 'E-S', 'DENIED'),
  C('E-S', 'D-W', 'SUCCESS'), C('E-S', 'D-S', 'INUSE'), C('E-S', 'R-W', 'SUCCESS'), C('E-S', 'R-S', 'DENIED'), C('E-S', 'E-W', 'INUSE'), C('E-S', 'E-S', 'INUSE'),
];

const MEASURED_EW_DW: Citation = {
  ref: 'WINE-sock',
  at: 'dlls/ws2_32/tests/sock.c test_reuseaddr, run on Windows: exclusive dual-stack [::] first, plain 0.0.0.0 second -> WSAEACCES (docs/SHARING.md#winsock-measured; docs/POLICY.md#bind: an exclusive wildcard bind followed by a plain wildcard bind gives WSAEACCES). Measured under one user account; applied to both owner relations as docs/POLICY.md#bind states it without restriction (table C\'s E-W row equals table B\'s)',
  layer: 'user-mode Winsock',
};

/** Cells measured on Windows that replace the user-mode table cells (profile `winsock`). */
export const WINSOCK_OVERRIDES: readonly SharingCell[] = [
  { id: 'winsock.measured:E-W/D-W', first: 'E-W', second: 'D-W', owners: 'any', outcome: 'DENIED', description: sentence('E-W', 'D-W', 'DENIED', 'any', 'measured on Windows, replacing tables B and C'), source: MEASURED_EW_DW },
];

const WSK_INUSE: OutcomeReport = {
  status: 'STATUS_ADDRESS_ALREADY_EXISTS', wsaError: 'WSAEADDRINUSE',
  source: { ref: 'D2', at: 'sharing-transport-addresses.md: INUSE = STATUS_ADDRESS_ALREADY_EXISTS; WSA equivalent: docs/SHARING.md#reports', layer: 'WSK' },
};
const WSK_DENIED: OutcomeReport = {
  status: 'STATUS_ACCESS_DENIED', wsaError: 'WSAEACCES',
  source: { ref: 'D2', at: 'sharing-transport-addresses.md: DENIED (and a refused CHECK) = STATUS_ACCESS_DENIED; WSA equivalent: docs/SHARING.md#reports', layer: 'WSK' },
};
const USER_INUSE: OutcomeReport = {
  status: 'STATUS_SHARING_VIOLATION', wsaError: 'WSAEADDRINUSE',
  source: { ref: 'POLICY', at: 'docs/POLICY.md#bind: winsock reports STATUS_SHARING_VIOLATION for WSAEADDRINUSE (AFD precedent, Wine afd.c test_bind measured on Windows; docs/SHARING.md#reports)', layer: 'policy' },
};
const USER_DENIED: OutcomeReport = {
  status: 'STATUS_ACCESS_DENIED', wsaError: 'WSAEACCES',
  source: { ref: 'POLICY', at: 'docs/POLICY.md#bind: winsock reports STATUS_ACCESS_DENIED for WSAEACCES (docs/SHARING.md#reports)', layer: 'policy' },
};

/** The three address-sharing profiles (docs/POLICY.md#bind). */
export const SHARING_PROFILES: { readonly [K in SharingProfile['name']]: SharingProfile } = {
  wsk: {
    name: 'wsk', title: 'WSK "Sharing Transport Addresses" table; CHECK = first socket\'s security descriptor must allow the second socket\'s owner',
    tables: [{ name: '', title: 'WSK Sharing Transport Addresses (D2)', orientation: 'rows = SECOND bind, columns = FIRST bind', owners: 'any', cells: WSK_TABLE }],
    overrides: [], inuse: WSK_INUSE, denied: WSK_DENIED,
  },
  winsock: {
    name: 'winsock', title: 'user-mode Winsock, Windows Server 2003 and later: table B (same owner), table C (different owners), measured overrides',
    tables: [
      { name: 'B', title: 'Table B: same user account (W1)', orientation: 'rows = FIRST bind, columns = SECOND bind', owners: 'same', cells: WINSOCK_TABLE_B },
      { name: 'C', title: 'Table C: different user accounts (W1)', orientation: 'rows = FIRST bind, columns = SECOND bind', owners: 'different', cells: WINSOCK_TABLE_C },
    ],
    overrides: WINSOCK_OVERRIDES, inuse: USER_INUSE, denied: USER_DENIED,
  },
  'winsock-xp': {
    name: 'winsock-xp', title: 'user-mode Winsock, Windows XP and earlier: table A',
    tables: [{ name: 'A', title: 'Table A: Windows XP and earlier (W1)', orientation: 'rows = FIRST bind, columns = SECOND bind', owners: 'any', cells: WINSOCK_TABLE_A }],
    overrides: [], inuse: USER_INUSE, denied: USER_DENIED,
  },
};

/** The six bind kinds in the order every table lists them. */
export const BIND_KINDS: readonly BindKind[] = ['D-W', 'D-S', 'R-W', 'R-S', 'E-W', 'E-S'];
