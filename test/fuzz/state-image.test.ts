/**
 * The state image is written by `snapshot` and compared in place by `StateImages.same` (the refresh after every step
 * and the replay's final comparison): two readings of one layout. This test keeps them in step: every socket field a
 * snapshot shows, changed alone, makes `same` answer false, and together the changes cover every word of the image.
 */
import { snapshot, SOCKET_WORDS, socketAt, StateImages, W_LIVE, type Handles } from '../../src/fuzz/state-image';
import { AF, PROTO, SOCK, WSK_FLAG } from '../../src/codec/names';
import { encodeSockaddrText } from '../../src/codec/sockaddr';
import { WskProvider } from '../../src/provider/provider';
import { OPTION_STATE_SLOTS, type SimSocket } from '../../src/provider/socket';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A provider with an IPv6 socket bound to a scoped address and an IPv4 one left unbound, as a World lists them. */
function setup(): { p: WskProvider; ws: Handles; v6: Mutable<SimSocket>; v4: Mutable<SimSocket> } {
  const p = new WskProvider({ arch: 'x64' });
  const make = (family: number): number => p.wskSocket({ family, type: SOCK.SOCK_STREAM, protocol: PROTO.IPPROTO_TCP, flags: WSK_FLAG.WSK_FLAG_LISTEN_SOCKET }).socket;
  const h6 = make(AF.AF_INET6);
  const h4 = make(AF.AF_INET);
  const irp = new Uint8Array(p.layout.sizeofIrp);
  expect(p.wskBind(h6, encodeSockaddrText('[fe80::1:2:3%5]:4242')!, 0, irp)).toBe(0);
  const v6 = p.inspect(h6) as Mutable<SimSocket>;
  const v4 = p.inspect(h4) as Mutable<SimSocket>;
  return { p, ws: { n: 2, handles: [h6, h4] }, v6, v4 };
}

/** The words of the image of (p, ws) that differ from `img`. */
function changedWords(p: WskProvider, ws: Handles, img: Uint32Array, len: number): number[] {
  const now = new Uint32Array(len + SOCKET_WORDS);
  const n = snapshot(p, ws, now);
  expect(n).toBe(len);
  const out: number[] = [];
  for (let i = 0; i < len; i++) if (now[i] !== img[i]) out.push(i);
  return out;
}

describe('state images: snapshot and StateImages.same read one layout', () => {
  const fields: [string, (s: ReturnType<typeof setup>) => void][] = [
    ...Array.from({ length: OPTION_STATE_SLOTS }, (_, j): [string, (s: ReturnType<typeof setup>) => void] => [`option slot ${j}`, (s) => { s.v6.options[j] = s.v6.options[j]! ^ 0x80000001; }]),
    ['bound', (s) => { s.v6.bound = false; }],
    ['port', (s) => { s.v6.port ^= 0x8001; }],
    ['w0', (s) => { s.v6.w0 ^= 0x40000001; }],
    ['w1', (s) => { s.v6.w1 ^= 1; }],
    ['w2', (s) => { s.v6.w2 ^= 1; }],
    ['w3', (s) => { s.v6.w3 ^= 1; }],
    ['scope id', (s) => { s.v6.scopeId ^= 0x80000000; }],
    ['forced-closed', (s) => { s.v6.forcedClosed = true; }],
    ['live (a closed socket)', (s) => { expect(s.p.wskCloseSocket(s.ws.handles[0]!, new Uint8Array(s.p.layout.sizeofIrp))).toBe(0); }],
    ['the endpoint count', (s) => { expect(s.p.wskBind(s.ws.handles[1]!, encodeSockaddrText('127.0.0.1:0')!, 0, new Uint8Array(s.p.layout.sizeofIrp))).toBe(0); }],
  ];

  it.each(fields)('%s, changed alone, changes the image and makes same() false', (_name, change) => {
    const s = setup();
    const images = new StateImages();
    images.reset(s.p, s.ws);
    expect(images.same(s.p, s.ws)).toBe(true);
    change(s);
    expect(changedWords(s.p, s.ws, images.cur, images.curLen).length).toBeGreaterThan(0);
    expect(images.same(s.p, s.ws)).toBe(false);
    images.refresh(s.p, s.ws);
    expect(images.changed).toBe(true);
    expect(images.same(s.p, s.ws)).toBe(true);
  });

  it('the field changes above cover every word of the bound socket\'s image, and the endpoint count', () => {
    // Closing the socket zeroes all its words: it accounts for the live word only.
    const covered = new Set<number>([socketAt(0) + W_LIVE]);
    for (const [name, change] of fields) {
      if (name.startsWith('live')) continue;
      const s = setup();
      const before = new Uint32Array(1 + 2 * SOCKET_WORDS);
      const len = snapshot(s.p, s.ws, before);
      change(s);
      for (const i of changedWords(s.p, s.ws, before, len)) covered.add(i);
    }
    const want = [0, ...Array.from({ length: SOCKET_WORDS }, (_, j) => socketAt(0) + j)];
    expect(want.filter((i) => !covered.has(i))).toEqual([]);
  });

  it('a socket the world does not list is not compared, and an unbound IPv4 socket shows no address', () => {
    const s = setup();
    const images = new StateImages();
    images.reset(s.p, { n: 1, handles: s.ws.handles });
    s.v4.options[0] = 7;
    expect(images.same(s.p, { n: 1, handles: s.ws.handles })).toBe(true);
    expect(images.same(s.p, s.ws)).toBe(false);
  });
});
