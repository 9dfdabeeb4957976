/*
 * Queries a driver built with `wsksim cc` can make of the harness (not part of any Windows API): the session's
 * policy, profile and completion mode as wsksim's WELCOME stated them, and the deciding rule of the last answer.
 * wsksim's examples use them to state what they expect under each policy.
 *
 * Test hooks: what happens on the network side of the provider (a remote peer connecting or closing, simulated
 * time, a remote listener), sent as EVENT frames (docs/PROTOCOL.md "Harness events"). Include after <ntddk.h>
 * and <wsk.h>. Completion routines of IRPs an event completes (a pending WskAccept) run before the hook returns.
 */
#ifndef WSKSIM_HARNESS_API_H
#define WSKSIM_HARNESS_API_H

/** The policy preset of the session ("strict", "lenient", "windows", ...). */
const char *WsksimPolicy(void);
/** The completion mode of the session: "inline" or "pending". */
const char *WsksimCompletion(void);
/** The address-sharing profile of the session ("wsk", "winsock", "winsock-xp"). */
const char *WsksimProfile(void);
/** The deciding rule id of the last RESULT or COMPLETION (see `wsksim explain`). */
const char *WsksimLastRule(void);

#ifdef _WSK_
/** A remote peer at From connects to the local address To: the listening socket it was routed to (its pending
 *  WskAccept, if any, is completed), or NULL when it was refused (no listener). */
PWSK_SOCKET WsksimIncomingConnection(const SOCKADDR *From, const SOCKADDR *To);
/** The remote peer of a connected socket closes first. */
VOID WsksimPeerClose(PWSK_SOCKET Socket);
/** Simulated time moves on by Seconds (lingering endpoints whose time is up are released); the simulated time
 *  after it, in seconds. */
ULONGLONG WsksimAdvanceTime(ULONG Seconds);
/** A remote listener exists at Address: a WskConnect or WskSocketConnect to it succeeds. */
VOID WsksimAddRemoteListener(const SOCKADDR *Address);
#endif

#endif
