/*
 * frame-bench: a minimal client of the wsksim wire protocol (docs/PROTOCOL.md) that measures, in one session,
 * the round trip of a WskControlSocket Set of SO_EXCLUSIVEADDRUSE against a bare ECHO of a frame of the same size.
 * Run it with `wsksim drive -- frame-bench.exe N`; it prints one JSON line on stderr and exits 0.
 * Build: x86_64-w64-mingw32-gcc -O2 -o frame-bench.exe frame-bench.c
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static HANDLE in, out;
static unsigned char rx[1 << 16];
static unsigned char tx[1024];
static unsigned seq;

static void die(const char *what)
{
    fprintf(stderr, "frame-bench: %s\n", what);
    ExitProcess(2);
}

static void put32(unsigned char *p, unsigned v) { p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24; }
static unsigned get32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (unsigned)p[3] << 24; }

static void write_all(const unsigned char *p, DWORD n)
{
    while (n > 0) {
        DWORD w = 0;
        if (!WriteFile(out, p, n, &w, NULL) || w == 0) die("write failed");
        p += w; n -= w;
    }
}

static void read_all(unsigned char *p, DWORD n)
{
    while (n > 0) {
        DWORD r = 0;
        if (!ReadFile(in, p, n, &r, NULL) || r == 0) die("the server closed the channel");
        p += r; n -= r;
    }
}

/* Read one frame into rx; returns its type. */
static unsigned read_frame(unsigned *len)
{
    read_all(rx, 4);
    *len = get32(rx);
    if (*len < 8 || *len > sizeof rx - 4) die("frame too large for this client");
    read_all(rx + 4, *len);
    return rx[4] | rx[5] << 8;
}

/* Start a frame in tx; returns the payload offset. */
static unsigned begin(unsigned type, unsigned s)
{
    tx[4] = type; tx[5] = type >> 8; tx[6] = 0; tx[7] = 0;
    put32(tx + 8, s);
    return 12;
}

static void finish(unsigned end) { put32(tx, end - 4); write_all(tx, end); }

static unsigned put_value(unsigned at, unsigned long long v)
{
    tx[at] = 1;
    for (int i = 0; i < 8; i++) tx[at + 1 + i] = (unsigned char)(v >> (8 * i));
    return at + 9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 2000;
    unsigned len, at, callLen;
    LARGE_INTEGER f, t0, t1;
    double *echo = malloc(sizeof(double) * n), *call = malloc(sizeof(double) * n);
    in = GetStdHandle(STD_INPUT_HANDLE);
    out = GetStdHandle(STD_OUTPUT_HANDLE);
    QueryPerformanceFrequency(&f);

    at = begin(0x0001, ++seq);
    put32(tx + at, 0x534B5357); tx[at + 4] = 1; tx[at + 5] = 0; tx[at + 6] = sizeof(void *); tx[at + 7] = 0;
    tx[at + 8] = 11; tx[at + 9] = 0; memcpy(tx + at + 10, "frame-bench", 11);
    finish(at + 21);
    if (read_frame(&len) != 0x0002) die("no WELCOME");

    /* WskSocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_LISTEN_SOCKET, NULL, NULL) */
    at = begin(0x0010, ++seq);
    put32(tx + at, 1); put32(tx + at + 4, 6); at += 8;
    at = put_value(at, 2); at = put_value(at, 1); at = put_value(at, 6); at = put_value(at, 1); at = put_value(at, 0);
    tx[at++] = 3;
    finish(at);
    if (read_frame(&len) != 0x0011 || get32(rx + 16) != 0) die("WskSocket failed");

    for (int i = 0; i < 2 * n + 200; i++) {
        int measured = i >= 200, isCall = (i & 1) == 0, k = (i - 200) / 2;
        if (isCall) {
            /* WskControlSocket(1, WskSetOption, SO_EXCLUSIVEADDRUSE, SOL_SOCKET, 4, &TRUE, 0, NULL, NULL, Irp) */
            at = begin(0x0010, ++seq);
            put32(tx + at, 4); put32(tx + at + 4, 10); at += 8;
            tx[at] = 2; memset(tx + at + 1, 0, 8); tx[at + 1] = 1; at += 9;
            at = put_value(at, 0); at = put_value(at, 0xFFFFFFFBu); at = put_value(at, 0xFFFF); at = put_value(at, 4);
            tx[at] = 4; put32(tx + at + 1, 4); put32(tx + at + 5, 1); at += 9;
            at = put_value(at, 0);
            tx[at++] = 3; tx[at++] = 3;
            tx[at] = 5; put32(tx + at + 1, 208); memset(tx + at + 5, 0xcc, 208); at += 213;
            callLen = at;
        } else {
            at = begin(0x0040, 0);
            memset(tx + at, 0x5a, callLen - at);
            at = callLen;
        }
        QueryPerformanceCounter(&t0);
        finish(at);
        unsigned type = read_frame(&len);
        QueryPerformanceCounter(&t1);
        if (isCall && (type != 0x0011 || get32(rx + 16) != 0)) die("the Set did not succeed");
        if (!isCall && type != 0x0040) die("no ECHO");
        if (measured) (isCall ? call : echo)[k] = (double)(t1.QuadPart - t0.QuadPart) * 1e6 / (double)f.QuadPart;
    }
    qsort(echo, n, sizeof(double), cmp);
    qsort(call, n, sizeof(double), cmp);
    fprintf(stderr, "{\"n\":%d,\"frameBytes\":%u,\"callP50\":%.2f,\"callP99\":%.2f,\"echoP50\":%.2f,\"echoP99\":%.2f}\n",
            n, callLen, call[n / 2], call[n * 99 / 100], echo[n / 2], echo[n * 99 / 100]);
    at = begin(0x0030, ++seq);
    put32(tx + at, 0);
    finish(at + 4);
    return 0;
}
