/**
 * Provider dispatch tables: which WSK functions each socket category's dispatch structure contains. Data only.
 */
import type { Citation, DispatchTable, SocketCategory } from './schema';

const WSK_H = (struct: string): Citation => ({ ref: 'H-wsk', at: `km/wsk.h typedef struct _${struct} (WDK 10)`, layer: 'header' });

/** Dispatch table per socket category; every table begins with WSK_PROVIDER_BASIC_DISPATCH. */
export const DISPATCH_TABLES: { readonly [K in SocketCategory]: DispatchTable } = {
  basic: {
    category: 'basic', flag: 'WSK_FLAG_BASIC_SOCKET', structName: 'WSK_PROVIDER_BASIC_DISPATCH',
    functions: ['WskControlSocket', 'WskCloseSocket'],
    source: WSK_H('WSK_PROVIDER_BASIC_DISPATCH'),
  },
  listen: {
    category: 'listen', flag: 'WSK_FLAG_LISTEN_SOCKET', structName: 'WSK_PROVIDER_LISTEN_DISPATCH',
    functions: ['WskControlSocket', 'WskCloseSocket', 'WskBind', 'WskAccept', 'WskInspectComplete', 'WskGetLocalAddress'],
    source: WSK_H('WSK_PROVIDER_LISTEN_DISPATCH'),
  },
  datagram: {
    category: 'datagram', flag: 'WSK_FLAG_DATAGRAM_SOCKET', structName: 'WSK_PROVIDER_DATAGRAM_DISPATCH',
    functions: ['WskControlSocket', 'WskCloseSocket', 'WskBind', 'WskSendTo', 'WskReceiveFrom', 'WskRelease', 'WskGetLocalAddress', 'WskSendMessages'],
    source: WSK_H('WSK_PROVIDER_DATAGRAM_DISPATCH'),
  },
  connection: {
    category: 'connection', flag: 'WSK_FLAG_CONNECTION_SOCKET', structName: 'WSK_PROVIDER_CONNECTION_DISPATCH',
    functions: ['WskControlSocket', 'WskCloseSocket', 'WskBind', 'WskConnect', 'WskGetLocalAddress', 'WskGetRemoteAddress', 'WskSend', 'WskReceive', 'WskDisconnect', 'WskRelease', 'WskConnectEx'],
    source: WSK_H('WSK_PROVIDER_CONNECTION_DISPATCH'),
  },
  stream: {
    category: 'stream', flag: 'WSK_FLAG_STREAM_SOCKET', structName: 'WSK_PROVIDER_STREAM_DISPATCH',
    functions: ['WskControlSocket', 'WskCloseSocket', 'WskBind', 'WskAccept', 'WskConnect', 'WskListen', 'WskSend', 'WskReceive', 'WskDisconnect', 'WskRelease', 'WskGetLocalAddress', 'WskGetRemoteAddress', 'WskConnectEx'],
    source: WSK_H('WSK_PROVIDER_STREAM_DISPATCH'),
  },
};
