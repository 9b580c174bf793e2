/*
 * BM-19 echo app: a WebSocket server (RFC 6455, one thread, epoll) that answers every binary
 * message at once with a mod_audio_stream "streamAudio" text message carrying the same audio
 * (base64 L16 at the given rate). Text messages (the metadata) are read and ignored; ping gets
 * pong; close gets close.
 *
 * Usage: bm19_wsecho -p PORT -r RATE
 *   Prints "LISTENING <port>". Commands on stdin, one per line:
 *     stall MS   stop reading from every connection for MS milliseconds (an app stall)
 *     report     print one JSON line: connections open and accepted, binary messages in, answers out
 *     quit       exit
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "command_lines.h"

#define IN_CAP (256 * 1024)
#define OUT_CAP (1024 * 1024)
#define STDIN_TAG 0xFFFFFFFEu
#define LISTEN_TAG 0xFFFFFFFFu

struct conn {
    int fd;
    int upgraded;
    size_t in_len, out_len;
    uint8_t *in, *out;
};

static struct conn **conns;
static int conns_cap;
static int ep, rate;
static uint64_t accepted, open_now, binary_in, answers_out, out_overflow;
static int64_t stalled_until;

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- SHA-1 (FIPS 180-4), only for Sec-WebSocket-Accept ---- */
static uint32_t rol(uint32_t v, int n) { return (v << n) | (v >> (32 - n)); }

static void sha1(const uint8_t *msg, size_t len, uint8_t out[20]) {
    uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    size_t total = ((len + 8) / 64 + 1) * 64;
    uint8_t *m = calloc(total, 1);
    memcpy(m, msg, len);
    m[len] = 0x80;
    uint64_t bits = (uint64_t)len * 8;
    for (int i = 0; i < 8; i++) m[total - 1 - i] = bits >> (8 * i);
    for (size_t blk = 0; blk < total; blk += 64) {
        uint32_t w[80];
        for (int i = 0; i < 16; i++)
            w[i] = (uint32_t)m[blk + 4 * i] << 24 | m[blk + 4 * i + 1] << 16 | m[blk + 4 * i + 2] << 8 | m[blk + 4 * i + 3];
        for (int i = 16; i < 80; i++) w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; i++) {
            uint32_t f, k;
            if (i < 20) { f = (b & c) | (~b & d); k = 0x5A827999; }
            else if (i < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1; }
            else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC; }
            else { f = b ^ c ^ d; k = 0xCA62C1D6; }
            uint32_t t = rol(a, 5) + f + e + k + w[i];
            e = d; d = c; c = rol(b, 30); b = a; a = t;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
    }
    free(m);
    for (int i = 0; i < 20; i++) out[i] = h[i / 4] >> (24 - 8 * (i % 4));
}

static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static size_t base64(const uint8_t *in, size_t n, char *out) {
    size_t o = 0, i = 0;
    for (; i + 2 < n; i += 3) {
        uint32_t v = in[i] << 16 | in[i + 1] << 8 | in[i + 2];
        out[o++] = B64[v >> 18]; out[o++] = B64[(v >> 12) & 63]; out[o++] = B64[(v >> 6) & 63]; out[o++] = B64[v & 63];
    }
    if (i < n) {
        uint32_t v = in[i] << 16 | (i + 1 < n ? in[i + 1] << 8 : 0);
        out[o++] = B64[v >> 18]; out[o++] = B64[(v >> 12) & 63];
        out[o++] = i + 1 < n ? B64[(v >> 6) & 63] : '=';
        out[o++] = '=';
    }
    return o;
}

/* ---- connections ---- */
static void drop(struct conn *c) {
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    conns[c->fd] = NULL;
    free(c->in);
    free(c->out);
    free(c);
    open_now--;
}

static int flush_out(struct conn *c) {
    while (c->out_len > 0) {
        ssize_t n = write(c->fd, c->out, c->out_len);
        if (n < 0) {
            if (errno == EAGAIN) {
                struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT, .data.u32 = c->fd};
                epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
                return 0;
            }
            return -1;
        }
        memmove(c->out, c->out + n, c->out_len - n);
        c->out_len -= n;
    }
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = c->fd};
    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
    return 0;
}

/* Appends one unmasked server frame; a connection whose reader stopped past OUT_CAP is dropped. */
static int queue_frame(struct conn *c, int opcode, const void *payload, size_t len) {
    if (c->out_len + len + 10 > OUT_CAP) { out_overflow++; return -1; }
    uint8_t *o = c->out + c->out_len;
    size_t h = 0;
    o[h++] = 0x80 | opcode;
    if (len < 126) o[h++] = len;
    else if (len < 65536) { o[h++] = 126; o[h++] = len >> 8; o[h++] = len; }
    else { o[h++] = 127; for (int i = 7; i >= 0; i--) o[h++] = (uint64_t)len >> (8 * i); }
    memcpy(o + h, payload, len);
    c->out_len += h + len;
    return 0;
}

static int answer_audio(struct conn *c, const uint8_t *audio, size_t len) {
    static char msg[OUT_CAP / 2];
    if (len * 4 / 3 + 200 > sizeof msg) return -1;
    int n = sprintf(msg, "{\"type\":\"streamAudio\",\"data\":{\"audioDataType\":\"raw\",\"sampleRate\":%d,\"audioData\":\"", rate);
    n += base64(audio, len, msg + n);
    n += sprintf(msg + n, "\"}}");
    answers_out++;
    return queue_frame(c, 1, msg, n);
}

static int handshake(struct conn *c) {
    uint8_t *end = memmem(c->in, c->in_len, "\r\n\r\n", 4);
    if (!end) return c->in_len < 16384 ? 0 : -1;
    size_t head = end + 4 - c->in;
    c->in[head - 1] = 0;
    char *key = strcasestr((char *)c->in, "\r\nSec-WebSocket-Key:");
    if (!key) return -1;
    key += 20;
    while (*key == ' ') key++;
    char *eol = strstr(key, "\r\n");
    if (!eol || eol - key > 64) return -1;
    char joined[128];
    int kl = (int)(eol - key);
    snprintf(joined, sizeof joined, "%.*s258EAFA5-E914-47DA-95CA-C5AB0DC85B11", kl, key);
    uint8_t digest[20];
    sha1((uint8_t *)joined, strlen(joined), digest);
    char accept[32];
    accept[base64(digest, 20, accept)] = 0;
    int n = snprintf((char *)c->out, OUT_CAP, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            "Connection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n", accept);
    c->out_len = n;
    memmove(c->in, c->in + head, c->in_len - head);
    c->in_len -= head;
    c->upgraded = 1;
    return 1;
}

/* Handles every complete frame in the input buffer; -1 closes the connection. */
static int frames(struct conn *c) {
    size_t at = 0;
    for (;;) {
        uint8_t *f = c->in + at;
        size_t avail = c->in_len - at;
        if (avail < 2) break;
        int opcode = f[0] & 0x0F, masked = f[1] & 0x80;
        uint64_t len = f[1] & 0x7F;
        size_t h = 2;
        if (len == 126) { if (avail < 4) break; len = f[2] << 8 | f[3]; h = 4; }
        else if (len == 127) { if (avail < 10) break; len = 0; for (int i = 0; i < 8; i++) len = len << 8 | f[2 + i]; h = 10; }
        if (len > IN_CAP - 14) return -1;
        size_t mh = masked ? 4 : 0;
        if (avail < h + mh + len) break;
        uint8_t *p = f + h + mh;
        if (masked) for (uint64_t i = 0; i < len; i++) p[i] ^= f[h + (i & 3)];
        if (opcode == 2) { binary_in++; if (answer_audio(c, p, len) < 0) return -1; }
        else if (opcode == 9) { if (queue_frame(c, 10, p, len) < 0) return -1; }
        else if (opcode == 8) { queue_frame(c, 8, p, len < 2 ? len : 2); flush_out(c); return -1; }
        at += h + mh + len;
    }
    memmove(c->in, c->in + at, c->in_len - at);
    c->in_len -= at;
    return 0;
}

static void readable(struct conn *c) {
    for (;;) {
        if (c->in_len == IN_CAP) { drop(c); return; }
        ssize_t n = read(c->fd, c->in + c->in_len, IN_CAP - c->in_len);
        if (n == 0 || (n < 0 && errno != EAGAIN)) { drop(c); return; }
        if (n < 0) break;
        c->in_len += n;
    }
    if (!c->upgraded) {
        int r = handshake(c);
        if (r < 0) { drop(c); return; }
        if (r == 0) return;
    }
    if (frames(c) < 0 || flush_out(c) < 0) drop(c);
}

static void accept_all(int lfd) {
    for (;;) {
        int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK);
        if (fd < 0) return;
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (fd >= conns_cap) {
            int cap = fd * 2 + 16;
            conns = realloc(conns, cap * sizeof *conns);
            memset(conns + conns_cap, 0, (cap - conns_cap) * sizeof *conns);
            conns_cap = cap;
        }
        struct conn *c = calloc(1, sizeof *c);
        c->fd = fd;
        c->in = malloc(IN_CAP);
        c->out = malloc(OUT_CAP);
        conns[fd] = c;
        accepted++;
        open_now++;
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = fd};
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    }
}

static int command(const char *line, void *context) {
    (void)context;
    int ms;
    if (sscanf(line, "stall %d", &ms) == 1) stalled_until = now_ms() + ms;
    else if (!strcmp(line, "report")) {
        printf("{\"open\":%llu,\"accepted\":%llu,\"binary_in\":%llu,\"answers_out\":%llu,\"out_overflow\":%llu}\n",
               (unsigned long long)open_now, (unsigned long long)accepted, (unsigned long long)binary_in,
               (unsigned long long)answers_out, (unsigned long long)out_overflow);
        fflush(stdout);
    }
    return 1;
}

int main(int argc, char **argv) {
    int port = 0;
    rate = 8000;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "-p")) port = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "-r")) rate = atoi(argv[i + 1]);
    }
    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t al = sizeof a;
    if (bind(lfd, (struct sockaddr *)&a, sizeof a) != 0 || listen(lfd, 4096) != 0
            || getsockname(lfd, (struct sockaddr *)&a, &al) != 0) {
        perror("listen");
        return 1;
    }
    printf("LISTENING %d\n", ntohs(a.sin_port));
    fflush(stdout);
    ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = LISTEN_TAG};
    epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
    struct epoll_event in = {.events = EPOLLIN, .data.u32 = STDIN_TAG};
    epoll_ctl(ep, EPOLL_CTL_ADD, 0, &in);
    struct epoll_event events[512];
    for (;;) {
        int64_t wait = stalled_until - now_ms();
        if (wait > 0) {
            /* a stalled app reads and answers nothing: the gateway's messages wait in the socket */
            usleep(wait > 10 ? 10000 : (useconds_t)wait * 1000);
            continue;
        }
        int n = epoll_wait(ep, events, 512, 1000);
        for (int e = 0; e < n; e++) {
            uint32_t tag = events[e].data.u32;
            if (tag == STDIN_TAG) { if (!read_commands(command, NULL)) return 0; }
            else if (tag == LISTEN_TAG) accept_all(lfd);
            else if (tag < (uint32_t)conns_cap && conns[tag]) {
                struct conn *c = conns[tag];
                if (events[e].events & EPOLLOUT) { if (flush_out(c) < 0) { drop(c); continue; } }
                if (events[e].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) readable(c);
            }
        }
    }
}
