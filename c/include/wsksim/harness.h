/*
 * Queries a driver built with `wsksim cc` can make of the harness (not part of any Windows API): the session's
 * policy, profile and completion mode as wsksim's WELCOME stated them, and the deciding rule of the last answer.
 * wsksim's examples use them to state what they expect under each policy.
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

#endif
